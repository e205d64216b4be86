import Foundation
import OutcryCore
import OutcryStorage
import Testing

/// One pipeline per store: the lease `outcry run` takes before it fetches anything.
@Suite struct PipelineLeaseTests {
    /// Waits (a little: a PostgreSQL server drops a closed session's locks asynchronously).
    static func eventually(within seconds: Double = 5, _ condition: () throws -> Bool) throws -> Bool {
        for _ in 0..<Int(seconds * 10) {
            if try condition() { return true }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return false
    }

    @Test(arguments: StoreBackend.sharable)
    func oneLeaderAtATimeAndTheLeaseGoesWithItsHolder(_ backend: StoreBackend) throws {
        var (a, b): ((any Store)?, any Store) = try backend.openTwice()
        #expect(try b.pipelineLeader() == nil)
        #expect(try a!.tryLeadPipeline())
        #expect(try a!.tryLeadPipeline(), "asking again keeps it")
        #expect(try !b.tryLeadPipeline())
        #expect(try b.pipelineLeader() == WorkerIdentity.current.description)
        a = nil   // the leader stops (or dies): its lease goes with it
        #expect(try Self.eventually { try b.pipelineLeader() == nil })
        #expect(try b.tryLeadPipeline())
    }

    @Test func privateStoresAlwaysLead() throws {
        #expect(try SQLiteStore(path: ":memory:").tryLeadPipeline())
        #expect(try SQLiteStore.temporary().tryLeadPipeline())
    }

    /// A session the server dropped is reopened for a store that only reads and writes; a store
    /// leading the pipeline stops instead, its lease gone with the session.
    @Test(.enabled(if: StoreBackend.postgresURL != nil))
    func aLostSessionIsReopenedUnlessItHeldTheLease() throws {
        let schema = StoreBackend.freshSchema()
        let reader = try PostgresStore(uri: StoreBackend.postgresURL!, schema: schema)
        let leader = try PostgresStore(uri: StoreBackend.postgresURL!, schema: schema)
        #expect(try leader.tryLeadPipeline())
        try leader.commit(StoreTests.sampleBatch())
        // The reader has written too: its session holds the statements of a commit, prepared.
        func post(_ id: String) -> StoreBatch {
            var b = StoreBatch()
            b.posts = [Post(id: id, source: "t", author: "a", text: "京东", createdAt: Date(timeIntervalSince1970: 1_520_000_000))]
            b.mentions = [(id, "jd", false)]
            return b
        }
        try reader.commit(post("r1"))
        let psql = Process()
        psql.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
        psql.arguments = ["-qAt", StoreBackend.postgresURL!, "-c", "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid IN (\(reader.backendPID), \(leader.backendPID))"]
        psql.standardOutput = FileHandle.nullDevice
        try psql.run()
        psql.waitUntilExit()
        #expect(psql.terminationStatus == 0)
        // The reopened session prepares them again.
        try reader.commit(post("r2"))
        #expect(try reader.postCount() == 4)
        do {
            _ = try leader.postCount()
            Issue.record("the leader carried on without its lease")
        } catch let error as PostgresError {
            #expect("\(error)".contains("pipeline lease was lost"))
        }
        // Its lease is free: a standby takes over.
        #expect(try Self.eventually { try reader.tryLeadPipeline() })
    }

    /// Deployments in different schemas of one PostgreSQL database lead their own pipelines.
    @Test(.enabled(if: StoreBackend.postgresURL != nil))
    func schemasLeadSeparately() throws {
        let a = try StoreBackend.postgres.open(), b = try StoreBackend.postgres.open()
        #expect(try a.tryLeadPipeline())
        #expect(try b.tryLeadPipeline())
    }
}

import Foundation
import OutcryCore
@testable import OutcryStorage
import OutcryTesting
import Testing

/// A PostgreSQL store filled in one go (a replay, a restore) is planned on real statistics by
/// the first process that opens it after, not after autovacuum's next pass.
@Suite struct PostgresStatisticsTests {
    @Test(.enabled(if: StoreBackend.postgresURL != nil))
    func aBulkFilledStoreIsAnalyzedWhenOpened() throws {
        let schema = StoreBackend.freshSchema()
        let t0 = Date(timeIntervalSince1970: 1_520_992_032)
        do {
            let store = try PostgresStore(uri: StoreBackend.postgresURL!, schema: schema)
            var batch = StoreBatch()
            batch.posts = (0..<3_000).map { Post(id: "p\($0)", source: "weibo", author: "a\($0)", text: "京东", createdAt: t0.addingTimeInterval(Double($0))) }
            try store.commit(batch)
        }
        let connection = try PostgresConnection(uri: StoreBackend.postgresURL!, schema: schema)
        func post(_ column: String) throws -> String? {
            try connection.execute("SELECT \(column) AS v FROM pg_stat_user_tables WHERE schemaname = current_schema() AND relname = 'post'")
                .rows.first?.optionalString("v")
        }
        // The writer's counts reach the server's statistics when its session has ended.
        let deadline = Date().addingTimeInterval(10)
        while try post("n_mod_since_analyze").flatMap(Int.init) ?? 0 < 3_000, Date() < deadline { usleep(50_000) }
        #expect(try post("n_mod_since_analyze") == "3000")
        let before = try post("last_analyze")
        _ = try PostgresStore(uri: StoreBackend.postgresURL!, schema: schema)
        #expect(try post("n_mod_since_analyze") == "0")
        #expect(try post("last_analyze") != nil && post("last_analyze") != before)
    }

    /// A dashboard on years of posts shows PostgreSQL's estimate of their number, not a count
    /// that reads the whole table on every refresh; a small store's number is exact.
    @Test(.enabled(if: StoreBackend.postgresURL != nil))
    func aLargeStoresPostsAreShownByEstimate() throws {
        let schema = StoreBackend.freshSchema()
        let store = try PostgresStore(uri: StoreBackend.postgresURL!, schema: schema)
        var batch = StoreBatch()
        batch.posts = (0..<3).map { Post(id: "p\($0)", source: "weibo", author: "a", text: "京东", createdAt: Date(timeIntervalSince1970: Double($0))) }
        try store.commit(batch)
        #expect(try store.postCountForDisplay() == 3)
        // What the planner believes after analysing a table of 7 million posts (the test server's
        // user may write the catalogue).
        let connection = try PostgresConnection(uri: StoreBackend.postgresURL!, schema: schema)
        try connection.execute("UPDATE pg_class SET reltuples = 7000000 WHERE oid = 'post'::regclass")
        #expect(try store.postCountForDisplay() == 7_000_000)
        #expect(try store.postCount() == 3)
    }
}

import Foundation
import OutcryAlerting
import OutcryCore
import OutcryStorage
import OutcryTesting
import Testing

/// One suite, every backend available here: SQLite in memory, on disk, and SQLite's private
/// temporary database (replay's default); PostgreSQL when `OUTCRY_TEST_POSTGRES` names a server
/// (`make test` starts one on loopback: scripts/with-postgres.sh), each test in a schema of its own.
enum StoreBackend: String, CaseIterable, CustomTestStringConvertible {
    case memory, file, temporary, postgres
    var testDescription: String { rawValue }

    static var allCases: [StoreBackend] {
        [.memory, .file, .temporary] + (postgresURL == nil ? [] : [.postgres])
    }

    static var postgresURL: String? {
        ProcessInfo.processInfo.environment["OUTCRY_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }
    }

    func open() throws -> any Store {
        switch self {
        case .memory: try SQLiteStore(path: ":memory:")
        case .file: try SQLiteStore(path: Fixtures.temporaryDirectory() + "/outcry.db")
        case .temporary: try SQLiteStore.temporary()
        case .postgres: try PostgresStore(uri: Self.postgresURL!, schema: Self.freshSchema())
        }
    }

    /// Two handles on one new store, as two workers (processes or machines) have: the backends
    /// that can be shared (an SQLite file, a PostgreSQL schema).
    static var sharable: [StoreBackend] { allCases.filter { $0 == .file || $0 == .postgres } }

    func openTwice() throws -> (any Store, any Store) {
        switch self {
        case .file:
            let path = try Fixtures.temporaryDirectory() + "/outcry.db"
            return (try SQLiteStore(path: path), try SQLiteStore(path: path))
        case .postgres:
            let schema = Self.freshSchema()
            return (try PostgresStore(uri: Self.postgresURL!, schema: schema), try PostgresStore(uri: Self.postgresURL!, schema: schema))
        case .memory, .temporary:
            preconditionFailure("\(self) stores cannot be shared")
        }
    }

    /// A schema name no other test uses.
    static func freshSchema() -> String {
        "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
    }
}

@Suite struct StoreTests {
    static let t0 = Timestamp.parse("2018-03-14T10:00:00+08:00")!

    static func sampleBatch() -> StoreBatch {
        var b = StoreBatch()
        b.posts = [Post(id: "p1", source: "weibo", author: "六六", followers: 12_600_000, text: "无赖京东 '); DROP TABLE post; --", createdAt: t0),
                   Post(id: "p2", source: "weibo", author: "u", text: "京东", createdAt: t0.addingTimeInterval(60))]
        b.mentions = [("p1", "jd", true), ("p2", "jd", false)]
        b.buckets = [Bucket(topic: "jd", start: t0, count: 2, complaints: 1, reach: 12_600_001, topAuthor: "六六", topAuthorFollowers: 12_600_000)]
        let spike = Spike(id: "S-jd-1", topic: "jd", start: t0, detectedAt: t0, severity: .watch, score: 7, volume: 2, baseline: 0.5,
                          negativeShare: 0.5, usualComplaints: 0.25, reach: 12_600_001, topTerms: ["无赖京东"], samplePosts: ["p1"])
        b.spikes = [spike]
        b.spikeEvents = [.step(.opened, of: spike, at: t0)]
        let links = [LinkedTicket(id: "TK-1", score: 0.9, reasons: ["same order 7235…"])]
        b.links = [("S-jd-1", links)]
        b.tickets = [Ticket(id: "TK-1", createdAt: t0.addingTimeInterval(-86_400), status: .closed, subject: "s", body: "b",
                            events: [TicketEvent(at: t0.addingTimeInterval(-3600), actor: .customer, kind: .message, text: "我要曝光")])]
        let alert = Alert(spike: spike, at: t0, linkedTickets: links)
        b.alerts = [alert]
        b.notifications = [(AlertNotification(id: "N-1", receiver: "pr", groupKey: "route|pr|topic=jd", groupLabels: ["topic": "jd"],
                                              kind: .firing, alertIDs: [alert.id], newAlertIDs: [alert.id], createdAt: t0, sequence: 1),
                            ["console", "webhook"])]
        return b
    }

    /// Each replay gets a store of its own, with nothing of another's.
    @Test func temporaryStoresAreSeparate() throws {
        let a = try SQLiteStore.temporary(), b = try SQLiteStore.temporary()
        try a.commit(Self.sampleBatch())
        #expect(try a.postCount() == 2)
        #expect(try b.postCount() == 0)
    }

    @Test(arguments: StoreBackend.allCases)
    func commitIsIdempotentAndReadsBack(_ backend: StoreBackend) throws {
        let store = try backend.open()
        try store.commit(Self.sampleBatch())
        try store.commit(Self.sampleBatch())
        #expect(try store.postCount() == 2)
        #expect(try store.posts(ids: ["p1"]).first?.text == "无赖京东 '); DROP TABLE post; --")
        #expect(try store.posts(topic: "jd", from: Self.t0, to: Self.t0.addingTimeInterval(3600), limit: 10).map(\.id) == ["p1", "p2"])
        #expect(try store.spikes().count == 1)
        #expect(try store.spikes().first?.usualComplaints == 0.25)
        #expect(try store.alerts().count == 1)
        #expect(try store.alerts().first?.usualComplaints == 0.25)
        #expect(try store.outbox(status: .pending).count == 2)
        #expect(try store.links(spikeID: "S-jd-1").first?.reasons == ["same order 7235…"])
        #expect(try store.tickets().first?.events.first?.text == "我要曝光")
        #expect(try store.buckets(topic: "jd", from: Self.t0, to: Self.t0.addingTimeInterval(600)).first?.count == 2)
        #expect(try store.mentionCounts(topics: ["jd"], from: Self.t0, to: Self.t0.addingTimeInterval(3600))["jd"]?.complaints == 1)
    }

    @Test func survivesReopening() throws {
        let path = try Fixtures.temporaryDirectory() + "/outcry.db"
        try SQLiteStore(path: path).commit(Self.sampleBatch())
        let reopened = try SQLiteStore(path: path)
        #expect(try reopened.postCount() == 2)
        #expect(try reopened.outbox(status: .pending).map(\.channel).sorted() == ["console", "webhook"])
    }
}

@Suite struct OutboxDispatcherTests {
    @Test func retriesRetryableFailuresThenDelivers() async throws {
        let store = try SQLiteStore(path: ":memory:")
        try store.commit(StoreTests.sampleBatch())
        let flaky = RecordingNotifier(channel: "webhook", script: [.failed(retryable: true, message: "HTTP 503"), .failed(retryable: true, message: "timeout")])
        let console = RecordingNotifier(channel: "console")
        let dispatcher = OutboxDispatcher(store: store, notifiers: [flaky, console])
        var now = StoreTests.t0
        #expect(try await dispatcher.drain(at: now) == 1)
        #expect(try store.outbox(status: .pending).first?.lastError == "HTTP 503")
        #expect(try await dispatcher.drain(at: now) == 0)   // not due yet: backoff
        now = now.addingTimeInterval(3600)
        #expect(try await dispatcher.drain(at: now) == 0)
        now = now.addingTimeInterval(3600)
        #expect(try await dispatcher.drain(at: now) == 1)
        #expect(try store.outbox(status: .delivered).count == 2)
        #expect(flaky.delivered.map(\.key) == ["N-1|webhook"])
        #expect(flaky.deliveries.first?.posts["p1"]?.author == "六六")
        #expect(flaky.deliveries.first?.tickets["TK-1"]?.events.first?.text == "我要曝光")
    }

    @Test func permanentFailureGoesToDeadLetterWithItsError() async throws {
        let store = try SQLiteStore(path: ":memory:")
        try store.commit(StoreTests.sampleBatch())
        let broken = RecordingNotifier(channel: "webhook", script: [.failed(retryable: false, message: "HTTP 404")])
        try await OutboxDispatcher(store: store, notifiers: [broken]).drain(at: StoreTests.t0)
        let dead = try store.outbox(status: .dead)
        #expect(dead.map(\.channel) == ["webhook"])
        #expect(dead.first?.lastError == "HTTP 404")
        // The console channel had no notifier configured: it waits, it is not lost.
        #expect(try store.outbox(status: .pending).map(\.channel) == ["console"])
    }

    @Test func backoffGrowsAndHonoursRetryAfter() throws {
        let d = OutboxDispatcher(store: try SQLiteStore(path: ":memory:"), notifiers: [])
        #expect(d.backoff(1, retryAfter: nil, key: "k") < d.backoff(4, retryAfter: nil, key: "k"))
        #expect(d.backoff(1, retryAfter: 120, key: "k") >= 120)
        #expect(d.backoff(30, retryAfter: nil, key: "k") <= d.maxDelay * 1.25)
    }
}

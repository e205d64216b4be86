import Foundation
import GRDB
import OutcryCore
@testable import OutcryStorage
import OutcryTesting
import Testing

/// A spike's alerts, their deliveries and acknowledgements are read by index: the timeline, the
/// alert list and the dashboard find them through the notifications that carried each alert,
/// on every backend and in stores written before the index existed.
@Suite struct HistoryLookupTests {
    static let t0 = StoreTests.t0

    /// Two spikes. The first spike's watch and warning alerts are grouped: one notification
    /// carries both to two channels, a reminder carries the warning alone to one. The second
    /// spike's alert has a notification of its own.
    static func batch() -> StoreBatch {
        var b = StoreTests.sampleBatch()
        b.notifications = []
        let spike = b.spikes[0]
        var warning = Alert(spike: spike, at: t0.addingTimeInterval(600), linkedTickets: [])
        (warning.id, warning.severity) = ("A-jd-warning", .warning)
        var other = Alert(spike: spike, at: t0.addingTimeInterval(300), linkedTickets: [])
        (other.id, other.spikeID) = ("A-other", "S-other")
        b.alerts += [warning, other]
        let watch = b.alerts[0].id
        func notification(_ id: String, _ receiver: String, _ alerts: [String], at seconds: Double) -> AlertNotification {
            AlertNotification(id: id, receiver: receiver, groupKey: "route|\(receiver)", groupLabels: [:], kind: .firing,
                              alertIDs: alerts, newAlertIDs: alerts, createdAt: t0.addingTimeInterval(seconds), sequence: 1)
        }
        b.notifications = [(notification("N-group", "pr", [warning.id, watch], at: 600), ["pr/slack", "pr/email"]),
                           (notification("N-reminder", "lead", [warning.id], at: 4_200), ["lead/feishu"]),
                           (notification("N-other", "pr", [other.id], at: 300), ["pr/slack"])]
        b.acknowledgements = [Acknowledgement(alertID: warning.id, spikeID: spike.id, at: t0.addingTimeInterval(900), author: "pr"),
                              Acknowledgement(alertID: other.id, spikeID: "S-other", at: t0.addingTimeInterval(400), author: "cx")]
        return b
    }

    /// What the batch's deliveries come to once the group's Slack entry is delivered and the
    /// reminder's is dead.
    static func expectFound(in store: any Store, legacy: Bool = false) throws {
        let watch = StoreTests.sampleBatch().alerts[0].id
        #expect(try store.alerts(spikeID: "S-jd-1").map(\.id) == [watch, "A-jd-warning"])
        #expect(try store.acknowledgements(spikeID: "S-jd-1").map(\.alertID) == ["A-jd-warning"])
        let found = try store.deliveries(alertIDs: [watch, "A-jd-warning"])
        #expect(found.map { "\($0.alertID) \($0.entry.id) \($0.receiver ?? "-")" } == [
            "\(watch) N-group|pr/email pr", "A-jd-warning N-group|pr/email pr",
            "\(watch) N-group|pr/slack pr", "A-jd-warning N-group|pr/slack pr",
            "A-jd-warning N-reminder|lead/feishu lead"])
        let summary = AlertDeliveries.byAlert(found)
        #expect(summary[watch].map { "\($0.delivered)/\($0.pending)/\($0.dead) \($0.receivers.sorted()) \($0.deliveredChannels.sorted())" }
                == "1/1/0 [\"pr\"] [\"pr/slack\"]")
        #expect(summary["A-jd-warning"].map { "\($0.delivered)/\($0.pending)/\($0.dead) \($0.receivers.sorted())" }
                == "1/1/1 [\"lead\", \"pr\"]")
        #expect(try store.deliveries(alertIDs: ["A-other"]).map { "\($0.entry.id) \($0.receiver ?? "-")" }
                == (legacy ? ["legacy|webhook -"] : []) + ["N-other|pr/slack pr"])
        #expect(try store.deliveries(alertIDs: []).isEmpty)
    }

    static func deliverAndFail(_ store: any Store) throws {
        try store.markDelivered(["N-group|pr/slack"], at: t0.addingTimeInterval(601))
        try store.markFailed("N-reminder|lead/feishu", error: "HTTP 410", retryAt: nil)
    }

    @Test(arguments: StoreBackend.allCases)
    func anAlertsDeliveriesComeThroughEveryNotificationThatCarriedIt(_ backend: StoreBackend) throws {
        let store = try backend.open()
        try store.commit(Self.batch())
        try store.commit(Self.batch())   // idempotent: no pair twice
        try Self.deliverAndFail(store)
        try Self.expectFound(in: store)
        // Any number of alerts: more than one statement binds, still one answer in order.
        let many = (0..<25_000).map { "A-absent-\($0)" }
        #expect(try store.deliveries(alertIDs: many + ["A-jd-warning"] + many.prefix(100)) == store.deliveries(alertIDs: ["A-jd-warning"]))
    }

    /// What a running monitor asks once a second: the acknowledgements of the alerts it holds
    /// (in the order asked), and the silences not yet over.
    @Test(arguments: StoreBackend.allCases)
    func acknowledgementsByAlertAndSilencesNotYetOver(_ backend: StoreBackend) throws {
        let store = try backend.open()
        var b = Self.batch()
        b.silences = [Silence(id: "SIL-over", matchers: ["topic=jd"], startsAt: Self.t0, endsAt: Self.t0.addingTimeInterval(600), author: "pr", comment: ""),
                      Silence(id: "SIL-on", matchers: ["topic=jd"], startsAt: Self.t0, endsAt: Self.t0.addingTimeInterval(7_200), author: "pr", comment: "")]
        try store.commit(b)
        #expect(try store.acknowledgements(alertIDs: ["A-other", "A-none", "A-jd-warning"]).map(\.author) == ["cx", "pr"])
        #expect(try store.silences(endingAfter: Self.t0.addingTimeInterval(600)).map(\.id) == ["SIL-on"])
        #expect(try store.silences(endingAfter: Self.t0.addingTimeInterval(599)).map(\.id) == ["SIL-on", "SIL-over"])
        #expect(try store.silences().count == 2)
    }

    /// The spikes a dashboard, a timeline or a command names, each read by index: by id, by
    /// topic, open at a moment (detected by then, closing after it), and a topic's over a range.
    @Test(arguments: StoreBackend.allCases)
    func spikesAreReadByIdTopicMomentAndRange(_ backend: StoreBackend) throws {
        let store = try backend.open()
        func spike(_ id: String, _ topic: String, start: Double, closed: Double?) -> Spike {
            Spike(id: id, topic: topic, start: Self.t0.addingTimeInterval(start), detectedAt: Self.t0.addingTimeInterval(start + 600),
                  severity: .watch, state: closed == nil ? .open : .closed, score: 5, volume: 10, baseline: 1, negativeShare: 0.5,
                  reach: 10, topTerms: [], samplePosts: [], closedAt: closed.map { Self.t0.addingTimeInterval($0) })
        }
        var b = StoreBatch()
        b.spikes = [spike("S-jd-a", "jd", start: 0, closed: 7_200), spike("S-jd-b", "jd", start: 10_800, closed: nil),
                    spike("S-other", "other", start: 1_800, closed: 3_600)]
        try store.commit(b)
        func ids(_ filter: SpikeFilter) throws -> [String] { try store.spikes(filter).map(\.id) }
        #expect(try ids(.id("S-other")) == ["S-other"])
        #expect(try ids(.id("S-none")).isEmpty)
        #expect(try ids(.topic("jd")) == ["S-jd-a", "S-jd-b"])
        #expect(try ids(.openAt(Self.t0.addingTimeInterval(2_400))) == ["S-jd-a", "S-other"])
        #expect(try ids(.openAt(Self.t0.addingTimeInterval(599))).isEmpty)          // not detected yet
        #expect(try ids(.openAt(Self.t0.addingTimeInterval(7_200))).isEmpty)        // closed at that moment
        #expect(try ids(.openAt(Self.t0.addingTimeInterval(86_400))) == ["S-jd-b"])
        #expect(try ids(.topicOverlapping("jd", from: Self.t0.addingTimeInterval(7_200), to: Self.t0.addingTimeInterval(9_000))) == ["S-jd-a"])
        #expect(try ids(.topicOverlapping("jd", from: Self.t0.addingTimeInterval(7_201), to: Self.t0.addingTimeInterval(10_800))) == ["S-jd-b"])
        #expect(try ids(.topicOverlapping("other", from: Self.t0, to: Self.t0.addingTimeInterval(86_400))) == ["S-other"])
    }

    /// An SQLite store written before the index: opening it fills the index from the
    /// notifications already stored, and an entry from before routing (no notification) still
    /// counts for its own alert.
    @Test func anOlderSQLiteStoreFindsItsHistoryOnceOpened() throws {
        let path = try Fixtures.temporaryDirectory() + "/outcry.db"
        do {
            let store = try SQLiteStore(path: path)
            try store.commit(Self.batch())
            try Self.deliverAndFail(store)
        }
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: Self.undoSQL + "DELETE FROM grdb_migrations WHERE identifier = 'v16-history-lookups';")
            try db.execute(sql: """
                INSERT INTO outbox (id, alert_id, channel, status, attempts, next_attempt_at, created_at, delivered_at)
                VALUES ('legacy|webhook', 'A-other', 'webhook', 'delivered', 1, 0, ?, ?)
                """, arguments: [Self.t0.timeIntervalSince1970, Self.t0.timeIntervalSince1970])
        }
        let store = try SQLiteStore(path: path)
        try Self.expectFound(in: store, legacy: true)
    }

    /// The same for PostgreSQL, whose notifications' alert lists are read as `jsonb`.
    @Test(.enabled(if: StoreBackend.postgresURL != nil))
    func anOlderPostgresStoreFindsItsHistoryOnceOpened() throws {
        let schema = StoreBackend.freshSchema()
        do {
            let store = try PostgresStore(uri: StoreBackend.postgresURL!, schema: schema)
            try store.commit(Self.batch())
            try Self.deliverAndFail(store)
        }
        let connection = try PostgresConnection(uri: StoreBackend.postgresURL!, schema: schema)
        try connection.executeScript(Self.undoSQL + "DELETE FROM outcry_schema WHERE step = 'v7-history-lookups';")
        try Self.expectFound(in: PostgresStore(uri: StoreBackend.postgresURL!, schema: schema))
    }

    /// Back to the schema before the index.
    static let undoSQL = """
        DROP TABLE notification_alert; DROP INDEX outbox_notification; DROP INDEX outbox_unrouted_alert;
        DROP INDEX alert_spike; DROP INDEX acknowledgement_spike; DROP INDEX spike_topic; DROP INDEX spike_closed;
        """

}

import Foundation
import OutcryAlerting
import OutcryCore
import OutcryPipeline
import OutcryStorage
import OutcryTesting
import Testing

/// Acknowledgements and silences reach a running monitor through the store (the CLI and the
/// dashboard write them from other processes). The monitor reads only those that can still
/// matter — its own alerts' acknowledgements, the silences not yet over — and asks about an
/// alert as soon as it holds it, not at the next second of wall time.
@Suite struct MonitorControlTests {
    /// The demo incident through a monitor that reminds every hour, into `store`; the
    /// notifications the store then holds.
    static func notifications(into store: any Store) async throws -> [AlertNotification] {
        let (_, input) = try Demo.load(configDir: Fixtures.root)
        var alerting = AlertingConfig.immediate(channels: ["test"])
        alerting.route.repeatInterval = 3600
        let monitor = Monitor(topics: input.topics, tickets: input.tickets, store: store, notifiers: [RecordingNotifier(channel: "test")],
                              clock: SimulatedClock(input.first!), utcOffset: input.utcOffset, alerting: alerting)
        var posts = try input.posts(), last = input.first!
        while let post = try posts.next() {
            try await monitor.ingest(post)
            last = post.createdAt
        }
        try await monitor.advance(to: last.addingTimeInterval(6 * 3600))
        return try store.notifications()
    }

    @Test func acknowledgementsAndSilencesInTheStoreAreHeard() async throws {
        let plain = try SQLiteStore(path: ":memory:")
        let told = try await Self.notifications(into: plain)
        #expect(told.contains { $0.kind == .firing } && told.contains { $0.kind == .reminder })
        let alerts = try plain.alerts()
        let start = try #require(alerts.map(\.spikeStart).min())

        // Every alert the incident raises was acknowledged before the monitor held it (alert ids
        // follow from the spike): its alerts are still sent, but nobody is reminded. A silence of
        // the topic that ended before the incident changes nothing.
        func silence(_ store: any Store, from: Date, to: Date) throws {
            var b = StoreBatch()
            b.silences = [Silence(id: "SIL-\(from.timeIntervalSince1970)", matchers: ["topic=\(alerts[0].topic)"], startsAt: from, endsAt: to,
                                  author: "pr", comment: "")]
            try store.commit(b)
        }
        let acknowledged = try SQLiteStore(path: ":memory:")
        var acks = StoreBatch()
        acks.acknowledgements = alerts.map { Acknowledgement(alertID: $0.id, spikeID: $0.spikeID, at: start, author: "pr") }
        try acknowledged.commit(acks)
        try silence(acknowledged, from: start.addingTimeInterval(-86_400 * 2), to: start.addingTimeInterval(-86_400))
        // A silence over the incident mutes it.
        let silenced = try SQLiteStore(path: ":memory:")
        try silence(silenced, from: start.addingTimeInterval(-86_400), to: start.addingTimeInterval(30 * 86_400))
        async let afterAcks = Self.notifications(into: acknowledged)
        async let afterSilence = Self.notifications(into: silenced)
        #expect(try await afterAcks.filter { $0.kind == .firing }.map(\.alertIDs) == told.filter { $0.kind == .firing }.map(\.alertIDs))
        #expect(try await !afterAcks.contains { $0.kind == .reminder })
        #expect(try await afterSilence.isEmpty)
    }
}

import Foundation
import OutcryCore
import OutcryPipeline
import OutcryStorage
import OutcryTesting
import Testing

/// A restarted `outcry run` relearns its baselines from the store instead of being blind for a day.
@Suite struct MonitorWarmUpTests {
    let topic = Topic(id: "jd", name: "京东", terms: ["京东"])
    /// Monday 2018-03-05 00:00 UTC.
    let start = Date(timeIntervalSince1970: 1_520_208_000)
    var restartAt: Date { start.addingTimeInterval(2 * 86_400) }

    func post(_ n: Int, at t: Date, _ text: String) -> Post {
        Post(id: "p\(n)", source: "weibo", author: "user\(n % 40)", followers: 100, text: text, createdAt: t)
    }

    func monitor(_ store: SQLiteStore, at t: Date) -> Monitor {
        Monitor(topics: [topic], tickets: [], store: store, notifiers: [], clock: SimulatedClock(t), utcOffset: 0)
    }

    /// Two quiet days as the first run saw them: six mentions an hour.
    func storeWithTwoQuietDays() async throws -> SQLiteStore {
        let store = try SQLiteStore(path: try Fixtures.temporaryDirectory() + "/outcry.db")
        let first = monitor(store, at: start)
        for i in 0..<(2 * 24 * 6) { try await first.ingest(post(i, at: start.addingTimeInterval(Double(i) * 600), "京东的快递到了")) }
        try await first.advance(to: restartAt)
        return store
    }

    /// Eighty complaints in twenty minutes, ten minutes after the restart; the spikes opened.
    func surge(into m: Monitor) async throws -> Int {
        for i in 0..<80 {
            try await m.ingest(post(10_000 + i, at: restartAt.addingTimeInterval(600 + Double(i) * 15), "京东无赖，拒绝退货，我要投诉"))
        }
        return await m.stats.spikes
    }

    @Test func restartedMonitorDetectsAtOnce() async throws {
        let restarted = monitor(try await storeWithTwoQuietDays(), at: restartAt)
        #expect(try await restarted.warmUp(until: restartAt) == 288)
        // A post the first run stored, fetched again after the restart, is not counted twice.
        #expect(try await restarted.ingest(post(287, at: start.addingTimeInterval(287 * 600), "京东的快递到了")) == false)
        #expect(try await surge(into: restarted) == 1)

        // Without the warm-up the same surge falls in the detector's blind first day.
        let cold = monitor(try await storeWithTwoQuietDays(), at: restartAt)
        #expect(try await surge(into: cold) == 0)
    }
}

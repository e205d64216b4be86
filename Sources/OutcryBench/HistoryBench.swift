import Foundation
import OutcryCore
import OutcryDashboard
import OutcryPipeline
import OutcryStorage
import OutcryTimeline

/// `outcry-bench history SPIKES [DB]`: whether reading one spike or one moment costs what it
/// holds or what the store has gathered. The dashboard bench's store (1,000 topics, a day of
/// buckets, 100 open spikes; SQLite in a temporary directory, or the empty PostgreSQL database
/// given, analyzed once filled) with SPIKES closed spikes before the open ones, each with three
/// alerts, their notifications to two channels, delivered, and acknowledged. Then, 20 times
/// each: a live dashboard refresh (topics frame 200×60), an open spike's timeline (built from
/// the store and written as Markdown, as `outcry timeline SPIKE`), and finding a topic's latest
/// spike (as `outcry timeline TOPIC` does first).
enum HistoryBench {
    static func run(history: Int, location: String?) throws {
        let dir = try DashboardBench.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = try StoreLocation.open(location ?? dir + "/history.db")
        let now = DashboardBench.benchNow()
        let topics = DashboardBench.benchTopics(1000)
        let clock = ContinuousClock()
        var built = (posts: 0, buckets: 0, spikes: 0, alerts: 0)
        let fill = try clock.measure { built = try DashboardBench.populate(store, topics: topics, openSpikes: 100, history: history, now: now) }
        // A store that has been running has its planner statistics (autovacuum); one filled a
        // moment ago has none yet, and PostgreSQL plans its joins as scans (docs/BENCHMARKS.md).
        try (store as? PostgresStore)?.analyze()
        print(String(format: "store: %d spikes (100 open), %d alerts; filled in %.1f s", built.spikes, built.alerts, fill.seconds))
        let session = DashboardSession(store: store, storeLabel: "bench", topics: topics, utcOffset: 8 * 3600, title: "bench")
        session.clock = { now }
        _ = try session.frame(width: 200, height: 60)
        // Open spikes are "S-t<k>-<history + k>" (DashboardBench.populate).
        let open = try require(store.spikes(.id("S-t5-\(history + 5)")).first, "the open spike of t5")
        var refreshes: [Double] = [], timelines: [Double] = [], lookups: [Double] = []
        var timelineBytes = 0
        for _ in 0..<20 {
            refreshes.append(try DashboardBench.time { _ = try session.frame(width: 200, height: 60) })
            timelines.append(try DashboardBench.time {
                let t = try Timeline.build(spike: open, topic: topics[5], store: store)
                timelineBytes = TimelineRenderer.markdown(t, utcOffset: 8 * 3600).utf8.count
            })
            lookups.append(try DashboardBench.time { _ = try IncidentLookup.spike("t5", in: store) })
        }
        func p50(_ xs: [Double]) -> Double { xs.sorted()[xs.count / 2] }
        print(String(format: "dashboard refresh: p50 %.2f ms", p50(refreshes)))
        print(String(format: "timeline of an open spike: p50 %.2f ms (%d bytes)", p50(timelines), timelineBytes))
        print(String(format: "latest spike of a topic: p50 %.2f ms", p50(lookups)))
        print(String(format: "memory: RSS %.0f MB", residentMegabytes()))
    }
}

/// The value, or a bench failure naming what was missing.
func `require`<T>(_ value: T?, _ what: String = "a value the bench needs") throws -> T {
    guard let value else { throw BenchError.missing(what) }
    return value
}

enum BenchError: Error { case missing(String) }

import Foundation
import OutcryCore
import OutcryStorage

/// The state one frame shows, read from the store. Rendering is a pure function of this.
public struct DashboardSnapshot: Sendable {
    public struct TopicRow: Sendable {
        public var id: String
        public var name: String
        public var recent: Int
        public var complaints: Int
        public var severity: Severity?
        public var spikeVolume: Int
        public var baseline: Double

        public init(id: String, name: String, recent: Int, complaints: Int, severity: Severity?, spikeVolume: Int, baseline: Double) {
            self.id = id
            self.name = name
            self.recent = recent
            self.complaints = complaints
            self.severity = severity
            self.spikeVolume = spikeVolume
            self.baseline = baseline
        }
    }

    public var now: Date
    public var utcOffset: Int
    public var posts: Int
    public var topics: [TopicRow]
    public var alerts: [Alert]
    public var title: String

    public init(now: Date, utcOffset: Int, posts: Int, topics: [TopicRow], alerts: [Alert], title: String) {
        self.now = now
        self.utcOffset = utcOffset
        self.posts = posts
        self.topics = topics
        self.alerts = alerts
        self.title = title
    }

    /// Reads a snapshot at `now` (simulated or real): mentions in the last 30 minutes per topic,
    /// the open spikes and the alerts raised so far.
    public static func read(store: any Store, topics: [Topic], now: Date, utcOffset: Int, title: String) throws -> DashboardSnapshot {
        let counts = try store.mentionCounts(from: now.addingTimeInterval(-1800), to: now.addingTimeInterval(1))
        let open = try store.spikes().filter { $0.state == .open && $0.start <= now }
        let rows = topics.map { t -> TopicRow in
            let spike = open.last { $0.topic == t.id }
            return TopicRow(id: t.id, name: t.name, recent: counts[t.id]?.mentions ?? 0, complaints: counts[t.id]?.complaints ?? 0,
                            severity: spike?.severity, spikeVolume: spike?.volume ?? 0, baseline: spike?.baseline ?? 0)
        }
        return DashboardSnapshot(now: now, utcOffset: utcOffset, posts: try store.postCount(), topics: rows,
                                 alerts: try store.alerts().filter { $0.detectedAt <= now }, title: title)
    }
}

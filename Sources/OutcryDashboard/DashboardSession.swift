import Foundation
import OutcryCore
import OutcryStorage
import OutcryTimeline

/// The live dashboard: reads the store (while `outcry run`, `demo` or `replay` write it), turns
/// keys into navigation, acknowledgements and silences, and produces frames.
public final class DashboardSession: @unchecked Sendable {
    public let store: any Store
    public let storeLabel: String
    public let topics: [Topic]
    public let utcOffset: Int
    public let title: String
    public var ui = DashboardUI()
    /// A fixed clock (demo, tests); nil follows the wall or the replayed store.
    public var clock: (@Sendable () -> Date)?
    private(set) public var snapshot: DashboardSnapshot?
    private var lastCount: (Date, Int)?
    private let window = BucketWindow()
    private var lastTimelineCount = 0

    public init(store: any Store, storeLabel: String, topics: [Topic], utcOffset: Int, title: String) {
        self.store = store
        self.storeLabel = storeLabel
        self.topics = topics
        self.utcOffset = utcOffset
        self.title = title
    }

    /// Reads the store and renders one frame.
    public func frame(width: Int, height: Int) throws -> Frame {
        var s = try DashboardSnapshot.read(store: store, storeLabel: storeLabel, topics: topics, now: clock?(), utcOffset: utcOffset, title: title,
                                              window: window)
        let wall = Date()
        if let (t, n) = lastCount, wall.timeIntervalSince(t) > 0.5 {
            s.ingestRate = Double(s.posts - n) / wall.timeIntervalSince(t) * 60
        }
        if lastCount.map({ wall.timeIntervalSince($0.0) >= 5 }) ?? true { lastCount = (wall, s.posts) }
        snapshot = s
        let detail = ui.view == .detail ? try ui.detailTopic.flatMap { id in
            try s.detail(topic: id, store: store, official: Set(topics.first { $0.id == id }?.officialAccounts ?? []))
        } : nil
        let timeline = ui.view == .timeline ? try timelineLines(width: width) : nil
        lastTimelineCount = timeline?.count ?? 0
        return DashboardRenderer.render(s, ui: ui, detail: detail, timeline: timeline, width: width, height: height)
    }

    /// The open timeline as text lines (nil when its spike is not in the store).
    func timelineLines(width: Int) throws -> [String]? {
        let spike: Spike?
        switch ui.timeline {
        case .alert(let id):
            spike = try store.alert(id: id).flatMap { try store.spikes(.id($0.spikeID)).first }
        case .topic(let id):
            let open = snapshot?.topics.first { $0.id == id }?.spike?.id
            spike = try open.flatMap { try store.spikes(.id($0)).first } ?? store.spikes(.topic(id)).last
        case nil: spike = nil
        }
        guard let spike else { return nil }
        let t = try Timeline.build(spike: spike, topic: topics.first { $0.id == spike.topic }, store: store)
        return TimelineRenderer.text(t, utcOffset: utcOffset, width: max(60, width - 2)).components(separatedBy: "\n")
    }

    /// Applies keys; false when the person asked to quit.
    public func handle(_ keys: [Key], author: String) throws -> Bool {
        for key in keys {
            var rows: Int, keyOf: (Int) -> String?, topicOf: ((Int) -> String?)? = nil
            switch ui.view {
            case .topics:
                let r = snapshot.map { TopicsView.rows($0, filter: ui.filter) } ?? []
                (rows, keyOf) = (r.count, { r.indices.contains($0) ? r[$0].id : nil })
            case .alerts:
                let r = snapshot.map(AlertsView.rows) ?? []
                (rows, keyOf) = (r.count, { r.indices.contains($0) ? r[$0].alert.id : nil })
                topicOf = { r.indices.contains($0) && !r[$0].alert.isSourceHealth ? r[$0].alert.topic : nil }
            case .sources:
                (rows, keyOf) = (snapshot?.sources.count ?? 0, { _ in nil })
            case .timeline:
                (rows, keyOf) = (lastTimelineCount, { _ in nil })
            case .detail, .help:
                (rows, keyOf) = (0, { _ in nil })
            }
            switch ui.handle(key, rows: rows, keyOf: keyOf, topicOf: topicOf) {
            case .quit: return false
            case .acknowledge(let id):
                guard let alert = try store.alert(id: id) else { continue }
                var b = StoreBatch()
                b.acknowledgements = [Acknowledgement(alertID: id, spikeID: alert.spikeID, at: Date(), author: author, comment: "from the dashboard")]
                try store.commit(b)
                ui.message = "acknowledged \(id) as \(author)"
            case .silence(let topic, let seconds):
                var b = StoreBatch()
                b.silences = [Silence.starting(at: Date(), for: seconds, matchers: ["topic=\"\(topic)\""], author: author, comment: "from the dashboard")]
                try store.commit(b)
                ui.message = "silenced topic \(topic) for \(Format.age(seconds)) (outcry silence list)"
            case .openDetail, .none:
                break
            }
        }
        return true
    }
}

import Foundation
import OutcryCore
import OutcryStorage

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
        return DashboardRenderer.render(s, ui: ui, detail: detail, width: width, height: height)
    }

    /// Applies keys; false when the person asked to quit.
    public func handle(_ keys: [Key], author: String) throws -> Bool {
        for key in keys {
            let rows: Int, keyOf: (Int) -> String?
            switch ui.view {
            case .topics:
                let r = snapshot.map { TopicsView.rows($0, filter: ui.filter) } ?? []
                (rows, keyOf) = (r.count, { r.indices.contains($0) ? r[$0].id : nil })
            case .alerts:
                let r = snapshot.map(AlertsView.rows) ?? []
                (rows, keyOf) = (r.count, { r.indices.contains($0) ? r[$0].alert.id : nil })
            case .sources:
                (rows, keyOf) = (snapshot?.sources.count ?? 0, { _ in nil })
            case .detail, .help:
                (rows, keyOf) = (0, { _ in nil })
            }
            switch ui.handle(key, rows: rows, keyOf: keyOf) {
            case .quit: return false
            case .acknowledge(let id):
                guard let alert = try store.alert(id: id) else { continue }
                var b = StoreBatch()
                b.acknowledgements = [Acknowledgement(alertID: id, spikeID: alert.spikeID, at: Date(), author: author, comment: "from the dashboard")]
                try store.commit(b)
                ui.message = "acknowledged \(id) as \(author)"
            case .silence(let topic):
                var b = StoreBatch()
                b.silences = [Silence.starting(at: Date(), for: 3600, matchers: ["topic=\"\(topic)\""], author: author, comment: "from the dashboard")]
                try store.commit(b)
                ui.message = "silenced topic \(topic) for 1 hour (outcry silence list)"
            case .openDetail, .none:
                break
            }
        }
        return true
    }
}

import Foundation
import OutcryCore
import OutcryDashboard
import OutcryStorage
import OutcryTesting

/// `outcry-bench dashboard TOPICS OPEN_SPIKES`: what one dashboard refresh costs on a busy store.
///
/// The store (SQLite, in a temporary directory, or the empty PostgreSQL database given, analyzed
/// once filled) holds TOPICS watched topics with a day of 10-minute buckets each, 150 posts per
/// topic in the last day, OPEN_SPIKES open spikes with their alerts, a month of closed spikes,
/// alerts, notifications, delivered outbox rows and acknowledgements behind them, and 200
/// sources. Then, as the live dashboard does once a
/// second: a refresh of a live session (store read with the bucket window kept, topics frame at
/// 200×60), the cold read a session does first and once a minute, rendering at 200×60 and 80×24,
/// the line diff against the previous frame (the selection moved one row), and the detail view.
enum DashboardBench {
    static func run(topics topicCount: Int, openSpikes: Int, location: String?) throws {
        let dir = try scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = try StoreLocation.open(location ?? dir + "/dash.db")
        let now = benchNow()
        let topics = benchTopics(topicCount)
        let built = try populate(store, topics: topics, openSpikes: openSpikes, now: now)
        // A store that has been running has its planner statistics (autovacuum); one filled a
        // moment ago has none yet (see HistoryBench).
        try (store as? PostgresStore)?.analyze()
        print(String(format: "store: %d topics, %d posts, %d buckets, %d spikes (%d open), %d alerts",
                     topicCount, built.posts, built.buckets, built.spikes, openSpikes, built.alerts))
        let rssBefore = residentMegabytes()
        let session = DashboardSession(store: store, storeLabel: dir + "/dash.db", topics: topics, utcOffset: 8 * 3600, title: "bench")
        session.clock = { now }
        var refreshes: [Double] = [], cold: [Double] = [], wide: [Double] = [], narrow: [Double] = [], diffs: [Double] = []
        var details: [Double] = []
        var writer = FrameWriter(color: true)
        var snapshot = try DashboardSnapshot.read(store: store, storeLabel: "bench", topics: topics, now: now, utcOffset: 8 * 3600, title: "bench")
        var ui = DashboardUI()
        let fullBytes = writer.update(to: DashboardRenderer.render(snapshot, ui: ui, width: 200, height: 60)).utf8.count
        var diffBytes = 0
        let rounds = 40
        _ = try session.frame(width: 200, height: 60)
        for i in 0..<rounds {
            session.ui = DashboardUI()
            session.ui.selected = i % 50
            refreshes.append(try time { _ = try session.frame(width: 200, height: 60) })
            cold.append(try time {
                snapshot = try DashboardSnapshot.read(store: store, storeLabel: "bench", topics: topics, now: now, utcOffset: 8 * 3600, title: "bench")
            })
            ui.selected = i % 50
            var frame = Frame(width: 0, height: 0)
            wide.append(time { frame = DashboardRenderer.render(snapshot, ui: ui, width: 200, height: 60) })
            narrow.append(time { _ = DashboardRenderer.render(snapshot, ui: ui, width: 80, height: 24) })
            var out = ""
            diffs.append(time { out = writer.update(to: frame) })
            diffBytes += out.utf8.count
            session.ui.view = .detail
            session.ui.detailTopic = "t\(i % openSpikes)"
            details.append(try time { _ = try session.frame(width: 200, height: 60) })
        }
        func line(_ name: String, _ xs: [Double]) -> String {
            let s = xs.sorted()
            return String(format: "%@: p50 %.2f ms, p99 %.2f ms", name, s[s.count / 2], s[min(s.count - 1, Int(Double(s.count) * 0.99))])
        }
        print(line("refresh (live session, store read + topics frame 200x60)", refreshes))
        print(line("cold read (first frame, then once a minute)", cold))
        print(line("render 200x60", wide))
        print(line("render 80x24", narrow))
        print(line("diff", diffs))
        print(line("detail refresh (store read + detail frame 200x60)", details))
        print(String(format: "bytes per refresh: full repaint %d, diffed %d", fullBytes, diffBytes / rounds))
        print(String(format: "memory: RSS %.0f MB (%.0f MB before the dashboard)", residentMegabytes(), rssBefore))
    }

    /// A new directory for the bench's SQLite file; the caller removes it.
    static func scratchDirectory() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("outcry-dash-bench-\(getpid())").path
        try? FileManager.default.removeItem(atPath: dir)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Five minutes into the current ten-minute bucket.
    static func benchNow() -> Date {
        Date(timeIntervalSince1970: (Date().timeIntervalSince1970 / 600).rounded(.down) * 600 + 300)
    }

    /// Watched topics, every third with a Chinese name.
    static func benchTopics(_ count: Int) -> [Topic] {
        (0..<count).map { i in Topic(id: "t\(i)", name: i % 3 == 0 ? "品牌\(i) 客服" : "Brand \(i)", terms: ["brand\(i)"]) }
    }

    /// Milliseconds `body` took.
    static func time(_ body: () throws -> Void) rethrows -> Double {
        let clock = ContinuousClock()
        return try clock.measure(body).milliseconds
    }

    /// Fills the store, with `history` closed spikes six hours apart before the open ones (120:
    /// a month); returns what it wrote.
    static func populate(_ store: any Store, topics: [Topic], openSpikes: Int, history: Int = 120, now: Date) throws
        -> (posts: Int, buckets: Int, spikes: Int, alerts: Int) {
        var rng = SplitMix(seed: 315)
        var counts = (posts: 0, buckets: 0, spikes: 0, alerts: 0)
        let dayStart = now.addingTimeInterval(-86_400)
        for chunk in stride(from: 0, to: topics.count, by: 50) {
            var b = StoreBatch()
            for t in topics[chunk..<min(topics.count, chunk + 50)] {
                for k in 0..<144 {
                    let start = dayStart.addingTimeInterval(Double(k) * 600)
                    let n = Int(rng.next() % 12)
                    b.buckets.append(Bucket(topic: t.id, start: start, count: n, complaints: n / 3, reach: n * 1000,
                                            topAuthor: "author\(rng.next() % 500)", topAuthorFollowers: Int(rng.next() % 2_000_000)))
                }
                for k in 0..<150 {
                    let id = "\(t.id)-p\(k)"
                    b.posts.append(Post(id: id, source: "weibo", author: "author\(rng.next() % 500)", followers: Int(rng.next() % 2_000_000),
                                        text: "\(t.name) 客服态度很差，非质量问题不退货 #\(k)", createdAt: now.addingTimeInterval(-Double(rng.next() % 86_400))))
                    b.mentions.append((id, t.id, k % 3 == 0))
                }
            }
            counts.posts += b.posts.count
            counts.buckets += b.buckets.count
            try store.commit(b)
        }
        // The history (four closed spikes a day), then the open ones.
        var b = StoreBatch()
        for i in 0..<(history + openSpikes) {
            let open = i >= history
            let topic = topics[open ? i - history : Int(rng.next() % UInt64(topics.count))]
            let detected = open ? now.addingTimeInterval(-Double(rng.next() % 7200)) : now.addingTimeInterval(-Double(history - i) * 21_600)
            let severity: Severity = i % 3 == 0 ? .critical : i % 3 == 1 ? .warning : .watch
            let spike = Spike(id: "S-\(topic.id)-\(i)", topic: topic.id, start: detected.addingTimeInterval(-1800), detectedAt: detected,
                              severity: severity, state: open ? .open : .closed, score: Double(5 + i % 40), volume: 40 + i % 200,
                              baseline: 4, negativeShare: 0.6, reach: 1_000_000 * (i % 13), topTerms: ["退款", "客服", "曝光"],
                              samplePosts: (0..<10).map { "\(topic.id)-p\($0)" }, closedAt: open ? nil : detected.addingTimeInterval(7200))
            b.spikes.append(spike)
            for step in 0..<3 {
                var alert = Alert(spike: spike, at: detected.addingTimeInterval(Double(step) * 600), linkedTickets: [])
                alert.severity = [.watch, .warning, .critical][step]
                alert.id = "A-\(spike.id)-\(step)"
                b.alerts.append(alert)
                let n = AlertNotification(id: "N-\(alert.id)", receiver: "pr-team", groupKey: spike.id, groupLabels: ["topic": topic.id],
                                          kind: .firing, alertIDs: [alert.id], newAlertIDs: [alert.id], createdAt: alert.detectedAt, sequence: step + 1)
                b.notifications.append((n, ["pr-team/slack", "pr-team/email"]))
                if !open { b.acknowledgements.append(Acknowledgement(alertID: alert.id, spikeID: spike.id, at: alert.detectedAt, author: "oncall")) }
            }
        }
        b.sourceStates = (0..<200).map { SourceState(id: "source-\($0)", url: "https://rsshub.example/weibo/keyword/\($0)", interval: 300, nextPollAt: now) }
        counts.spikes = b.spikes.count
        counts.alerts = b.alerts.count
        try store.commit(b)
        try store.markDelivered(try store.outbox(status: .pending).map(\.id), at: now)
        return counts
    }
}

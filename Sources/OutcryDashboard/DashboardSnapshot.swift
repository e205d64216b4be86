import Foundation
import OutcryCore
import OutcryStorage

/// Everything one frame shows, read from the store at one instant. Rendering is a pure function
/// of this (and of the UI state), so frames are tested as golden text.
public struct DashboardSnapshot: Sendable {
    public struct TopicRow: Sendable, Hashable {
        public var id: String
        public var name: String
        /// Mentions in the last 30 minutes, and what the topic usually has in 30 minutes.
        public var rate: Int
        public var expected: Double
        public var complaintShare: Double
        /// Mentions per 10-minute bucket over the last hours, oldest first.
        public var series: [Int]
        public var topAuthor: String?
        public var topAuthorFollowers: Int
        public var spike: Spike?

        public init(id: String, name: String, rate: Int, expected: Double, complaintShare: Double, series: [Int], topAuthor: String?,
                    topAuthorFollowers: Int, spike: Spike?) {
            (self.id, self.name, self.rate, self.expected, self.complaintShare) = (id, name, rate, expected, complaintShare)
            (self.series, self.topAuthor, self.topAuthorFollowers, self.spike) = (series, topAuthor, topAuthorFollowers, spike)
        }

        /// Severity rank then how surprising: the sort order of the topics view.
        var priority: (Int, Double) {
            let rank = spike.map { $0.severity == .critical ? 3 : $0.severity == .warning ? 2 : 1 } ?? 0
            return (rank, spike?.score ?? (expected > 0 ? Double(rate) / expected : Double(rate)))
        }
    }

    public struct AlertRow: Sendable, Hashable {
        public var alert: Alert
        public var receivers: [String]
        public var delivered: Int
        public var waiting: Int
        public var dead: Int
        public var acknowledgedBy: String?
        public var open: Bool

        public init(alert: Alert, receivers: [String], delivered: Int, waiting: Int, dead: Int, acknowledgedBy: String?, open: Bool) {
            (self.alert, self.receivers, self.delivered, self.waiting, self.dead) = (alert, receivers, delivered, waiting, dead)
            (self.acknowledgedBy, self.open) = (acknowledgedBy, open)
        }
    }

    /// The selected topic's spike in depth (Enter on a topic).
    public struct Detail: Sendable {
        public var topic: TopicRow
        public var series: [Int]
        public var posts: [Post]
        public var tickets: [(link: LinkedTicket, subject: String)]
        public var alerts: [AlertRow]

        public init(topic: TopicRow, series: [Int], posts: [Post], tickets: [(link: LinkedTicket, subject: String)], alerts: [AlertRow]) {
            (self.topic, self.series, self.posts, self.tickets, self.alerts) = (topic, series, posts, tickets, alerts)
        }
    }

    public var now: Date
    public var utcOffset: Int
    public var title: String
    public var store: String
    public var posts: Int
    public var topics: [TopicRow]
    public var alerts: [AlertRow]
    public var sources: [SourceState]
    /// Posts per minute since the previous snapshot (nil for the first).
    public var ingestRate: Double?
    /// True when the store holds recorded data and the clock follows it, not the wall.
    public var replayedClock: Bool
    /// When the store was read (wall clock), for the status line.
    public var readAt = Date()

    public init(now: Date, utcOffset: Int, title: String, store: String, posts: Int, topics: [TopicRow], alerts: [AlertRow],
                sources: [SourceState], ingestRate: Double? = nil, replayedClock: Bool = false) {
        self.now = now
        self.utcOffset = utcOffset
        self.title = title
        self.store = store
        self.posts = posts
        self.topics = topics
        self.alerts = alerts
        self.sources = sources
        self.ingestRate = ingestRate
        self.replayedClock = replayedClock
    }

    /// How many days of alerts the alerts view lists (besides those of spikes still open).
    public static let alertDays: Double = 7

    /// How many hours of 10-minute buckets the sparklines cover.
    public static let seriesHours = 12

    /// Reads the dashboard's state at `now` (nil: the wall clock, or a replayed store's own
    /// clock when its newest post is more than a day old).
    /// - Parameter window: bucket counts kept from the previous refresh (a live dashboard's);
    ///   nil reads them all.
    public static func read(store: any Store, storeLabel: String, topics: [Topic], now requested: Date? = nil, utcOffset: Int,
                            title: String, window: BucketWindow? = nil) throws -> DashboardSnapshot {
        var now = requested ?? Date()
        var replayed = false
        if requested == nil, let last = try store.lastPostAt(), now.timeIntervalSince(last) > 86_400 {
            now = last
            replayed = true
        }
        let bucketSize: TimeInterval = 600
        let seriesStart = Date(timeIntervalSince1970: (now.timeIntervalSince1970 / bucketSize).rounded(.down) * bucketSize)
            .addingTimeInterval(-Double(seriesHours) * 3600)
        let dayStart = now.addingTimeInterval(-86_400)
        // Each topic's sparkline and usual rate, from a window kept between refreshes (or read
        // whole); full buckets only for the last half hour's loudest author.
        let recentStart = now.addingTimeInterval(-1800)
        let window = window ?? BucketWindow()
        try window.refresh(store: store, from: min(seriesStart, dayStart), to: now.addingTimeInterval(1), wall: Date())
        var loudest: [String: Bucket] = [:]
        for b in try store.buckets(from: recentStart, to: now.addingTimeInterval(1))
        where b.topAuthorFollowers > (loudest[b.topic]?.topAuthorFollowers ?? -1) {
            loudest[b.topic] = b
        }
        let counts = try store.mentionCounts(topics: topics.map(\.id), from: recentStart, to: now.addingTimeInterval(1))
        let openSpikes = try store.spikes(.openAt(now))
        // Alerts of the last week and of every spike still open: what the views show, read in
        // time that does not grow with the store's history.
        let horizon = ([now.addingTimeInterval(-alertDays * 86_400)] + openSpikes.map(\.start)).min()!
        let alerts = try store.alerts(since: horizon)
        let openAtNow = try openSpikes.map { try asOf($0, now, store, alerts) }
        let open = Dictionary(openAtNow.map { ($0.topic, $0) }, uniquingKeysWith: { _, b in b })
        var rows: [TopicRow] = []
        rows.reserveCapacity(topics.count)
        for t in topics {
            let spike = open[t.id]
            let expected = spike?.baseline ?? Double(window.total(topic: t.id, from: dayStart, to: now.addingTimeInterval(1))) / 48
            let top = loudest[t.id]
            let c = counts[t.id]
            rows.append(TopicRow(id: t.id, name: t.name, rate: c?.mentions ?? 0, expected: expected,
                                 complaintShare: (c?.mentions ?? 0) > 0 ? Double(c!.complaints) / Double(c!.mentions) : 0,
                                 series: window.series(topic: t.id, start: seriesStart, n: seriesHours * 6, size: bucketSize), topAuthor: top?.topAuthor,
                                 topAuthorFollowers: top?.topAuthorFollowers ?? 0, spike: spike))
        }
        return DashboardSnapshot(now: now, utcOffset: utcOffset, title: title, store: storeLabel, posts: try store.postCountForDisplay(),
                                 topics: rows, alerts: try alertRows(store: store, alerts: alerts, open: Set(openAtNow.map(\.id)), now: now, since: horizon),
                                 sources: try store.sourceStates(), replayedClock: replayed)
    }

    /// The spike as it stood at `now` (the store keeps its final state): severity, volume,
    /// baseline and complaints from its latest alert by then (or its last opening or escalation), still open.
    static func asOf(_ spike: Spike, _ now: Date, _ store: any Store, _ alerts: [Alert]) throws -> Spike {
        guard spike.state == .closed || spike.closedAt != nil else { return spike }
        var s = spike
        s.state = .open
        s.closedAt = nil
        if let a = alerts.last(where: { $0.spikeID == spike.id && $0.detectedAt <= now }) {
            (s.severity, s.volume, s.baseline, s.negativeShare) = (a.severity, a.volume, a.baseline, a.negativeShare)
            s.usualComplaints = a.usualComplaints ?? s.usualComplaints
        } else if let e = try store.spikeEvents(spikeID: spike.id).filter({ $0.at <= now && ($0.kind == .opened || $0.kind == .escalated) }).last {
            (s.severity, s.volume) = (e.severity, e.volume)
            if let complaints = e.complaints, let usual = e.usualComplaints {
                s.negativeShare = e.volume > 0 ? Double(complaints) / Double(e.volume) : 0
                s.usualComplaints = usual
            }
        }
        return s
    }

    static func alertRows(store: any Store, alerts: [Alert], open openSpikes: Set<String>, now: Date, since: Date) throws -> [AlertRow] {
        // Acknowledgements come after their alert.
        let acks = Dictionary(try store.acknowledgements(since: since).map { ($0.alertID, $0.author) }, uniquingKeysWith: { a, _ in a })
        let shown = alerts.filter { $0.detectedAt <= now }
        let deliveries = AlertDeliveries.byAlert(try store.deliveries(alertIDs: shown.map(\.id)))
        return shown.map { a in
            let d = deliveries[a.id] ?? AlertDeliveries()
            return AlertRow(alert: a, receivers: d.receivers.sorted(), delivered: d.delivered, waiting: d.pending, dead: d.dead,
                            acknowledgedBy: acks[a.id], open: a.isSourceHealth || openSpikes.contains(a.spikeID))
        }.reversed()
    }

    /// The detail of one topic: its spike's volume, top posts by reach, linked tickets, alerts.
    /// - Parameter official: the organisation's own accounts, left out of "top posts".
    public func detail(topic id: String, store: any Store, official: Set<String> = []) throws -> Detail? {
        guard let row = topics.first(where: { $0.id == id }) else { return nil }
        let spike = try row.spike ?? store.spikes(.topic(id)).last
        let from = (spike?.start ?? now.addingTimeInterval(-6 * 3600)).addingTimeInterval(-6 * 3600)
        var series: [Int] = []
        var cursor = from
        let buckets = try store.buckets(topic: id, from: from, to: now.addingTimeInterval(1))
        var i = 0
        while cursor <= now {
            var n = 0
            while i < buckets.count, buckets[i].start < cursor.addingTimeInterval(600) { n += buckets[i].count; i += 1 }
            series.append(n)
            cursor = cursor.addingTimeInterval(600)
        }
        var posts: [Post] = []
        var tickets: [(LinkedTicket, String)] = []
        if let spike {
            posts = try store.posts(ids: spike.samplePosts).filter { $0.createdAt <= now && !official.contains($0.author) }
                .sorted { ($0.reach, $1.id) > ($1.reach, $0.id) }
            let links = try store.links(spikeID: spike.id)
            let subjects = Dictionary(try store.tickets(ids: links.map(\.id)).map { ($0.id, $0.subject) }, uniquingKeysWith: { a, _ in a })
            tickets = links.map { ($0, subjects[$0.id] ?? "") }
        }
        var withSpike = row
        withSpike.spike = spike
        var spikeAlerts = alerts.filter { $0.alert.spikeID == spike?.id }
        if spikeAlerts.isEmpty, let spike, spike.start < now.addingTimeInterval(-Self.alertDays * 86_400) {
            // A spike older than the alerts view's week: its own alerts, read for it.
            let own = try store.alerts(spikeID: spike.id).filter { $0.detectedAt <= now }
            spikeAlerts = try Self.alertRows(store: store, alerts: own, open: [], now: now, since: spike.start)
        }
        return Detail(topic: withSpike, series: series, posts: posts, tickets: tickets, alerts: spikeAlerts)
    }
}

import Foundation
import OutcryAlerting
import OutcryCore
import OutcryFeeds
import OutcryLinking
import OutcryScoring
import OutcryStorage
import OutcryText

/// The pipeline for one monitoring job: analyse each post, detect spikes, link tickets, raise
/// alerts into the outbox and deliver them. Replay, the demo and live runs all drive this one
/// type; only the clock and the post sources differ.
///
/// Causality: a post is handled at its `created_at`, tickets become visible to the linker at
/// their own `created_at`, and every decision is taken with the clock at the current post.
public actor Monitor {
    public struct Options: Sendable {
        /// Commit to the store after this many posts (alerts always commit at once).
        public var batchSize = 500
        public var detector = DetectorConfig()
        /// Tickets shown with an alert.
        public var linkLimit = 3
        public init() {}
    }

    /// Called after each alert is committed (dashboards, progress output).
    public typealias AlertObserver = @Sendable (Alert) -> Void

    private let topics: [Topic]
    /// Normalize, match, classify, detect: the same stage `outcry score` runs alone.
    private var scorer: StreamScorer
    /// When acknowledgements and silences were last read from the store (wall clock), and for
    /// which of the router's alerts.
    private var lastControlRead: Date?
    private var controlReadFor: Set<String> = []
    private var linker: any TicketLinker
    private let store: any Store
    private var dispatcher: OutboxDispatcher
    /// Rules, routes, grouping, silences and acknowledgements: who is told what, when.
    private var router: AlertRouter
    private var alerting: AlertingConfig
    private let clock: any WallClock
    private let options: Options
    private var pendingTickets: [Ticket]
    private var batch = StoreBatch()
    private var sincePostsCommit = 0
    private var recentByTopic: [String: [Post]] = [:]
    private var deduplicator = PostDeduplicator()
    public private(set) var stats = Stats()
    private let observer: AlertObserver?
    /// The newest post time the detector has counted (or the time it was advanced to).
    private var scoredUntil: Date?
    /// Where ``warmUp(until:days:refinding:)`` stopped (exclusive): the next call goes on from there.
    private var relearnedUntil: Date?
    /// Stored posts relearned by every ``warmUp(until:days:refinding:)`` so far.
    public private(set) var relearned = 0
    /// When the linker last let go of the tickets too old to link (at most hourly).
    private var ticketsForgottenAt: Date?

    public struct Stats: Sendable {
        public var posts = 0
        public var duplicates = 0
        /// Posts stored but too late to count (``lateTolerance``).
        public var late = 0
        public var mentions = 0
        public var spikes = 0
        public var alerts = 0
    }

    /// - Parameters:
    ///   - detector: defaults to ``SurgeDetector`` with `options.detector`.
    ///   - linker: defaults to ``EvidenceLinker``.
    ///   - alerting: rules and routes from `alerts/`; nil sends every alert at once to all `notifiers`.
    public init(topics: [Topic], tickets: [Ticket], store: any Store, notifiers: [any Notifier], clock: any WallClock,
                utcOffset: Int, options: Options = Options(), detector: (any SpikeDetector)? = nil,
                linker: (any TicketLinker)? = nil, alerting: AlertingConfig? = nil, onAlert: AlertObserver? = nil) {
        self.topics = topics
        scorer = StreamScorer(topics: topics, config: options.detector, utcOffset: utcOffset, detector: detector)
        self.linker = linker ?? EvidenceLinker(utcOffset: utcOffset)
        self.store = store
        dispatcher = OutboxDispatcher(store: store, notifiers: notifiers)
        let alerting = alerting ?? .immediate(channels: notifiers.map(\.channel))
        self.alerting = alerting
        router = (try? Self.router(alerting, resumedFrom: store)) ?? AlertRouter(config: alerting)
        self.clock = clock
        self.options = options
        pendingTickets = tickets.sorted { ($0.createdAt, $0.id) > ($1.createdAt, $1.id) }   // pop from the end
        observer = onAlert
        batch.tickets = tickets
    }

    /// A router that takes up the groups a previous run — or the worker this one takes over
    /// from — left pending or notified: neither lost nor repeated.
    private static func router(_ config: AlertingConfig, resumedFrom store: any Store) throws -> AlertRouter {
        var router = AlertRouter(config: config)
        router.restore(try store.alertGroups())
        return router
    }

    /// New channels and routing for a running job, whose topics and detection stay as they were
    /// (a reload that changed only `alerts/` or the sources): what the detector has learned is
    /// kept, the alert groups are taken up from the store under the new routes.
    public func reconfigure(notifiers: [any Notifier], alerting: AlertingConfig?) async throws {
        try await flush()
        dispatcher = OutboxDispatcher(store: store, notifiers: notifiers)
        self.alerting = alerting ?? .immediate(channels: notifiers.map(\.channel))
        try resumeAlerting()
        lastControlRead = nil
    }

    /// Takes up the alert groups as the store holds them now. A standby builds its monitor
    /// (and keeps its detector warm) while another worker leads; when it takes over, that
    /// worker's groups, not the ones it read at start, are the ones to carry on.
    public func resumeAlerting() throws {
        router = try Self.router(alerting, resumedFrom: store)
    }

    /// Tickets for the linker that the job did not start with: those a standby reads when it
    /// takes over (not while another worker may still change them), and those that reached the
    /// store after the job started — pushed to `tickets serve`, imported with `tickets import` —
    /// or changed since (new events). The linker sees each from its own `created_at` on, like
    /// the tickets given at construction, replacing what it knew. They are not written: they
    /// came from the store.
    public func learn(tickets: [Ticket]) {
        let now = clock.now()
        for ticket in tickets {
            pendingTickets.removeAll { $0.id == ticket.id }
            if ticket.createdAt <= now {
                linker.add(ticket)
            } else {
                let at = pendingTickets.firstIndex { ($0.createdAt, $0.id) < (ticket.createdAt, ticket.id) } ?? pendingTickets.endIndex
                pendingTickets.insert(ticket, at: at)   // kept newest first: released from the end
            }
        }
    }

    /// Handles one post (in replay, posts must come in `created_at` order). Returns false for
    /// a duplicate of a post already seen, and, with `onlyTopics` (streams that carry a whole
    /// network's posts), for a post that mentions no topic: it moves time on, and is neither
    /// stored nor remembered.
    ///
    /// A post more than ``lateTolerance`` older than the newest post scored is stored (with its
    /// mentions, at its own time) but not counted: the detector's past buckets are closed, and
    /// counted in the current one it would make a surge that never happened — a new source's
    /// backlog, a feed that republishes old items, an archive read again. Such a post may be
    /// older than the deduplicator remembers, so the store is asked whether it has it.
    /// `lateAgainst` puts another time in the newest post's place: the newest its source gave
    /// before (``SourceState/newestPostAt``).
    @discardableResult
    public func ingest(_ post: Post, onlyTopics: Bool = false, lateAgainst reference: Date? = nil) async throws -> Bool {
        advanceClock(to: post.createdAt)
        // A stream's post that mentions no topic moves time on and is dropped before the
        // deduplicator remembers it: a firehose's millions a day would fill its week of memory.
        var prepared: StreamScorer.Prepared?
        if onlyTopics {
            let p = StreamScorer.Prepared(post, analyzer: scorer.analyzer)
            guard !p.analysis.topics.isEmpty else {
                scored(until: post.createdAt)
                if handle(scorer.advance(to: post.createdAt), at: post.createdAt) { try await flush() }
                return false
            }
            prepared = p
        }
        guard deduplicator.isNew(post) else {
            stats.duplicates += 1
            return false
        }
        let analysis: Analysis, actions: [SpikeAction]
        if let until = reference ?? scoredUntil, post.createdAt < until.addingTimeInterval(-Self.lateTolerance) {
            if try !store.posts(ids: [post.id]).isEmpty {
                stats.duplicates += 1
                return false
            }
            (analysis, actions) = (prepared?.analysis ?? scorer.analyze(post).analysis, [])
            stats.late += 1
        } else {
            scored(until: post.createdAt)
            (analysis, _, actions) = prepared.map { scorer.score($0) } ?? scorer.score(post)
            remember(post, topics: analysis.topics)
        }
        stats.posts += 1
        batch.posts.append(post)
        for topic in analysis.topics {
            batch.mentions.append((post.id, topic, analysis.complaint))
            stats.mentions += 1
        }
        let alerted = handle(actions, at: post.createdAt)
        sincePostsCommit += 1
        if alerted || sincePostsCommit >= options.batchSize {
            try await flush()
        }
        return true
    }

    /// How late a post may arrive and still count as current volume: an hour behind the newest
    /// post scored covers sources polled at the default `max_interval` and feeds that publish
    /// a while after the post.
    public static let lateTolerance: TimeInterval = 3600

    /// The detector has counted up to `time` (posts come in order; a late one never moves it back).
    private func scored(until time: Date) {
        scoredUntil = max(scoredUntil ?? time, time)
    }

    /// The recent posts of each topic it mentions: evidence for linking and alerts.
    private func remember(_ post: Post, topics: [String]) {
        for topic in topics {
            // In place: copying the list out and back would copy up to 4,000 posts per mention.
            recentByTopic[topic, default: []].append(post)
            if let n = recentByTopic[topic]?.count, n > 4000 { recentByTopic[topic]!.removeFirst(n - 3000) }
        }
    }

    /// Relearns what the detector knew before a restart from the posts the store holds.
    ///
    /// Without it a restarted `outcry run` would be blind for the detector's warm-up day and
    /// would start its daily and weekly rhythm from nothing. The stored posts of the `days`
    /// before `now` are scored again, oldest first, and every decision they lead to is
    /// discarded: the run that accepted them took and stored those decisions (spikes, alerts).
    /// A spike still open then is open again in the detector, so it escalates and closes
    /// rather than opening twice; a re-fetched post is recognised as a duplicate.
    ///
    /// Called again, it goes on from where it stopped, so a standby can keep up with the
    /// worker that leads and take over without relearning days of posts. It re-reads the last
    /// ``lateArrival`` before that point, for posts stored after it had read past their time
    /// (a feed delivering an hour-old post); what it already knew is recognised as a duplicate.
    ///
    /// Topics in `refinding` (new, or defined differently from what the store's mentions were
    /// found with) have their mentions and buckets for the period found again and written, page
    /// by page, so dashboards and timelines count them over the stored posts, not only from
    /// the change on. Nothing else is written.
    /// - Returns: the number of posts relearned by this call.
    public func warmUp(until now: Date, days: Double = warmUpDays, refinding: Set<String> = []) throws -> Int {
        let pageSize = 5_000
        var count = 0
        let from = relearnedUntil.map { $0.addingTimeInterval(-Self.lateArrival) } ?? now.addingTimeInterval(-days * 86_400)
        var found = StoreBatch()
        found.mentionsRefound = refinding.sorted().map { ($0, from, now) }
        func keep(_ actions: [SpikeAction]) {
            for case .bucketClosed(let b) in actions where refinding.contains(b.topic) { found.buckets.append(b) }
        }
        func read(after key: (createdAt: Date, id: String)?) throws -> [Post] {
            from < now ? try store.posts(from: from, to: now, after: key, limit: pageSize) : []
        }
        // Two stages on the two cores: the text work of the next page (folding, analysis, term
        // ids: half of the time) runs on another thread while the detector takes this one.
        var page = try read(after: nil)
        var prepared = page.map { StreamScorer.Prepared($0, analyzer: scorer.analyzer) }
        while !page.isEmpty {
            let next = page.count == pageSize ? try read(after: page.last.map { ($0.createdAt, $0.id) }) : []
            let ahead = PreparedPage(next, analyzer: scorer.analyzer)
            for p in prepared where deduplicator.isNew(p.post) {
                let (analysis, _, actions) = scorer.score(p)
                scored(until: p.post.createdAt)
                remember(p.post, topics: analysis.topics)
                count += 1
                guard !refinding.isEmpty else { continue }
                for topic in analysis.topics where refinding.contains(topic) {
                    found.mentions.append((p.post.id, topic, analysis.complaint))
                    found.mentionedPostTimes[p.post.id] = p.post.createdAt
                }
                keep(actions)
            }
            if !found.isEmpty {
                try store.commit(found)
                found = StoreBatch()
            }
            (page, prepared) = (next, ahead.wait())
        }
        // The detector stays at the last stored post rather than moving to `now`: the first
        // cycle brings what was posted since (a restart after downtime fetches the gap), and it
        // is counted at its own times; a spike closes on what comes, not on the gap.
        if !found.isEmpty { try store.commit(found) }
        relearnedUntil = max(relearnedUntil ?? now, now)
        relearned += count
        return count
    }

    /// The days of stored posts a job relearns on start.
    public static let warmUpDays: Double = 8

    /// How far back a repeated ``warmUp(until:days:refinding:)`` looks again for posts stored late.
    public static let lateArrival: TimeInterval = 15 * 60

    /// Records a source's state; it is committed with the posts of the same poll.
    public func record(_ state: SourceState) async throws {
        batch.sourceStates.append(state)
        try await flush()
    }

    /// Moves time forward with no post (end of replay, idle live loop): closes buckets and spikes.
    public func advance(to time: Date) async throws {
        advanceClock(to: time)
        scored(until: time)
        _ = handle(scorer.advance(to: time), at: time)
        try await flush()
    }

    /// Commits the current batch with the notifications now due, and delivers whatever the
    /// outbox has due.
    public func flush() async throws {
        let now = clock.now()
        // Acknowledgements and silences come from other processes (the CLI, a dashboard); they
        // are read at most once a second of wall time, not at every one of a poll cycle's flushes,
        // and at once when the router holds an alert it has not asked about. Only those that
        // can still matter: the acknowledgements of the router's alerts and the silences not yet
        // over, however many the store has gathered.
        let wall = Date()
        let active = router.activeAlertIDs
        if active != controlReadFor || lastControlRead.map({ abs(wall.timeIntervalSince($0)) >= 1 }) ?? true {
            router.update(acknowledged: Set(try store.acknowledgements(alertIDs: active.sorted()).map(\.alertID)),
                          silences: try store.silences(endingAfter: now))
            lastControlRead = wall
            controlReadFor = active
        }
        for n in router.tick(at: now) {
            batch.notifications.append((n, router.channels(of: n.receiver)))
        }
        batch.alertGroups += router.takeChanges()
        if !batch.isEmpty {
            try store.commit(batch)
            batch = StoreBatch()
        }
        sincePostsCommit = 0
        // Delivery lives in real time even when detection is simulated (replay, demo): retries
        // wait for receivers in the real world, and signatures carry real timestamps.
        try await dispatcher.drain(at: clock is SimulatedClock ? Date() : now)
    }

    public var openSpikes: [Spike] { scorer.openSpikes }

    /// Tickets the linker holds: those it may still link, by the clock so far.
    public var ticketsForLinking: Int { linker.count }

    private func advanceClock(to time: Date) {
        (clock as? SimulatedClock)?.advance(to: time)
        while let t = pendingTickets.last, t.createdAt <= time {
            linker.add(t)
            pendingTickets.removeLast()
        }
        if ticketsForgottenAt.map({ time.timeIntervalSince($0) >= 3_600 }) ?? true {
            let earliest = scorer.openSpikes.map(\.start).min() ?? time
            linker.forget(before: min(earliest, time).addingTimeInterval(-Self.spikeStartSlack))
            ticketsForgottenAt = time
        }
    }

    /// How far before the moment it opens a spike may say it started (its surge's first
    /// window, with room to spare): tickets are kept for the linker's look-back before that.
    static let spikeStartSlack: TimeInterval = 86_400

    /// The oldest tickets a job starting at `now` needs to hand its linker: those it may link to
    /// a spike opened by the warm-up's posts or later. A store's older history is not read.
    public func ticketHorizon(at now: Date) -> Date {
        now.addingTimeInterval(-Self.warmUpDays * 86_400 - Self.spikeStartSlack - linker.lookback)
    }

    /// Turns detector actions into store writes and alerts. Returns true when an alert was raised.
    private func handle(_ actions: [SpikeAction], at time: Date) -> Bool {
        var alerted = false
        for action in actions {
            switch action {
            case .bucketClosed(let b):
                batch.buckets.append(b)
            case .opened(let spike):
                stats.spikes += 1
                batch.spikeEvents.append(.step(.opened, of: spike, at: time))
                raise(spike, at: time)
                alerted = true
            case .escalated(let spike, _):
                batch.spikeEvents.append(.step(.escalated, of: spike, at: time))
                raise(spike, at: time)
                alerted = true
            case .closed(let spike):
                router.resolve(spikeID: spike.id)
                batch.spikes.append(spike)
                batch.spikeEvents.append(.peak(of: spike))
                batch.spikeEvents.append(SpikeEvent(spikeID: spike.id, at: spike.closedAt ?? time, kind: .closed, severity: spike.severity, volume: spike.volume))
            }
        }
        // Keep the stored view of open spikes current (volume, peak) at each commit.
        for s in scorer.openSpikes where !batch.spikes.contains(where: { $0.id == s.id }) {
            batch.spikes.append(s)
        }
        return alerted
    }

    /// Raises an alert about a failing or silent source, through the same outbox as spikes.
    public func raiseSourceAlert(source: String, since: Date, message: String) async throws -> String {
        let alert = Alert(sourceHealth: source, since: since, at: clock.now(), message: message)
        batch.alerts.append(alert)
        router.accept(alert, labels: AlertRouter.labels(sourceAlert: alert), at: alert.detectedAt)
        stats.alerts += 1
        observer?(alert)
        try await flush()
        return alert.id
    }

    private func raise(_ spike: Spike, at time: Date) {
        guard let labels = router.admit(spike, at: time) else { return }
        let posts = (recentByTopic[spike.topic] ?? []).filter { $0.createdAt >= spike.start && $0.createdAt <= time }
        let links = linker.link(spike, posts: SpikeEvidence.select(posts), at: time, limit: options.linkLimit)
        let alert = Alert(spike: spike, at: time, linkedTickets: links)
        batch.spikes.removeAll { $0.id == spike.id }
        batch.spikes.append(spike)
        batch.links.append((spike.id, links))
        batch.alerts.append(alert)
        router.accept(alert, labels: labels, at: time)
        stats.alerts += 1
        observer?(alert)
    }
}

/// A page of posts being prepared (``StreamScorer/Prepared``) on a thread of its own, collected
/// with ``wait()``.
private final class PreparedPage: @unchecked Sendable {
    // @unchecked: `result` is written once by the worker before `done` is signalled, and read
    // only after waiting on it.
    private var result: [StreamScorer.Prepared] = []
    private let done = DispatchSemaphore(value: 0)

    init(_ posts: [Post], analyzer: Analyzer) {
        guard !posts.isEmpty else {
            done.signal()
            return
        }
        // A thread of its own, not a dispatch queue: on Linux those are the threads Swift's
        // concurrency runs on, and the actor's thread waits for this work, so with every such
        // thread waiting the work would never run.
        let worker = Thread { [self] in
            result = posts.map { StreamScorer.Prepared($0, analyzer: analyzer) }
            done.signal()
        }
        worker.start()
    }

    func wait() -> [StreamScorer.Prepared] {
        done.wait()
        return result
    }
}

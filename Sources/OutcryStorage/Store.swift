import Foundation
import OutcryCore

/// Everything one step of the pipeline wants written, committed atomically.
///
/// The pipeline accumulates a batch and commits it in one transaction, so a crash or a kill
/// leaves the store at a batch boundary: never a spike without its posts, never an alert
/// without its outbox rows.
public struct StoreBatch: Sendable {
    public var posts: [Post] = []
    /// (post id, topic id, complaint) for each topic a post matched.
    public var mentions: [(post: String, topic: String, complaint: Bool)] = []
    public var buckets: [Bucket] = []
    public var spikes: [Spike] = []
    public var spikeEvents: [SpikeEvent] = []
    public var links: [(spike: String, tickets: [LinkedTicket])] = []
    public var alerts: [Alert] = []
    /// Notifications and the channels each must be delivered to (one outbox row per channel).
    public var notifications: [(notification: AlertNotification, channels: [String])] = []
    /// The router's state per alert group (JSON); nil removes the group.
    public var alertGroups: [(key: String, state: String?)] = []
    public var acknowledgements: [Acknowledgement] = []
    public var silences: [Silence] = []
    public var tickets: [Ticket] = []
    /// Validators, cursors and health of sources, saved with the posts they produced.
    public var sourceStates: [SourceState] = []
    public var notes: [IncidentNote] = []
    /// Topic definitions (id → the terms and exclusions the stored mentions were found with).
    public var appliedTopics: [(topic: String, definition: String)] = []
    /// Mentions of a topic in [from, to) that are removed before this batch's mentions are
    /// written: the topic's definition changed and they are being found again.
    public var mentionsRefound: [(topic: String, from: Date, to: Date)] = []
    /// When the posts that ``mentions`` name but ``posts`` does not carry were created (posts
    /// stored earlier, their mentions found again): a store writes each mention with its post's
    /// time and would otherwise look each one up.
    public var mentionedPostTimes: [String: Date] = [:]

    /// When each post a mention names was created, as far as the batch knows: its own posts
    /// (the first of a repeated id), else ``mentionedPostTimes``. A store looks up the rest.
    public var knownPostTimes: [String: Date] {
        let own = Dictionary(posts.map { ($0.id, $0.createdAt) }, uniquingKeysWith: { a, _ in a })
        return mentionedPostTimes.isEmpty ? own : mentionedPostTimes.merging(own) { _, own in own }
    }

    public init() {}

    public var isEmpty: Bool {
        posts.isEmpty && mentions.isEmpty && buckets.isEmpty && spikes.isEmpty && spikeEvents.isEmpty
            && links.isEmpty && alerts.isEmpty && tickets.isEmpty && sourceStates.isEmpty && notes.isEmpty
            && notifications.isEmpty && alertGroups.isEmpty && acknowledgements.isEmpty && silences.isEmpty && appliedTopics.isEmpty && mentionsRefound.isEmpty
    }
}

/// A notification waiting for, or done with, delivery to one channel.
public struct OutboxEntry: Sendable, Hashable {
    public enum Status: String, Sendable { case pending, delivered, dead }
    /// Idempotency key: notification id and channel. Receivers may use it to drop duplicates.
    public var id: String
    /// The notification's most severe alert.
    public var alertID: String
    public var notificationID: String?
    public var channel: String
    public var status: Status
    public var attempts: Int
    public var nextAttemptAt: Date
    public var lastError: String?
    public var createdAt: Date
    public var deliveredAt: Date?
}

/// Per-topic numbers for dashboards.
public struct TopicSummary: Sendable, Hashable {
    public var topic: String
    public var mentions: Int
    public var complaints: Int
    public var lastMention: Date?
}

/// The one storage protocol: SQLite is the embedded default; other backends implement the same.
public protocol Store: Sendable {
    /// Writes a batch atomically. Re-committing the same data changes nothing (idempotent).
    func commit(_ batch: StoreBatch) throws

    /// Takes the store's pipeline lease unless another process holds it: one `outcry run` per
    /// store fetches, detects and alerts (two would poll every source twice and race each
    /// other's alert groups); the others stand by. Held until this store is released or its
    /// process dies, whichever comes first — never left behind by a crash.
    func tryLeadPipeline() throws -> Bool
    /// The worker (`host/pid`) leading the pipeline now, nil when no `outcry run` is: for
    /// operators asking who is working on a store.
    func pipelineLeader() throws -> String?

    func postCount() throws -> Int
    /// The number of posts as a dashboard shows it (`14k posts`): exact while the store is
    /// small, PostgreSQL's own estimate past a million (its `COUNT(*)` reads the whole table:
    /// 0.2 s at 5 M posts, on every refresh). SQLite counts exactly: its count reads the
    /// smallest index (0.02 s at 5 M).
    func postCountForDisplay() throws -> Int
    /// The posts with these ids, in the order asked, a missing one skipped; any number of ids.
    func posts(ids: [String]) throws -> [Post]
    /// All posts with `created_at` in [from, to), oldest first (ties by id), at most `limit`,
    /// starting after the `after` key: one page of a walk through a period.
    func posts(from: Date, to: Date, after: (createdAt: Date, id: String)?, limit: Int) throws -> [Post]
    /// Posts mentioning `topic` in [from, to), oldest first, at most `limit`.
    func posts(topic: String, from: Date, to: Date, limit: Int) throws -> [Post]
    /// The topic's posts classified as complaints, oldest first.
    func complaintPosts(topic: String, from: Date, to: Date, limit: Int) throws -> [Post]
    /// Tickets opened in [from, to], oldest first (ties by id): what a linker can still rank.
    /// A store holding years of helpdesk history is read for the weeks a spike looks back over,
    /// not whole.
    func tickets(createdFrom from: Date, to: Date) throws -> [Ticket]
    /// Tickets written to the store (new, or changed by a re-import or the intake server) at or
    /// after `since` by the writer's wall clock, and opened at or after `opened`: what a running
    /// job has not seen yet and can still link (an import of years of history is not read whole).
    func tickets(storedSince since: Date, createdFrom opened: Date) throws -> [Ticket]
    /// The tickets with these ids, in the order asked, a missing one skipped; any number of ids
    /// (an import reads only the tickets it names).
    func tickets(ids: [String]) throws -> [Ticket]
    func buckets(topic: String, from: Date, to: Date) throws -> [Bucket]
    /// Every topic's buckets in the range (dashboards read all topics at once).
    func buckets(from: Date, to: Date) throws -> [Bucket]
    /// Every topic's mention count per bucket in the range, in no particular order: what
    /// sparklines and usual rates need, without the rest of each bucket.
    func bucketCounts(from: Date, to: Date) throws -> [(topic: String, start: Date, count: Int)]
    /// When the newest stored post was written (a replayed store's clock).
    func lastPostAt() throws -> Date?
    /// Every spike, oldest first (ties by id).
    func spikes() throws -> [Spike]
    /// The spikes the filter names, in the same order, read by index.
    func spikes(_ filter: SpikeFilter) throws -> [Spike]
    func spikeEvents(spikeID: String) throws -> [SpikeEvent]
    func links(spikeID: String) throws -> [LinkedTicket]
    /// Alerts detected at or after `since` (nil: all), oldest first.
    func alerts(since: Date?) throws -> [Alert]
    /// The spike's alerts, oldest first, read by index (a timeline's cost follows its spike).
    func alerts(spikeID: String) throws -> [Alert]
    func topicSummaries() throws -> [TopicSummary]
    /// Mentions and complaints per topic in [from, to).
    func mentionCounts(topics: [String], from: Date, to: Date) throws -> [String: (mentions: Int, complaints: Int)]

    func sourceStates() throws -> [SourceState]
    /// The definition of each topic the stored mentions and buckets were last computed with: a
    /// job whose topics differ recomputes them for the stored posts (see `StoreBatch.appliedTopics`).
    func appliedTopics() throws -> [String: String]
    /// The team's notes on a spike, oldest first.
    func notes(spikeID: String) throws -> [IncidentNote]
    func outbox(status: OutboxEntry.Status?) throws -> [OutboxEntry]
    /// Every entry created at or after `since`, whatever its state.
    func outbox(since: Date) throws -> [OutboxEntry]
    /// Pending entries whose next attempt is due at `time`.
    func dueOutbox(at time: Date, limit: Int) throws -> [OutboxEntry]
    /// Due entries for `channels` that no worker holds, oldest first, each now held by `worker`
    /// for `lease` seconds: several delivery workers share one outbox without sending anything
    /// twice, and an entry held by a worker that died is due again when its hold runs out (or
    /// at once, when ``releaseOutboxClaims(heldBy:)`` says so). Marking an entry delivered,
    /// failed or re-driven releases it.
    ///
    /// `time` is the worker's clock, which decides what is due. Holds are timed by the clock
    /// every worker of the store shares: the worker's own for an SQLite file (one machine), the
    /// database server's for PostgreSQL — workers on machines whose clocks disagree by more
    /// than a lease must not see each other's holds run out early and send an entry twice.
    func claimDueOutbox(at time: Date, channels: [String], limit: Int, lease: TimeInterval, worker: String) throws -> [OutboxEntry]
    /// The workers holding entries whose hold has not run out, by the clock holds are timed
    /// with (see ``claimDueOutbox(at:channels:limit:lease:worker:)``; `time` for an SQLite file).
    func outboxHolders(at time: Date) throws -> [String]
    /// Ends every hold of `worker`, one known to have died: its entries are due again at once.
    func releaseOutboxClaims(heldBy worker: String) throws
    func alert(id: String) throws -> Alert?
    /// Several at once, in one transaction (the dispatcher records a window of deliveries).
    func markDelivered(_ ids: [String], at time: Date) throws
    func markFailed(_ id: String, error: String, retryAt: Date?) throws
    /// Puts dead (or all undelivered) entries back in the queue, due now. Returns how many.
    func redrive(ids: [String]?, at time: Date) throws -> Int
    func notification(id: String) throws -> AlertNotification?
    /// Notifications created at or after `since` (nil: all), oldest first.
    func notifications(since: Date?) throws -> [AlertNotification]
    /// The router's saved groups (key, JSON state).
    func alertGroups() throws -> [(key: String, state: String)]
    /// Acknowledgements made at or after `since` (nil: all), oldest first.
    func acknowledgements(since: Date?) throws -> [Acknowledgement]
    /// The acknowledgements of the spike's alerts, oldest first.
    func acknowledgements(spikeID: String) throws -> [Acknowledgement]
    /// Every outbox entry carrying one of these alerts (any number of ids), with the alert it
    /// carries, oldest first: an entry carrying two of them comes once for each.
    func deliveries(alertIDs: [String]) throws -> [AlertDelivery]
    /// The acknowledgements of these alerts (any number of ids), in the order asked, an alert
    /// nobody acknowledged skipped: the router asks about the alerts it holds.
    func acknowledgements(alertIDs: [String]) throws -> [Acknowledgement]
    func silences() throws -> [Silence]
    /// Silences that have not ended at `time`: the ones that can still mute something.
    func silences(endingAfter time: Date) throws -> [Silence]
}

extension Store {
    public func alerts() throws -> [Alert] { try alerts(since: nil) }
    public func notifications() throws -> [AlertNotification] { try notifications(since: nil) }
    public func acknowledgements() throws -> [Acknowledgement] { try acknowledgements(since: nil) }
    /// Every ticket, oldest first.
    public func tickets() throws -> [Ticket] { try tickets(createdFrom: .distantPast, to: .distantFuture) }
    /// Every ticket written at or after `since`.
    public func tickets(storedSince since: Date) throws -> [Ticket] { try tickets(storedSince: since, createdFrom: .distantPast) }
}

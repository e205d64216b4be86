import Foundation
import OutcryCore
import OutcryStorage

/// Delivers what the outbox holds: at least once, with backoff for retryable failures and a
/// dead-letter state with the last error for permanent ones. Notifications are written to the
/// outbox in the same transaction as their alerts, so one accepted before a crash is delivered
/// after the restart; the outbox row id is the idempotency key receivers de-duplicate by.
public struct OutboxDispatcher: Sendable {
    public let store: any Store
    public let notifiers: [String: any Notifier]
    public var maxAttempts = 8
    public var baseDelay: TimeInterval = 5
    public var maxDelay: TimeInterval = 3600
    /// Deliveries in flight at once (different channels and notifications).
    public var concurrency = 8
    /// How long a claimed entry stays this worker's before another may take it: longer than a
    /// batch of deliveries takes with their timeouts (10 s by default). A holder that died on
    /// this machine is noticed at once (``WorkerIdentity``); one elsewhere, when this runs out.
    public var lease: TimeInterval = 120
    /// Entries claimed at a time: a few windows of concurrent deliveries, so other workers find
    /// work while this one sends and what it holds is sent well within its lease, without a
    /// write transaction per window (8 at a time cost a tenth of the throughput).
    public var claimBatch = 32
    /// Written beside the entries this dispatcher holds.
    public var worker = WorkerIdentity.current
    /// Entries one drain attempts at most.
    public var drainLimit = 1000

    public init(store: any Store, notifiers: [any Notifier]) {
        self.store = store
        self.notifiers = Dictionary(notifiers.map { ($0.channel, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// Attempts every due entry once, `concurrency` at a time (a sliding window, so one slow
    /// receiver does not hold up the rest), claiming entries in small batches so that other
    /// workers draining the same outbox take the others. Returns how many were delivered.
    @discardableResult
    public func drain(at now: Date) async throws -> Int {
        // A channel no longer configured keeps its entries for when it returns (or for a worker that has it).
        let channels = notifiers.keys.sorted()
        // Entries held by a worker of this machine that has died (killed mid-send) are due again now.
        for holder in try store.outboxHolders(at: now) where WorkerIdentity(holder)?.isGoneFromThisHost == true {
            try store.releaseOutboxClaims(heldBy: holder)
        }
        var queue: ArraySlice<OutboxEntry> = []
        var attempted = 0, exhausted = false
        var delivered: [String] = []
        var total = 0
        try await withThrowingTaskGroup(of: (OutboxEntry, DeliveryOutcome).self) { group in
            var inFlight = 0
            while true {
                // Claim more when what this worker holds cannot fill the free slots: a small batch
                // at a time, so the others find work, and the window keeps sliding.
                if !exhausted, queue.count < concurrency - inFlight, attempted < drainLimit {
                    let more = try store.claimDueOutbox(at: now, channels: channels, limit: min(claimBatch, drainLimit - attempted),
                                                        lease: lease, worker: worker.description)
                    exhausted = more.isEmpty
                    attempted += more.count
                    queue += more
                }
                while inFlight < concurrency, let entry = queue.popFirst() {
                    group.addTask { (entry, try await self.attempt(entry, at: now)) }
                    inFlight += 1
                }
                guard inFlight > 0, let (entry, outcome) = try await group.next() else { break }
                inFlight -= 1
                if case .delivered = outcome {
                    delivered.append(entry.id)
                } else {
                    try record(outcome, for: entry, at: now)
                }
                // Successes are written in small batches: one transaction per window, not per row.
                if delivered.count >= concurrency || (inFlight == 0 && queue.isEmpty) {
                    try store.markDelivered(delivered, at: now)
                    total += delivered.count
                    delivered.removeAll()
                }
            }
        }
        try store.markDelivered(delivered, at: now)
        return total + delivered.count
    }

    private func attempt(_ entry: OutboxEntry, at now: Date) async throws -> DeliveryOutcome {
        guard let delivery = try delivery(for: entry, at: now) else {
            return .failed(retryable: false, message: "notification \(entry.notificationID ?? entry.alertID) is missing from the store")
        }
        return await notifiers[entry.channel]!.deliver(delivery)
    }

    /// Writes a failure: retried later with backoff, or dead-lettered.
    private func record(_ outcome: DeliveryOutcome, for entry: OutboxEntry, at now: Date) throws {
        guard case .failed(let retryable, let message, let retryAfter) = outcome else { return }
        let attempts = entry.attempts + 1
        if retryable && attempts < maxAttempts {
            try store.markFailed(entry.id, error: message, retryAt: now.addingTimeInterval(backoff(attempts, retryAfter: retryAfter, key: entry.id)))
        } else {
            try store.markFailed(entry.id, error: retryable ? "gave up after \(attempts) attempts: \(message)" : message, retryAt: nil)
        }
    }

    /// The notification with its alerts, their sample posts and linked tickets.
    func delivery(for entry: OutboxEntry, at now: Date) throws -> Delivery? {
        let notification: AlertNotification
        if let id = entry.notificationID {
            guard let n = try store.notification(id: id) else { return nil }
            notification = n
        } else {
            // Rows written before notifications existed: one alert each.
            notification = AlertNotification(id: entry.id, receiver: "", groupKey: entry.alertID, groupLabels: [:], kind: .firing,
                                             alertIDs: [entry.alertID], newAlertIDs: [entry.alertID], createdAt: entry.createdAt, sequence: 1)
        }
        let alerts = try notification.alertIDs.compactMap { try store.alert(id: $0) }
        guard !alerts.isEmpty else { return nil }
        let posts = try store.posts(ids: alerts.flatMap(\.samplePosts))
        let tickets = try store.tickets(ids: alerts.flatMap { $0.linkedTickets.map(\.id) })
        return Delivery(notification: notification, alerts: alerts, posts: Dictionary(posts.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a }),
                        tickets: Dictionary(tickets.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a }),
                        idempotencyKey: entry.id, now: now)
    }

    /// Exponential backoff with deterministic jitter (from the key), honouring Retry-After.
    public func backoff(_ attempts: Int, retryAfter: TimeInterval?, key: String) -> TimeInterval {
        let exp = min(maxDelay, baseDelay * pow(2, Double(attempts - 1)))
        let jitter = Double(StableHash.fnv1a(key + String(attempts)) % 1000) / 1000 * 0.5 * exp
        return max(retryAfter ?? 0, exp * 0.75 + jitter)
    }
}

import Foundation
import OutcryCore
import OutcryStorage

/// Delivers what the outbox holds: at least once, with backoff for retryable failures and a
/// dead-letter state with the last error for permanent ones. The outbox is written in the same
/// transaction as the alert, so an alert accepted before a crash is delivered after restart.
public struct OutboxDispatcher: Sendable {
    public let store: any Store
    public let notifiers: [String: any Notifier]
    public var maxAttempts = 8
    public var baseDelay: TimeInterval = 5
    public var maxDelay: TimeInterval = 3600

    public init(store: any Store, notifiers: [any Notifier]) {
        self.store = store
        self.notifiers = Dictionary(notifiers.map { ($0.channel, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// Attempts every due entry once. Returns how many were delivered.
    @discardableResult
    public func drain(at now: Date) async throws -> Int {
        var delivered = 0
        for entry in try store.dueOutbox(at: now, limit: 1000) {
            guard let alert = try store.alert(id: entry.alertID) else {
                try store.markFailed(entry.id, error: "alert \(entry.alertID) missing", retryAt: nil)
                continue
            }
            guard let notifier = notifiers[entry.channel] else {
                // A channel no longer configured: keep the entry for when it returns.
                continue
            }
            switch await notifier.deliver(alert, idempotencyKey: entry.id) {
            case .delivered:
                try store.markDelivered(entry.id, at: now)
                delivered += 1
            case .failed(let retryable, let message, let retryAfter):
                let attempts = entry.attempts + 1
                if retryable && attempts < maxAttempts {
                    try store.markFailed(entry.id, error: message, retryAt: now.addingTimeInterval(backoff(attempts, retryAfter: retryAfter, key: entry.id)))
                } else {
                    try store.markFailed(entry.id, error: message, retryAt: nil)
                }
            }
        }
        return delivered
    }

    /// Exponential backoff with deterministic jitter (from the key), honouring Retry-After.
    public func backoff(_ attempts: Int, retryAfter: TimeInterval?, key: String) -> TimeInterval {
        let exp = min(maxDelay, baseDelay * pow(2, Double(attempts - 1)))
        let jitter = Double(StableHash.fnv1a(key + String(attempts)) % 1000) / 1000 * 0.5 * exp
        return max(retryAfter ?? 0, exp * 0.75 + jitter)
    }
}

import Foundation
import OutcryCore

/// What happened when a notifier tried to deliver.
public enum DeliveryOutcome: Sendable, Hashable {
    case delivered
    /// `retryable` only when a later attempt can succeed (timeouts, 5xx, 429); `retryAfter` when
    /// the receiver said how long to wait.
    case failed(retryable: Bool, message: String, retryAfter: TimeInterval? = nil)
}

/// Delivers alerts to one channel. Every channel (console, file, email, webhooks) implements
/// this and nothing else; retries, dedup and persistence belong to the ``OutboxDispatcher``.
public protocol Notifier: Sendable {
    /// The channel name used in outbox rows (`console`, `jsonl:alerts.jsonl`, `slack:pr-team`).
    var channel: String { get }
    /// `idempotencyKey` is stable across retries of one notification, so receivers can drop duplicates.
    func deliver(_ alert: Alert, idempotencyKey: String) async -> DeliveryOutcome
}

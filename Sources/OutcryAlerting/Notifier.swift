import Foundation
import OutcryCore

/// What happened when a notifier tried to deliver.
public enum DeliveryOutcome: Sendable, Hashable {
    case delivered
    /// `retryable` only when a later attempt can succeed (timeouts, 5xx, 429, an unset secret);
    /// `retryAfter` when the receiver said how long to wait.
    case failed(retryable: Bool, message: String, retryAfter: TimeInterval? = nil)
}

/// Everything a channel needs to send one notification, looked up by the dispatcher.
public struct Delivery: Sendable {
    public var notification: AlertNotification
    /// The notification's alerts, most severe first.
    public var alerts: [Alert]
    /// Sample posts and linked tickets of those alerts, by id.
    public var posts: [String: Post]
    public var tickets: [String: Ticket]
    /// Stable across retries of this notification on this channel: receivers drop duplicates by it.
    public var idempotencyKey: String
    public var now: Date

    public init(notification: AlertNotification, alerts: [Alert], posts: [String: Post] = [:], tickets: [String: Ticket] = [:],
                idempotencyKey: String, now: Date) {
        self.notification = notification
        self.alerts = alerts
        self.posts = posts
        self.tickets = tickets
        self.idempotencyKey = idempotencyKey
        self.now = now
    }
}

/// Delivers notifications to one channel. Every channel (console, file, email, webhooks)
/// implements this and nothing else; retries, dedup and persistence belong to the
/// ``OutboxDispatcher``, and one conformance suite tests them all.
public protocol Notifier: Sendable {
    /// The channel name used in outbox rows (`pr-team/slack`, `default/jsonl`).
    var channel: String { get }
    func deliver(_ delivery: Delivery) async -> DeliveryOutcome
}

import Foundation

/// One message to one receiver about a group of alerts: the unit the router decides on and the
/// outbox delivers. Its id, with the channel, is the idempotency key receivers see.
public struct AlertNotification: Sendable, Hashable {
    public enum Kind: String, Sendable, Codable {
        /// New alerts in the group, or a severity upgrade.
        case firing
        /// Nothing changed and nobody acknowledged: a reminder after `repeat_interval`.
        case reminder
        /// Unacknowledged past the route's `escalate.after`: sent to the escalation receiver.
        case escalation
        /// `outcry alerts test`: clearly marked, not about a real spike.
        case test
    }

    public var id: String
    public var receiver: String
    /// The route node and the values of its `group_by` labels.
    public var groupKey: String
    public var groupLabels: [String: String]
    public var kind: Kind
    /// The group's alerts at the time, most severe first.
    public var alertIDs: [String]
    /// Those new or upgraded since the group's previous notification.
    public var newAlertIDs: [String]
    public var createdAt: Date
    /// The how-manieth notification of this group: email threads hang off the first.
    public var sequence: Int

    public init(id: String, receiver: String, groupKey: String, groupLabels: [String: String], kind: Kind,
                alertIDs: [String], newAlertIDs: [String], createdAt: Date, sequence: Int) {
        self.id = id
        self.receiver = receiver
        self.groupKey = groupKey
        self.groupLabels = groupLabels
        self.kind = kind
        self.alertIDs = alertIDs
        self.newAlertIDs = newAlertIDs
        self.createdAt = createdAt
        self.sequence = sequence
    }
}

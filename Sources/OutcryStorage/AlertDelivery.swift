import OutcryCore

/// An outbox entry and one alert it carries. A notification about a group of alerts is one
/// entry per channel, and each entry carries every alert of the notification; an entry stored
/// before notifications existed carries its own `alertID` alone.
public struct AlertDelivery: Sendable, Hashable {
    public var alertID: String
    /// The receiver the notification went to (nil for an entry stored before routing).
    public var receiver: String?
    public var entry: OutboxEntry

    public init(alertID: String, receiver: String?, entry: OutboxEntry) {
        (self.alertID, self.receiver, self.entry) = (alertID, receiver, entry)
    }
}

extension AlertDelivery {
    /// Oldest first, ties by entry id and then alert id, compared as bytes: the same order from
    /// either store, whatever the database's collation.
    static func oldestFirst(_ deliveries: [AlertDelivery]) -> [AlertDelivery] {
        deliveries.sorted { ($0.entry.createdAt, $0.entry.id, $0.alertID) < ($1.entry.createdAt, $1.entry.id, $1.alertID) }
    }
}

/// What became of the notifications carrying one alert: its outbox entries by state, the
/// receivers they went to and the channels that took them. The alert list, the dashboard and
/// the timeline all say it.
public struct AlertDeliveries: Sendable, Hashable {
    public var delivered = 0
    public var pending = 0
    public var dead = 0
    public var receivers: Set<String> = []
    public var deliveredChannels: Set<String> = []

    public init() {}

    /// Each alert's, from its deliveries (``Store/deliveries(alertIDs:)``); an alert with none
    /// is absent.
    public static func byAlert(_ deliveries: [AlertDelivery]) -> [String: AlertDeliveries] {
        var out: [String: AlertDeliveries] = [:]
        for d in deliveries {
            out[d.alertID, default: AlertDeliveries()].add(d)
        }
        return out
    }

    mutating func add(_ d: AlertDelivery) {
        switch d.entry.status {
        case .delivered:
            delivered += 1
            deliveredChannels.insert(d.entry.channel)
        case .pending: pending += 1
        case .dead: dead += 1
        }
        if let r = d.receiver { receivers.insert(r) }
    }
}

import Foundation
import OutcryCore
import OutcryStorage

/// Follows the tickets written to a store while a job runs — pushed to `tickets serve`, imported
/// with `tickets import` by other processes, perhaps on other machines — so that the job links
/// them without a restart.
public struct TicketFollower {
    /// How far behind ours another writer's clock may run (a ticket seen twice is harmless).
    public var clockSlack: TimeInterval = 120
    private var checked: Date

    /// Follows from `start`: tickets the job already read then are not asked for again (beyond the slack).
    public init(from start: Date) {
        checked = start
    }

    /// The tickets written since the last call (new, or changed by new events).
    public mutating func fresh(in store: any Store, now: Date = Date()) throws -> [Ticket] {
        let tickets = try store.tickets(storedSince: checked.addingTimeInterval(-clockSlack))
        checked = now
        return tickets
    }
}

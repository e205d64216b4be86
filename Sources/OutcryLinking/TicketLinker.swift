import Foundation
import OutcryCore

/// Finds the support tickets behind a spike. One protocol so the ranking can be replaced
/// without touching detection or alerting.
public protocol TicketLinker: Sendable {
    /// Adds or replaces a ticket (re-imports update in place).
    mutating func add(_ ticket: Ticket)
    /// Ranks tickets for `spike`, seeing only what existed at `time`, best first.
    func link(_ spike: Spike, posts: [Post], at time: Date, limit: Int) -> [LinkedTicket]
}

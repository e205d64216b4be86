import Foundation
import OutcryCore

/// Finds the support tickets behind a spike. One protocol so the ranking can be replaced
/// without touching detection or alerting.
public protocol TicketLinker: Sendable {
    /// Adds or replaces a ticket (re-imports update in place).
    mutating func add(_ ticket: Ticket)
    /// Ranks tickets for `spike`, seeing only what existed at `time`, best first.
    func link(_ spike: Spike, posts: [Post], at time: Date, limit: Int) -> [LinkedTicket]
    /// Tickets held for linking.
    var count: Int { get }
    /// How long before a spike's start a ticket may have been opened and still be linked to it.
    var lookback: TimeInterval { get }
    /// Lets go of the tickets no spike starting at `time` or later can be linked to (opened
    /// more than ``lookback`` before it), and takes no such ticket from now on: a job that runs
    /// for months holds the weeks it can link, not the helpdesk's history.
    mutating func forget(before time: Date)
}

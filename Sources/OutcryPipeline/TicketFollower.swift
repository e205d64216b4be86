import Foundation
import OutcryCore
import OutcryStorage

/// Follows the tickets written to a store while a job runs — pushed to `tickets serve`, imported
/// with `tickets import` by other processes, perhaps on other machines — so that the job links
/// them without a restart.
///
/// Only tickets that are new or differ from what the job already has are reported: the linker's
/// index appends a document for every ticket it is given, so a ticket handed over again unchanged
/// (seen twice within the clock slack, or rewritten by a re-import) would only grow it.
public struct TicketFollower {
    /// How far behind ours another writer's clock may run.
    public var clockSlack: TimeInterval = 120
    private var checked: Date
    /// What the job has of each ticket, by id.
    private var known: [String: Ticket]
    /// How long after it was opened a ticket is still worth reporting (the linker's reach).
    private let keeping: TimeInterval
    /// ``known``'s size when tickets too old to report were last let go of.
    private var knownAfterPruning: Int

    /// Follows from `start`, for a job that already has `tickets`, reporting tickets opened at
    /// most `keeping` before the time they are read: an older one written again (a re-import
    /// of last year's export) is of no use to the linker, and remembering every ticket ever
    /// written would grow with the helpdesk's history.
    public init(from start: Date, knowing tickets: [Ticket] = [], keeping: TimeInterval = .infinity) {
        checked = start
        known = Dictionary(tickets.map { ($0.id, $0) }, uniquingKeysWith: { _, b in b })
        self.keeping = keeping
        knownAfterPruning = known.count
    }

    /// The tickets written since the last call that are new or changed (new events, status).
    public mutating func fresh(in store: any Store, now: Date = Date()) throws -> [Ticket] {
        let horizon = now.addingTimeInterval(-keeping)
        let written = try store.tickets(storedSince: checked.addingTimeInterval(-clockSlack), createdFrom: horizon)
        checked = now
        var changed: [Ticket] = []
        for ticket in written where known[ticket.id] != ticket {
            known[ticket.id] = ticket
            changed.append(ticket)
        }
        if known.count > max(1_024, 2 * knownAfterPruning) {
            known = known.filter { $0.value.createdAt >= horizon }
            knownAfterPruning = known.count
        }
        return changed
    }
}

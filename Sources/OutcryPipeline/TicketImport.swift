import OutcryCore
import OutcryLinking
import OutcryStorage

/// Merges tickets read from an export into a store: only the stored tickets the export names
/// are read (a helpdesk's whole history need not be, to merge a day's export), and only what is
/// new or changed is written. `tickets import` and `run`'s watched ticket files both merge
/// through this.
public enum TicketImport {
    public static func merge(_ incoming: [Ticket], into store: any Store) throws -> TicketMerge.Result {
        let ids = Array(Set(incoming.map(\.id)))
        let existing = Dictionary(try store.tickets(ids: ids).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let merged = TicketMerge.merge(incoming, onto: existing)
        if !merged.tickets.isEmpty {
            var batch = StoreBatch()
            batch.tickets = merged.tickets
            try store.commit(batch)
        }
        return merged
    }
}

extension TicketMerge.Result {
    /// `2 new, 1 updated (3 new events), 10 unchanged`, as the import and `run` report it.
    public var summary: String {
        "\(added) new, \(updated) updated (\(newEvents) new events), \(unchanged) unchanged"
    }
}

import Foundation
import OutcryCore
import OutcryText

/// A ticket as the linker sees it at one moment: its text so far, tokens and identifiers.
struct TicketDocument {
    let ticket: Ticket
    let tokens: [String: Int]
    let length: Int
    let identifiers: Identifiers
    let events: [TicketEvent]
    /// The folded text, kept to show shared phrases rather than bigrams in reasons.
    let folded: String

    init(_ ticket: Ticket, at time: Date, normalizer: Normalizer) {
        self.ticket = ticket
        events = ticket.events(before: time)
        let raw = ([ticket.subject, ticket.body] + events.map(\.text)).joined(separator: "\n")
        var tf: [String: Int] = [:]
        var n = 0
        folded = normalizer.fold(raw)
        for t in Tokenizer.tokens(folded) where t.kind != .cjkSingle {
            tf[t.text, default: 0] += 1
            n += 1
        }
        tokens = tf
        length = n
        var ids = Identifiers.extract(raw)
        if let order = ticket.orderId { ids.orders.insert(order) }
        identifiers = ids
    }
}

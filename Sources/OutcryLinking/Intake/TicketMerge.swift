import OutcryCore

/// Re-importing tickets: a ticket seen before is updated (status, text, times) and gains only
/// the events it did not have; nothing is duplicated, nothing already known is lost.
public enum TicketMerge {
    public struct Result: Sendable {
        public var tickets: [Ticket]
        public var added = 0
        public var updated = 0
        public var newEvents = 0
        public var unchanged = 0
    }

    /// `incoming` merged onto `existing` (by id). Returns only the tickets to write.
    public static func merge(_ incoming: [Ticket], onto existing: [String: Ticket]) -> Result {
        var result = Result(tickets: [])
        for var t in incoming {
            guard let old = existing[t.id] else {
                result.added += 1
                result.newEvents += t.events.count
                result.tickets.append(t)
                continue
            }
            let known = Set(old.events)
            let fresh = t.events.filter { !known.contains($0) }
            t.events = (old.events + fresh).sorted { $0.at < $1.at }
            // Fields an export leaves empty keep what we knew.
            t.customer = t.customer ?? old.customer
            t.orderId = t.orderId ?? old.orderId
            t.channel = t.channel ?? old.channel
            if t.body.isEmpty { t.body = old.body }
            if t.subject.isEmpty { t.subject = old.subject }
            if t == old {
                result.unchanged += 1
                continue
            }
            result.updated += 1
            result.newEvents += fresh.count
            result.tickets.append(t)
        }
        return result
    }
}

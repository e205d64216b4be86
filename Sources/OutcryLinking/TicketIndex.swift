import Foundation
import OutcryCore
import OutcryText

/// An inverted index over tickets, updated as each ticket arrives, so linking one spike costs
/// the postings of its query terms rather than re-reading every ticket.
///
/// Every part of a ticket (subject and body at creation, then each event) is indexed with its
/// time, so a query as of time t counts only the text that existed by t: linking stays causal
/// when a ticket's later messages are already on file.
struct TicketIndex: Sendable {
    private(set) var tickets: [Ticket] = []
    /// When each ticket version was opened, NaN once it is dropped (replaced or retired: no window
    /// holds NaN). Every posting a query reads is checked against this: 8 bytes a version, so
    /// the check stays in cache for a large index.
    private var openedAt: [Double] = []
    /// Each part of each ticket version, in order: when it was written and its token count.
    /// Version d's parts start at `firstPart[d]` and end where the next version's start.
    private var parts: [(at: Double, length: Int32)] = []
    private var firstPart: [Int32] = []
    private var postings: [String: PostingList] = [:]
    private var identifierPostings: [String: PostingList] = [:]
    /// Tickets of one order or customer, to keep chains whole: the latest version with each key
    /// (`order:…`, `customer:…`), and for each version the one before it with the same order
    /// and with the same customer (−1: none). Most orders have one ticket; a list each would
    /// cost more than the index's postings.
    private var chainHeads: [String: Int32] = [:]
    private var previousInChain: [(order: Int32, customer: Int32)] = []
    private var byID: [String: Int] = [:]
    private let normalizer: Normalizer

    init(normalizer: Normalizer) {
        self.normalizer = normalizer
    }

    var count: Int { byID.count }

    /// Versions the index still holds but no query reads: replaced by a newer one (each re-added
    /// ticket — a new reply, a re-import, a push to `tickets serve` — leaves one behind) or
    /// retired (``retire(openedBefore:)``), until ``compacted()``.
    private(set) var dropped = 0

    /// Adds a ticket, or a new version of one it holds. When dropped versions outnumber the
    /// live tickets (and a floor of 1,024, so small indexes are not rebuilt over and over) the
    /// index is rebuilt from the live tickets: a job that runs for months while its tickets
    /// keep changing holds each ticket about once, at an amortised cost of one more indexing
    /// per replacement.
    mutating func add(_ ticket: Ticket) {
        index(ticket)
        compactIfSparse()
    }

    /// Drops the tickets opened before `time`: no query from then on has them in its window.
    /// Their memory goes with the next compaction, as a replaced version's does.
    mutating func retire(openedBefore time: Double) {
        for (doc, opened) in openedAt.enumerated() where opened < time {   // NaN: already dropped
            openedAt[doc] = .nan
            byID[tickets[doc].id] = nil
            dropped += 1
        }
        compactIfSparse()
    }

    private mutating func compactIfSparse() {
        if dropped > max(1_024, count) { self = compacted() }
    }

    /// The same index without dropped versions: live tickets in the order they were added,
    /// so chains and ties come out as before.
    func compacted() -> TicketIndex {
        var fresh = TicketIndex(normalizer: normalizer)
        for (doc, ticket) in tickets.enumerated() where !openedAt[doc].isNaN { fresh.index(ticket) }
        return fresh
    }

    private mutating func index(_ ticket: Ticket) {
        if let old = byID[ticket.id] {
            openedAt[old] = .nan
            dropped += 1
        }
        let doc = tickets.count
        byID[ticket.id] = doc
        tickets.append(ticket)
        let texts = [(ticket.createdAt, ticket.subject + "\n" + ticket.body)] + ticket.events.map { ($0.at, $0.text) }
        let times = texts.map { $0.0.timeIntervalSince1970 }
        openedAt.append(times[0])
        firstPart.append(Int32(parts.count))
        for (part, (time, text)) in texts.enumerated() {
            var tf: [String: Int] = [:]
            var n: Int32 = 0
            for t in Tokenizer.tokens(normalizer.fold(text)) where t.kind != .cjkSingle {
                tf[t.text, default: 0] += 1
                n += 1
            }
            for (token, count) in tf { postings[token, default: PostingList()].append(doc: doc, part: part, tf: count) }
            parts.append((times[part], n))
            var ids = Identifiers.extract(text)
            if time == ticket.createdAt, let order = ticket.orderId { ids.orders.insert(order) }
            for key in ids.orders.map({ "o:" + $0 }) + ids.models.map({ "m:" + $0 }) + ids.handles.map({ "h:" + $0 }) {
                identifierPostings[key, default: PostingList()].append(doc: doc, part: part, tf: 1)
            }
        }
        let keys = Self.chainKeys(of: ticket)
        let order = keys.order.map { chainHeads.updateValue(Int32(doc), forKey: $0) ?? -1 } ?? -1
        let customer = keys.customer.map { chainHeads.updateValue(Int32(doc), forKey: $0) ?? -1 } ?? -1
        previousInChain.append((order, customer))
    }

    /// The tickets a query as of `time` may consider: alive and created within `window`.
    func inWindow(_ doc: Int, _ window: ClosedRange<Double>) -> Bool {
        window.contains(openedAt[doc])
    }

    /// Tokens of a ticket by `time`.
    func length(_ doc: Int, at time: Double) -> Int {
        partsOf(doc).reduce(0) { $0 + ($1.at <= time ? Int($1.length) : 0) }
    }

    private func partsOf(_ doc: Int) -> ArraySlice<(at: Double, length: Int32)> {
        parts[Int(firstPart[doc])..<(doc + 1 < firstPart.count ? Int(firstPart[doc + 1]) : parts.count)]
    }

    /// Window tickets whose text held `token` by `time`, with the token's count in each part
    /// that held it (a ticket comes once per such part).
    @inline(__always)
    func forEachPosting(_ token: String, at time: Double, window: ClosedRange<Double>, _ body: (_ doc: Int, _ tf: Int) -> Void) {
        guard let list = postings[token] else { return }
        // A frequent token has a posting in most tickets: the check reads a plain buffer.
        openedAt.withUnsafeBufferPointer { opened in
            list.forEach { p in
                if written(p, openedAt: opened[p.doc], by: time, within: window) { body(p.doc, p.tf) }
            }
        }
    }

    /// Of a ticket opened in the window, and written by `time`: the opening text (part 0) was
    /// written when the ticket was opened; a later message's time is looked up.
    @inline(__always)
    private func written(_ p: PostingList.Posting, openedAt opened: Double, by time: Double, within window: ClosedRange<Double>) -> Bool {
        guard window.contains(opened) else { return false }
        return p.part == 0 ? opened <= time : parts[Int(firstPart[p.doc]) + p.part].at <= time
    }

    /// Number of ticket versions indexed (dense arrays over documents are this long).
    var documentCount: Int { tickets.count }

    /// Window tickets naming an identifier (`o:`/`m:`/`h:` key) by `time`.
    func documents(identifier key: String, window: ClosedRange<Double>, at time: Double) -> Set<Int> {
        var docs = Set<Int>()
        identifierPostings[key]?.forEach { p in
            if written(p, openedAt: openedAt[p.doc], by: time, within: window) { docs.insert(p.doc) }
        }
        return docs
    }

    /// Window tickets of the same order or customer as `doc`.
    func chain(of doc: Int, window: ClosedRange<Double>) -> [Int] {
        let keys = Self.chainKeys(of: tickets[doc])
        var members: [Int] = []
        func walk(_ key: String?, byOrder: Bool) {
            var d = key.flatMap { chainHeads[$0] } ?? -1
            while d >= 0 {
                if inWindow(Int(d), window) { members.append(Int(d)) }
                d = byOrder ? previousInChain[Int(d)].order : previousInChain[Int(d)].customer
            }
        }
        walk(keys.order, byOrder: true)
        walk(keys.customer, byOrder: false)
        return members
    }

    /// The keys of a ticket's two chains in ``chainHeads``.
    private static func chainKeys(of ticket: Ticket) -> (order: String?, customer: String?) {
        (ticket.orderId.map { "order:" + $0 }, ticket.customer.map { "customer:" + $0 })
    }

    /// All window tickets (for corpus statistics).
    func windowDocuments(_ window: ClosedRange<Double>) -> [Int] {
        openedAt.indices.filter { inWindow($0, window) }
    }
}

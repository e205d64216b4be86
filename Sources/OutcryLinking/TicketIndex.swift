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
    struct Posting: Sendable {
        var doc: Int32
        var tf: Int32
        /// When the part holding the token was written (seconds since 1970).
        var at: Double
    }

    private(set) var tickets: [Ticket] = []
    private(set) var createdAt: [Double] = []
    /// False for a ticket replaced by a newer version of itself.
    private(set) var alive: [Bool] = []
    /// Token count of each part of each ticket, with the part's time.
    private var partLengths: [[(at: Double, length: Int32)]] = []
    private var postings: [String: [Posting]] = [:]
    /// Order numbers, model names and handles (prefixed `o:`, `m:`, `h:`).
    private var identifierPostings: [String: [Posting]] = [:]
    /// Tickets of one order or customer, to keep chains whole.
    private var chains: [String: [Int32]] = [:]
    private var byID: [String: Int] = [:]
    private let normalizer: Normalizer

    init(normalizer: Normalizer) {
        self.normalizer = normalizer
    }

    var count: Int { byID.count }

    /// Versions replaced by a newer one that the index still holds. Each re-added ticket (a
    /// new reply, a re-import, a push to `tickets serve`) leaves one behind until ``compacted()``.
    private(set) var replaced = 0

    /// Adds a ticket, or a new version of one it holds. When replaced versions outnumber the
    /// live tickets (and a floor of 1,024, so small indexes are not rebuilt over and over) the
    /// index is rebuilt from the live tickets: a job that runs for months while its tickets
    /// keep changing holds each ticket about once, at an amortised cost of one more indexing
    /// per replacement.
    mutating func add(_ ticket: Ticket) {
        index(ticket)
        if replaced > max(1_024, count) { self = compacted() }
    }

    /// The same index without replaced versions: live tickets in the order they were added,
    /// so chains and ties come out as before.
    func compacted() -> TicketIndex {
        var fresh = TicketIndex(normalizer: normalizer)
        for (doc, ticket) in tickets.enumerated() where alive[doc] { fresh.index(ticket) }
        return fresh
    }

    private mutating func index(_ ticket: Ticket) {
        if let old = byID[ticket.id] {
            alive[old] = false
            replaced += 1
        }
        let doc = Int32(tickets.count)
        byID[ticket.id] = tickets.count
        tickets.append(ticket)
        createdAt.append(ticket.createdAt.timeIntervalSince1970)
        alive.append(true)
        var lengths: [(at: Double, length: Int32)] = []
        let parts = [(ticket.createdAt, ticket.subject + "\n" + ticket.body)] + ticket.events.map { ($0.at, $0.text) }
        for (time, text) in parts {
            let at = time.timeIntervalSince1970
            var tf: [String: Int32] = [:]
            var n: Int32 = 0
            for t in Tokenizer.tokens(normalizer.fold(text)) where t.kind != .cjkSingle {
                tf[t.text, default: 0] += 1
                n += 1
            }
            for (token, count) in tf { postings[token, default: []].append(Posting(doc: doc, tf: count, at: at)) }
            lengths.append((at, n))
            var ids = Identifiers.extract(text)
            if time == ticket.createdAt, let order = ticket.orderId { ids.orders.insert(order) }
            for key in ids.orders.map({ "o:" + $0 }) + ids.models.map({ "m:" + $0 }) + ids.handles.map({ "h:" + $0 }) {
                identifierPostings[key, default: []].append(Posting(doc: doc, tf: 1, at: at))
            }
        }
        partLengths.append(lengths)
        for key in [ticket.orderId.map { "order:" + $0 }, ticket.customer.map { "customer:" + $0 }].compactMap({ $0 }) {
            chains[key, default: []].append(doc)
        }
    }

    /// The tickets a query as of `time` may consider: alive and created within `window`.
    func inWindow(_ doc: Int, _ window: ClosedRange<Double>) -> Bool {
        alive[doc] && window.contains(createdAt[doc])
    }

    /// Tokens of a ticket by `time`.
    func length(_ doc: Int, at time: Double) -> Int {
        partLengths[doc].reduce(0) { $0 + ($1.at <= time ? Int($1.length) : 0) }
    }

    /// Every posting of `token` (a ticket appears once per part that contains it).
    func forEachPosting(_ token: String, _ body: (Posting) -> Void) {
        postings[token]?.forEach(body)
    }

    /// Number of ticket versions indexed (dense arrays over documents are this long).
    var documentCount: Int { tickets.count }

    /// Window tickets naming an identifier (`o:`/`m:`/`h:` key) by `time`.
    func documents(identifier key: String, window: ClosedRange<Double>, at time: Double) -> Set<Int> {
        Set((identifierPostings[key] ?? []).filter { $0.at <= time && inWindow(Int($0.doc), window) }.map { Int($0.doc) })
    }

    /// Window tickets of the same order or customer as `doc`.
    func chain(of doc: Int, window: ClosedRange<Double>) -> [Int] {
        let t = tickets[doc]
        let keys = [t.orderId.map { "order:" + $0 }, t.customer.map { "customer:" + $0 }].compactMap { $0 }
        return keys.flatMap { chains[$0] ?? [] }.map(Int.init).filter { inWindow($0, window) }
    }

    /// All window tickets (for corpus statistics).
    func windowDocuments(_ window: ClosedRange<Double>) -> [Int] {
        createdAt.indices.filter { inWindow($0, window) }
    }
}

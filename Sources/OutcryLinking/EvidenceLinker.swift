import Foundation
import OutcryCore
import OutcryText

/// Ranks tickets for a spike by the evidence a support lead would look for: the same words
/// (BM25 over CJK bigrams and words), the same identifiers (order numbers, model names,
/// handles), a ticket that predates the spike, and a customer who was escalating. Tickets of
/// one order or customer are grouped into a chain and reported together, oldest first.
public struct EvidenceLinker: TicketLinker {
    public struct Weights: Sendable {
        public var text = 3.0
        public var identifiers = 2.0
        public var escalation = 1.2
        public var recency = 0.8
        public var bias = -4.0
        public init() {}
    }

    private var index: TicketIndex
    private let normalizer: Normalizer
    private let analyzer: Analyzer
    public var weights = Weights()
    /// Tickets older than this before the spike are not considered.
    public var lookback: TimeInterval = 30 * 86_400
    /// Offset used to print dates in reasons (the team's local time).
    public var utcOffset: Int
    /// Tickets scored in full (reasons, escalation) per spike: the best by text and identifiers,
    /// plus their chains. The rest cannot reach the top: their content does not match.
    public var shortlist = 60

    public init(utcOffset: Int = 0, normalizer: Normalizer = .shared) {
        self.utcOffset = utcOffset
        self.normalizer = normalizer
        analyzer = Analyzer(topics: [], normalizer: normalizer)
        index = TicketIndex(normalizer: normalizer)
    }

    public var count: Int { index.count }

    /// Ticket versions the index holds, live and let go: what its memory grows with. Stays
    /// within about twice ``count`` (see `TicketIndex.add`), however often tickets change.
    public var indexedVersions: Int { index.documentCount }

    /// Tickets opened before this are neither held nor taken (``forget(before:)``).
    private var horizon = -Double.infinity

    /// Indexes a ticket (a later version of the same id replaces the earlier one), unless it
    /// was opened too long ago to be linked to any spike still to come.
    public mutating func add(_ ticket: Ticket) {
        guard ticket.createdAt.timeIntervalSince1970 >= horizon else { return }
        index.add(ticket)
    }

    public mutating func forget(before time: Date) {
        let horizon = time.timeIntervalSince1970 - lookback
        guard horizon > self.horizon else { return }
        self.horizon = horizon
        index.retire(openedBefore: horizon)
    }

    struct Candidate {
        var doc: TicketDocument
        var score: Double
        var reasons: [String]
    }

    public func link(_ spike: Spike, posts: [Post], at time: Date, limit: Int = 3) -> [LinkedTicket] {
        let now = time.timeIntervalSince1970
        let window = spike.start.addingTimeInterval(-lookback).timeIntervalSince1970...now
        let windowDocs = index.windowDocuments(window)
        guard !windowDocs.isEmpty else { return [] }
        let query = Query(posts: posts, topTerms: spike.topTerms, normalizer: normalizer)
        let text = TextRelevance(index: index, query: query, window: window, at: now, windowDocuments: windowDocs)
        let best = text.best
        let candidates = shortlist(text, query: query, window: window, at: now).map { d in
            let doc = TicketDocument(index.tickets[d], at: time, normalizer: normalizer)
            let phrases = SharedPhrases.top(in: doc.folded, contributions: text.contributions(in: doc, query: query), limit: 3)
            return candidate(doc, textScore: text.scores[d], best: best, sharedPhrases: phrases, query: query, spike: spike)
        }
        return chains(candidates, limit: limit)
    }

    /// The tickets worth scoring in full, in id order: the best ``shortlist`` by text and shared
    /// identifiers, and the chains they belong to.
    func shortlist(_ text: TextRelevance, query: Query, window: ClosedRange<Double>, at now: Double) -> [Int] {
        var identified = Set<Int>()
        for key in query.identifiers.orders.map({ "o:" + $0 }) + query.identifiers.models.map({ "m:" + $0 }) + query.identifiers.handles.map({ "h:" + $0 }) {
            identified.formUnion(index.documents(identifier: key, window: window, at: now))
        }
        let best = text.best
        let keyed = Set(text.touched).union(identified).map { d in (key: text.scores[d] / best + (identified.contains(d) ? 1 : 0), doc: d) }
        let ranked = keyed.best(shortlist) { $0.key != $1.key ? $0.key > $1.key : index.tickets[$0.doc].id < index.tickets[$1.doc].id }.map(\.doc)
        var selected = Set(ranked)
        for d in ranked { selected.formUnion(index.chain(of: d, window: window)) }
        return selected.sorted { index.tickets[$0].id < index.tickets[$1].id }
    }

    /// One ticket's evidence, scored and explained: its text against the posts', the identifiers
    /// they share, when it was opened, and how its customer escalated.
    func candidate(_ d: TicketDocument, textScore: Double, best: Double, sharedPhrases: [String], query: Query, spike: Spike) -> Candidate {
        // Relative to the best candidate, and absolute: one shared word is weak evidence even
        // when it is the best there is.
        let text = textScore / best * (1 - exp(-textScore / 10))
        var (idScore, reasons) = identifierEvidence(d, query: query)
        if text >= 0.3, !sharedPhrases.isEmpty {
            reasons.append("shares " + sharedPhrases.map { "'\($0)'" }.joined(separator: ", ") + " with the spike's posts")
        }
        // Time: tickets before the spike are candidates for its origin; after it, reactions.
        let age = spike.start.timeIntervalSince(d.ticket.createdAt)
        let recency: Double
        if age >= 0 {
            recency = exp(-age / (10 * 86_400))
            reasons.append("opened \(Self.duration(age)) before the spike")
        } else {
            recency = -1
        }
        let escalation = escalationEvidence(d, reasons: &reasons)
        // Time and escalation are priors: they count only as far as the content matches, so an
        // angry but unrelated ticket cannot ride them to the top.
        let relevance = min(1, text + idScore / 2)
        let z = weights.bias + weights.text * text + weights.identifiers * min(idScore, 2)
            + relevance * (weights.escalation * min(escalation, 2) + weights.recency * recency)
        return Candidate(doc: d, score: 1 / (1 + exp(-z)), reasons: reasons)
    }

    /// Identifiers shared with the posts, weighted by how many posts carry them.
    func identifierEvidence(_ d: TicketDocument, query: Query) -> (score: Double, reasons: [String]) {
        var score = 0.0
        var reasons: [String] = []
        for o in d.identifiers.orders.intersection(query.identifiers.orders) {
            score += 1.5
            reasons.append("same order \(o.prefix(6))… (\(query.identifierPosts[o] ?? 0) posts)")
        }
        for m in d.identifiers.models.intersection(query.identifiers.models).sorted() {
            let k = query.identifierPosts[m] ?? 0
            score += min(0.7, 0.3 + 0.05 * Double(k))
            reasons.append("mentions '\(m)' (\(k) posts)")
        }
        for h in d.identifiers.handles.intersection(query.identifiers.handles).sorted() {
            score += 0.5
            reasons.append("mentions @\(h)")
        }
        return (score, reasons)
    }

    /// How the ticket escalated: to a supervisor or the platform, a customer's threat to go
    /// public (曝光, 12315, a lawyer), repeated contacts. Adds its reasons to `reasons`.
    func escalationEvidence(_ d: TicketDocument, reasons: inout [String]) -> Double {
        var escalation = 0.0
        if let e = d.events.first(where: { $0.kind == .escalation || $0.actor == .platform }) {
            escalation += 0.6
            reasons.append("escalated to \(e.actor == .platform ? "platform" : "supervisor") \(Timestamp.short(e.at, offset: utcOffset).prefix(5))")
        }
        if d.ticket.channel == .platform {
            escalation += 0.4
            if !reasons.contains(where: { $0.hasPrefix("escalated") }) { reasons.append("complaint filed with the platform") }
        }
        let customerTexts = [(d.ticket.createdAt, d.ticket.body)] + d.events.filter { $0.actor == .customer }.map { ($0.at, $0.text) }
        for (at, text) in customerTexts {
            let a = analyzer.analyze(text, depth: .topicsAndComplaints)
            if a.escalation, let term = a.terms.first(where: { isEscalationTerm($0) }) {
                escalation += 0.8
                reasons.append("customer said '\(term)' on \(Timestamp.short(at, offset: utcOffset).prefix(5))")
                break
            }
        }
        let contacts = d.events.filter { $0.actor == .customer }.count + 1
        if contacts >= 3 {
            escalation += 0.3
            reasons.append("\(contacts) customer contacts")
        }
        return escalation
    }

    private func isEscalationTerm(_ term: String) -> Bool {
        analyzer.lexicon.entries.contains { $0.term == term && $0.category == .escalation }
    }

    /// Groups candidates by order id, then customer; a chain scores as its best member plus a
    /// little for corroboration, and lists its members oldest first.
    func chains(_ candidates: [Candidate], limit: Int) -> [LinkedTicket] {
        var groups: [String: [Candidate]] = [:]
        var order: [String] = []
        for c in candidates {
            let key = c.doc.ticket.orderId.map { "order:\($0)" } ?? c.doc.ticket.customer.map { "customer:\($0)" } ?? "ticket:\(c.doc.ticket.id)"
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(c)
        }
        var ranked: [(score: Double, members: [Candidate])] = order.map { key in
            let members = groups[key]!.sorted { ($0.doc.ticket.createdAt, $0.doc.ticket.id) < ($1.doc.ticket.createdAt, $1.doc.ticket.id) }
            let best = members.map(\.score).max() ?? 0
            let corroboration = members.count > 1 ? min(0.1, (1 - best) * 0.5) : 0
            return (best + corroboration, members)
        }
        ranked.sort { $0.score != $1.score ? $0.score > $1.score : $0.members[0].doc.ticket.id < $1.members[0].doc.ticket.id }
        var out: [LinkedTicket] = []
        for chain in ranked {
            for (i, m) in chain.members.enumerated() {
                guard out.count < limit else { return out }
                // Weakly related members of a strong chain are still shown: the chain is the story.
                var reasons = m.reasons
                if chain.members.count > 1 {
                    let others = chain.members.filter { $0.doc.ticket.id != m.doc.ticket.id }.map(\.doc.ticket.id)
                    let key = m.doc.ticket.orderId.map { "order \($0.prefix(6))…" } ?? "customer"
                    reasons.insert("same \(key) as \(others.joined(separator: ", "))", at: 0)
                }
                out.append(LinkedTicket(id: m.doc.ticket.id, score: max(0, chain.score - 0.001 * Double(i)), reasons: reasons))
            }
        }
        return out
    }

    static func duration(_ seconds: TimeInterval) -> String {
        if seconds < 3600 { return "\(max(1, Int(seconds / 60))) min" }
        let h = Int(seconds / 3600)
        if h < 48 { return "\(h) h" }
        return "\(h / 24) days"
    }
}

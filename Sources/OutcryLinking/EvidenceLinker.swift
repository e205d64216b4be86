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

    /// Ticket versions the index holds, live and replaced: what its memory grows with. Stays
    /// within about twice ``count`` (see `TicketIndex.add`), however often tickets change.
    public var indexedVersions: Int { index.documentCount }

    /// Indexes a ticket (a later version of the same id replaces the earlier one).
    public mutating func add(_ ticket: Ticket) {
        index.add(ticket)
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

        // BM25 over the tickets in the window, from the postings of the query's tokens, in
        // dense per-document arrays (no hashing per posting).
        let n = Double(windowDocs.count)
        let avgLength = Double(windowDocs.reduce(0) { $0 + index.length($1, at: now) }) / n
        var idf: [String: Double] = [:]
        var bm25 = [Double](repeating: 0, count: index.documentCount)
        var lengths = [Int32](repeating: -1, count: index.documentCount)
        var tf = [Int32](repeating: 0, count: index.documentCount)
        var touched: [Int] = []
        var containing: [Int] = []
        func norm(_ tf: Int, _ length: Int) -> Double {
            let k1 = 1.2, b = 0.75
            return Double(tf) * (k1 + 1) / (Double(tf) + k1 * (1 - b + b * Double(length) / max(avgLength, 1)))
        }
        for (token, qw) in query.weights {
            containing.removeAll(keepingCapacity: true)
            index.forEachPosting(token, at: now, window: window) { d, count in
                if tf[d] == 0 { containing.append(d) }
                tf[d] += Int32(count)
            }
            guard !containing.isEmpty else { continue }
            let df = Double(containing.count)
            let w = log(1 + (n - df + 0.5) / (df + 0.5))
            idf[token] = w
            for d in containing {
                if lengths[d] < 0 { lengths[d] = Int32(index.length(d, at: now)) }
                if bm25[d] == 0 { touched.append(d) }
                bm25[d] += qw * w * norm(Int(tf[d]), Int(lengths[d]))
                tf[d] = 0
            }
        }
        var identified = Set<Int>()
        for key in query.identifiers.orders.map({ "o:" + $0 }) + query.identifiers.models.map({ "m:" + $0 }) + query.identifiers.handles.map({ "h:" + $0 }) {
            identified.formUnion(index.documents(identifier: key, window: window, at: now))
        }
        let best = max(touched.map { bm25[$0] }.max() ?? 0, 1e-9)
        // The shortlist, then the chains of its members, scored in full in id order.
        let keyed = Set(touched).union(identified).map { d in (key: bm25[d] / best + (identified.contains(d) ? 1 : 0), doc: d) }
        let ranked = keyed.best(shortlist) { $0.key != $1.key ? $0.key > $1.key : index.tickets[$0.doc].id < index.tickets[$1.doc].id }.map(\.doc)
        var selected = Set(ranked)
        for d in ranked { selected.formUnion(index.chain(of: d, window: window)) }
        let chosen = selected.sorted { index.tickets[$0].id < index.tickets[$1].id }
        let docs = chosen.map { TicketDocument(index.tickets[$0], at: time, normalizer: normalizer) }
        let scores = chosen.map { bm25[$0] }
        var topTokens: [[String]] = []   // shared phrases, best first
        for d in docs {
            var contributions: [String: Double] = [:]
            for (t, qw) in query.weights {
                guard let tf = d.tokens[t], let w = idf[t] else { continue }
                contributions[t] = qw * w * norm(tf, d.length)
            }
            topTokens.append(SharedPhrases.top(in: d.folded, contributions: contributions, limit: 3))
        }

        var candidates: [Candidate] = []
        for (i, d) in docs.enumerated() {
            var reasons: [String] = []
            // Relative to the best candidate, and absolute: one shared word is weak evidence even
            // when it is the best there is.
            let text = scores[i] / best * (1 - exp(-scores[i] / 10))
            // Identifiers shared with the posts, weighted by how many posts carry them.
            var idScore = 0.0
            for o in d.identifiers.orders.intersection(query.identifiers.orders) {
                idScore += 1.5
                reasons.append("same order \(o.prefix(6))… (\(query.identifierPosts[o] ?? 0) posts)")
            }
            for m in d.identifiers.models.intersection(query.identifiers.models).sorted() {
                let k = query.identifierPosts[m] ?? 0
                idScore += min(0.7, 0.3 + 0.05 * Double(k))
                reasons.append("mentions '\(m)' (\(k) posts)")
            }
            for h in d.identifiers.handles.intersection(query.identifiers.handles).sorted() {
                idScore += 0.5
                reasons.append("mentions @\(h)")
            }
            if text >= 0.3, !topTokens[i].isEmpty {
                reasons.append("shares " + topTokens[i].map { "'\($0)'" }.joined(separator: ", ") + " with the spike's posts")
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
            // Escalation inside the ticket.
            var escalation = 0.0
            for e in d.events {
                if e.kind == .escalation || e.actor == .platform {
                    escalation += 0.6
                    reasons.append("escalated to \(e.actor == .platform ? "platform" : "supervisor") \(Timestamp.short(e.at, offset: utcOffset).prefix(5))")
                    break
                }
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
            // Time and escalation are priors: they count only as far as the content matches, so an
            // angry but unrelated ticket cannot ride them to the top.
            let relevance = min(1, text + idScore / 2)
            let z = weights.bias + weights.text * text + weights.identifiers * min(idScore, 2)
                + relevance * (weights.escalation * min(escalation, 2) + weights.recency * recency)
            candidates.append(Candidate(doc: d, score: 1 / (1 + exp(-z)), reasons: reasons))
        }
        return chains(candidates, limit: limit)
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
        let h = Int(seconds / 3600)
        if h < 48 { return "\(h) h" }
        return "\(h / 24) days"
    }
}

/// The spike seen as a search query: weighted tokens and identifiers from its posts.
struct Query {
    var weights: [String: Double] = [:]
    var identifiers = Identifiers()
    var identifierPosts: [String: Int] = [:]

    init(posts: [Post], topTerms: [String], normalizer: Normalizer) {
        var tf: [String: Int] = [:]
        for p in posts {
            var seen = Set<String>()
            for t in Tokenizer.tokens(normalizer.fold(p.text)) where t.kind != .cjkSingle && seen.insert(t.text).inserted {
                tf[t.text, default: 0] += 1
            }
            let ids = Identifiers.extract(p.text)
            for o in ids.orders { identifierPosts[o, default: 0] += 1 }
            for m in ids.models { identifierPosts[m, default: 0] += 1 }
            for h in ids.handles { identifierPosts[h, default: 0] += 1 }
            identifiers.orders.formUnion(ids.orders)
            identifiers.models.formUnion(ids.models)
            identifiers.handles.formUnion(ids.handles)
        }
        // Sublinear: a token in many posts matters more, but not linearly more.
        for (t, c) in tf where QueryTerms.informative(t) { weights[t] = 1 + log(Double(c)) }
        for term in topTerms {
            for t in Tokenizer.tokens(normalizer.fold(term)) where t.kind != .cjkSingle && QueryTerms.informative(t.text) {
                weights[t.text, default: 1] += 1
            }
        }
    }
}

/// Which tokens are worth matching on: not single Latin letters, not bigrams made of function
/// characters (的, 了, 是 …), which every ticket and post share.
enum QueryTerms {
    static let function: Set<Character> = Set("的了是在我你他她它们这那个就也都和有吗呢吧啊呀么着过被把给对从到与及或而")

    static func informative(_ token: String) -> Bool {
        guard let first = token.unicodeScalars.first else { return false }
        if first.isASCII { return token.count >= 2 }
        return !token.contains(where: { function.contains($0) })
    }
}

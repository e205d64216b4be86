import Foundation
import OutcryCore

/// What one scan of a post found: the topics it is about and how it sounds.
public struct Analysis: Sendable, Hashable {
    /// Topic ids whose terms matched and whose exclusions did not.
    public var topics: [String]
    /// Net negative evidence from the lexicons, as log-odds; > 0 means negative.
    /// ``SentimentClassifier`` adds the learned model's to make a binary call.
    public var polarity: Double
    /// The post is a grievance against a seller or service.
    public var complaint: Bool
    /// The author is threatening to, or does, take it public or legal.
    public var escalation: Bool
    /// Lexicon terms that decided it, in order of appearance.
    public var terms: [String]
    /// It talks of a sale, a coupon, a launch or a restock (``Lexicon/Category/promotion``).
    public var promotion = false
}

/// Topic matching and complaint classification in one pass over the folded text.
///
/// Topic terms, exclusions and the lexicon go into one ``Matcher`` so each post is folded
/// once and scanned once, whatever the number of topics.
public struct Analyzer: Sendable {
    private enum Role: Sendable { case topicTerm(Int), topicExclude(Int), lexicon(Int) }

    public let topics: [Topic]
    public let lexicon: Lexicon
    public let normalizer: Normalizer
    private let matcher: Matcher
    /// Pattern `p`'s roles are `roleList[roleStart[p]..<roleStart[p + 1]]`: one flat array, so
    /// reading a match's roles retains no per-pattern array.
    private let roleStart: [Int32]
    private let roleList: [Role]

    public init(topics: [Topic], lexicon: Lexicon = .standard, normalizer: Normalizer = .shared) {
        self.topics = topics
        self.lexicon = lexicon
        self.normalizer = normalizer
        var patternIndex: [String: Int] = [:]
        var patterns: [String] = []
        var roles: [[Role]] = []
        func add(_ raw: String, _ role: Role) {
            let p = normalizer.fold(raw)
            guard !p.isEmpty else { return }
            if let i = patternIndex[p] {
                roles[i].append(role)
            } else {
                patternIndex[p] = patterns.count
                patterns.append(p)
                roles.append([role])
            }
        }
        for (ti, t) in topics.enumerated() {
            t.terms.forEach { add($0, .topicTerm(ti)) }
            t.exclude.forEach { add($0, .topicExclude(ti)) }
        }
        for (li, e) in lexicon.entries.enumerated() { add(e.term, .lexicon(li)) }
        matcher = Matcher(patterns: patterns)
        roleList = roles.flatMap { $0 }
        roleStart = roles.reduce(into: [0]) { $0.append($0.last! + Int32($1.count)) }
    }

    /// Folds and scans `text`.
    public func analyze(_ text: String, depth: Depth = .sentiment) -> Analysis {
        analyze(folded: normalizer.fold(text), depth: depth)
    }

    /// How far a scan goes. English valence (VADER's rated words) moves ``Analysis/polarity``
    /// and adds terms, but never decides a topic or a complaint — so the scoring stage, which
    /// needs only those, skips its scan (a tenth of ingest's time).
    public enum Depth: Sendable {
        /// Topics, complaints, escalation and our lexicons' polarity and terms.
        case topicsAndComplaints
        /// All of it, with English valence in the polarity and terms (``SentimentClassifier``).
        case sentiment
    }

    /// Scans text already folded by ``Normalizer``.
    public func analyze(folded: String, depth: Depth = .sentiment) -> Analysis {
        // Few topics match a post: small arrays beat sets here. Lexicon hits carry the entry's
        // index, not the entry, so collecting them copies no strings.
        var hit: [Int] = [], excluded: [Int] = []
        var lex: [LexiconHit] = []
        lex.reserveCapacity(16)  // a post's usual hits in one allocation
        var names: [Range<Int>] = []
        let roleStart = roleStart, roleList = roleList  // the closure captures these, not a copy of self
        matcher.forEachMatch(in: folded) { m in
            for r in Int(roleStart[m.pattern])..<Int(roleStart[m.pattern + 1]) {
                switch roleList[r] {
                case .topicTerm(let t):
                    if !hit.contains(t) { hit.append(t) }
                    names.append(m.start..<m.end)
                case .topicExclude(let t): if !excluded.contains(t) { excluded.append(t) }
                case .lexicon(let l): lex.append(LexiconHit(entry: l, start: m.start, end: m.end))
                }
            }
        }
        // A brand's own name is not sentiment: 快乐 inside 快乐购, 好 inside 好利来.
        if !names.isEmpty {
            lex.removeAll { h in names.contains { $0.lowerBound <= h.start && h.end <= $0.upperBound && $0 != h.start..<h.end } }
        }
        let entries = lexicon.entries
        // Promotion talk is a flag beside the sentiment, not part of it: it shadows nothing (好价
        // leaves 好 its say).
        let hits = lex.count
        lex.removeAll { entries[$0.entry].category == .promotion }
        let promotion = lex.count < hits
        Self.keepLongestHits(&lex)
        let kept = lex
        // After the last "but" the text says what it means: VADER's clause weights.
        let turn = kept.last(where: { entries[$0.entry].category == .contrast })?.start
        func clauseWeight(_ offset: Int) -> Double {
            guard let turn else { return 1 }
            return offset < turn ? Self.beforeContrastWeight : Self.afterContrastWeight
        }
        var polarity = 0.0
        var complaint = false, escalation = false
        var terms: [String] = []
        terms.reserveCapacity(kept.count)
        for (i, h) in kept.enumerated() {
            let entry = entries[h.entry]
            let negated = isNegated(kept, i, in: folded)
            let w = clauseWeight(h.start) * entry.weight
            switch entry.category {
            case .complaint:
                if !negated { complaint = true; polarity += w; terms.append(entry.term) }
            case .escalation:
                escalation = true
                complaint = true
                polarity += w
                terms.append(entry.term)
            case .negative:
                polarity += negated ? -0.5 * w : w
                terms.append(negated ? "not " + entry.term : entry.term)
            case .positive:
                polarity += negated ? w : -w
                terms.append(negated ? "not " + entry.term : entry.term)
            case .negator, .neutral, .contrast, .promotion:
                break
            }
        }
        // English breadth from VADER's rated words; complaints stay our lexicon's call.
        let lexiconPolarity = polarity
        let valence = depth == .sentiment ? EnglishValence.hits(in: folded) : []
        for h in valence {
            polarity -= Self.valenceWeight * clauseWeight(h.offset) * h.valence
            if abs(h.valence) >= 1.5, !terms.contains(h.token) { terms.append(h.token) }
        }
        hit.sort()
        var topicIDs: [String] = []
        topicIDs.reserveCapacity(hit.count)
        for t in hit where !excluded.contains(t) { topicIDs.append(topics[t].id) }
        return Analysis(topics: topicIDs, polarity: polarity,
                        complaint: complaint || lexiconPolarity >= 2, escalation: escalation, terms: terms, promotion: promotion)
    }

    /// Longest match wins: lexicon hits inside a longer one are dropped (`差不多` shadows `差`);
    /// the same span in two categories is kept. In order of position, sorted and compacted in place
    /// (no copy per post).
    private static func keepLongestHits(_ hits: inout [LexiconHit]) {
        hits.sort { ($0.start, -$0.end) < ($1.start, -$1.end) }
        var n = 0
        for k in hits.indices {  // by index: iterating `hits` itself would hold a copy to write against
            let h = hits[k]
            if n > 0 {
                let last = hits[n - 1]
                if h.start >= last.start, h.end <= last.end, (h.start, h.end) != (last.start, last.end) { continue }
            }
            hits[n] = h
            n += 1
        }
        hits.removeLast(hits.count - n)
    }

    /// Whether a negator ends at most 6 bytes (two CJK characters or a short word) before
    /// `hits[index]`, with only neutral terms and no clause punctuation between.
    private func isNegated(_ hits: [LexiconHit], _ index: Int, in folded: String) -> Bool {
        let start = hits[index].start
        for j in stride(from: index - 1, through: 0, by: -1) {
            let n = hits[j]
            if n.end > start { continue }
            if start - n.end > 6 { return false }
            let category = lexicon.entries[n.entry].category
            if category == .negator {
                let utf8 = folded.utf8
                let gap = utf8[utf8.index(utf8.startIndex, offsetBy: n.end)..<utf8.index(utf8.startIndex, offsetBy: start)]
                return !gap.contains(where: { [0x2C, 0x2E, 0x21, 0x3F, 0x3B].contains($0) || $0 == 0xEF })
            }
            if category != .neutral { return false }
        }
        return false
    }

    /// A lexicon term found at a byte range of the folded text.
    private struct LexiconHit {
        var entry: Int
        var start: Int
        var end: Int
    }

    /// A VADER valence point (-4 … +4 scale) against our lexicon's weight 1.
    static let valenceWeight = 0.5
    /// Weight of sentiment before and after the last contrast (`but`, `但是`), as VADER has them.
    static let beforeContrastWeight = 0.5
    static let afterContrastWeight = 1.5
}

import Foundation
import OutcryText

/// Terms that explain a spike: over-represented in the spike's posts compared with the topic's
/// usual vocabulary, ranked by Dunning's log-likelihood (G²), which stays sane at low counts.
///
/// Terms are counted by ``TermID``; their text is kept only by a vocabulary that must name them
/// (a spike's), so the topic's baseline vocabulary costs no string per post.
public struct TermStatistics: Sendable {
    public private(set) var counts = TermCounts()
    /// The text of each counted term, for vocabularies fed through ``add(named:weight:)``.
    public private(set) var names: [TermID: String] = [:]
    public private(set) var documents: Double = 0
    /// Beyond this many distinct terms, rare ones are pruned (bounded memory for a live run).
    public var capacity = 50_000

    public init() {}

    /// Longest Chinese n-gram counted: long enough for a slogan (`非质量问题不退货`), short enough to stay cheap.
    public static let maxGram = 8

    /// Terms a post contributes, each counted once per post: Chinese n-grams (2…``maxGram``
    /// characters, within a run of Han characters), Latin words and two-word phrases. The
    /// readable definition; ``TermScanner`` finds the same terms without building strings.
    public static func terms(ofFolded text: String) -> Set<String> {
        var out = Set<String>()
        var han: [Character] = []
        var word = ""
        var previousWord: String?
        func flushHan() {
            if han.count >= 2 {
                for i in 0..<(han.count - 1) {
                    for n in 2...maxGram where i + n <= han.count {
                        out.insert(String(han[i..<(i + n)]))
                    }
                }
            }
            han.removeAll(keepingCapacity: true)
        }
        func flushWord() {
            guard !word.isEmpty else { return }
            let isNumber = word.allSatisfy(\.isNumber)
            if word.count >= 2 || isNumber { out.insert(word) }
            if let p = previousWord { out.insert(p + " " + word) }
            previousWord = word
            word = ""
        }
        for ch in text {
            let v = ch.unicodeScalars.first!.value
            if Tokenizer.isHan(v) {
                flushWord()
                previousWord = nil
                han.append(ch)
            } else if Tokenizer.isWordScalar(v) {
                flushHan()
                word.append(ch)
            } else {
                flushHan()
                flushWord()
                // Punctuation other than a space ends a phrase.
                if ch != " " { previousWord = nil }
            }
        }
        flushHan()
        flushWord()
        return out
    }

    /// Counts one post's distinct terms (``TermScanner/ids(ofFolded:)``).
    public mutating func add(_ terms: [TermID], weight: Double = 1) {
        documents += weight
        for t in terms { counts.add(t, weight) }
        if counts.count > capacity { prune() }
    }

    /// Counts one post's distinct terms and remembers their text.
    public mutating func add(named terms: [TermID: String], weight: Double = 1) {
        documents += weight
        for (id, text) in terms {
            counts.add(id, weight)
            if names[id] == nil { names[id] = text }
        }
        if counts.count > capacity { prune() }
    }

    /// Counts the terms of one post given as text (tests, small inputs).
    public mutating func add(_ terms: Set<String>, weight: Double = 1) {
        add(named: Dictionary(terms.map { (TermScanner.id(of: $0), $0) }, uniquingKeysWith: { a, _ in a }), weight: weight)
    }

    private mutating func prune() {
        let floor = counts.pairs.map(\.count).sorted(by: >)[capacity / 2]
        counts.filter { $1 > floor }
        if !names.isEmpty { names = names.filter { counts[$0.key] != nil } }
    }

    /// The `limit` terms most over-represented in `spike` relative to `self`, skipping `exclude`
    /// (the topic's own terms) and terms contained in a better, almost-as-frequent longer one.
    public func emerging(in spike: TermStatistics, limit: Int, exclude: Set<String>, minCount: Double = 3) -> [String] {
        let n1 = max(spike.documents, 1), n2 = max(documents, 1)
        var scored: [(term: String, g2: Double, count: Double)] = []
        for (id, a) in spike.counts.pairs where a >= minCount {
            guard let term = spike.names[id], !exclude.contains(term) else { continue }
            if exclude.contains(where: { $0.contains(term) }) { continue }
            let b = counts[id] ?? 0
            guard a / n1 > (b + 0.5) / n2 else { continue }
            scored.append((term, g2(a, n1, b, n2), a))
        }
        // Phrase maximality: a term is dominated when a one-longer phrase containing it carries
        // at least 80% of its occurrences ("赖京" inside "无赖京东", "comfort" inside "comfort u").
        var dominated = Set<String>()
        for (id, count) in spike.counts.pairs where count >= minCount {
            guard let term = spike.names[id] else { continue }
            for sub in Self.immediateSubterms(term) {
                if let subCount = spike.counts[TermScanner.id(of: sub)], count >= 0.8 * subCount { dominated.insert(sub) }
            }
        }
        scored.removeAll { dominated.contains($0.term) }
        scored.sort { $0.g2 != $1.g2 ? $0.g2 > $1.g2 : $0.term < $1.term }
        var chosen: [String] = []
        for c in scored where chosen.count < limit {
            // Skip another window onto a phrase already chosen ("我朋友在京东买了" / "朋友在京东买了个").
            if chosen.contains(where: { $0.contains(c.term) || c.term.contains($0) || Self.overlap($0, c.term) * 2 > min($0.count, c.term.count) }) {
                continue
            }
            chosen.append(c.term)
        }
        return chosen
    }

    /// The terms one step shorter that `term` contains: without its first or last character
    /// (Chinese n-grams) or word (Latin phrases).
    static func immediateSubterms(_ term: String) -> [String] {
        if term.contains(" ") {
            let words = term.split(separator: " ")
            return [words.dropFirst().joined(separator: " "), words.dropLast().joined(separator: " ")]
        }
        guard term.count > 2, let first = term.unicodeScalars.first, Tokenizer.isHan(first.value) else { return [] }
        return [String(term.dropFirst()), String(term.dropLast())]
    }

    /// Length of the longest common substring.
    static func overlap(_ a: String, _ b: String) -> Int {
        let x = Array(a), y = Array(b)
        var best = 0
        var prev = [Int](repeating: 0, count: y.count + 1)
        for i in 1...max(1, x.count) where !x.isEmpty {
            var cur = [Int](repeating: 0, count: y.count + 1)
            for j in 1...max(1, y.count) where !y.isEmpty && x[i - 1] == y[j - 1] {
                cur[j] = prev[j - 1] + 1
                best = max(best, cur[j])
            }
            prev = cur
        }
        return best
    }

    func g2(_ a: Double, _ n1: Double, _ b: Double, _ n2: Double) -> Double {
        let e1 = n1 * (a + b) / (n1 + n2), e2 = n2 * (a + b) / (n1 + n2)
        var g = 0.0
        if a > 0 { g += a * log(a / e1) }
        if b > 0 { g += b * log(b / e2) }
        return 2 * g
    }
}

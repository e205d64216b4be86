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
    /// Stamps each ``add(_:weight:)`` so a term repeated in a post counts once.
    private var posts: UInt32 = 0
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

    /// Counts one post's terms (``TermScanner/terms(ofFolded:complaint:)``), each once however
    /// often it occurs.
    public mutating func add(_ terms: [TermID], weight: Double = 1) {
        documents += weight
        posts &+= 1
        if posts == 0 { posts = 1 }
        for t in terms { counts.add(t, weight, once: posts) }
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
        // Words of the topic's own multi-word names: a phrase that starts or ends with one is a
        // window across the name ("air broke" in "Northwind Air broke …").
        let nameWords = Set(exclude.filter { $0.contains(" ") }.flatMap { $0.split(separator: " ").map(String.init) })
        var scored: [(term: String, g2: Double, count: Double)] = []
        for (id, a) in spike.counts.pairs where a >= minCount {
            guard let term = spike.names[id], !exclude.contains(term), !Self.isBoundedByFunctionWord(term),
                  !Self.isBounded(term, by: nameWords) else { continue }
            if exclude.contains(where: { $0.contains(term) }) { continue }
            let b = counts[id] ?? 0
            guard a / n1 > (b + 0.5) / n2 else { continue }
            scored.append((term, g2(a, n1, b, n2), a))
        }
        // Phrase maximality: a term is dominated when a one-longer phrase containing it carries
        // at least 80% of its occurrences ("赖京" inside "无赖京东", "comfort" inside "comfort u").
        var dominated = Set<String>()
        for (id, count) in spike.counts.pairs where count >= minCount {
            // "broke a" must not hide "broke": a phrase that is never shown dominates nothing.
            guard let term = spike.names[id], !Self.isBoundedByFunctionWord(term) else { continue }
            for sub in Self.immediateSubterms(term) {
                if let subCount = spike.counts[TermScanner.id(of: sub)], count >= 0.8 * subCount { dominated.insert(sub) }
            }
        }
        scored.removeAll { dominated.contains($0.term) }
        scored.sort { $0.g2 != $1.g2 ? $0.g2 > $1.g2 : $0.term < $1.term }
        var chosen: [String] = []
        var phrases: PhraseWindows?
        for c in scored where chosen.count < limit {
            var term = c.term
            if term.count == Self.maxGram, term.unicodeScalars.allSatisfy({ Tokenizer.isHan($0.value) }) {
                if phrases == nil { phrases = PhraseWindows(spike, minCount: minCount) }
                term = phrases!.phrase(around: term, count: c.count)
            }
            // Skip another window onto a phrase already chosen ("我朋友在京东买了" / "朋友在京东买了个").
            if chosen.contains(where: { $0.contains(term) || term.contains($0) || Self.overlap($0, term) * 2 > min($0.count, term.count) }) {
                continue
            }
            chosen.append(term)
        }
        return chosen
    }

    /// A Latin term that is a function word, or a phrase that begins or ends with one ("broke a").
    static func isBoundedByFunctionWord(_ term: String) -> Bool {
        isBounded(term, by: EnglishFunctionWords.all)
    }

    /// A Latin term whose first or last word is in `words`.
    static func isBounded(_ term: String, by words: Set<String>) -> Bool {
        guard !words.isEmpty, let first = term.unicodeScalars.first, !Tokenizer.isHan(first.value) else { return false }
        let parts = term.split(separator: " ")
        guard let head = parts.first, let tail = parts.last else { return false }
        return words.contains(String(head)) || words.contains(String(tail))
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

/// The Chinese n-grams of a spike at the longest counted length, by their first and last
/// ``TermStatistics/maxGram`` − 1 characters: a phrase repeated in many posts (a slogan, the
/// sentence everyone reposts) is longer than any one n-gram, and every window onto it ties, so
/// the one chosen would be an arbitrary cut ("信也乱扣过我的漫"). Chaining the windows that were
/// counted about as often gives the phrase itself ("远通电信也乱扣过我的漫游费").
struct PhraseWindows {
    private var byPrefix: [Substring: [(String, Double)]] = [:]
    private var bySuffix: [Substring: [(String, Double)]] = [:]
    /// Longest phrase rebuilt, in characters.
    static let maxLength = 24

    init(_ spike: TermStatistics, minCount: Double) {
        for (id, count) in spike.counts.pairs where count >= minCount {
            guard let term = spike.names[id], term.count == TermStatistics.maxGram,
                  term.unicodeScalars.allSatisfy({ Tokenizer.isHan($0.value) }) else { continue }
            byPrefix[term.dropLast(), default: []].append((term, count))
            bySuffix[term.dropFirst(), default: []].append((term, count))
        }
    }

    /// `window` grown one character at a time, right then left, while a next window was counted
    /// at least 80% as often as `window` (the most counted one when several continue it).
    func phrase(around window: String, count: Double) -> String {
        var phrase = window
        // The most counted window that continues `edge` (ties: the first in order), if it was
        // counted at least 80% as often as `window`.
        func continuation(_ candidates: [(String, Double)]?) -> String? {
            candidates?.filter { $0.1 >= 0.8 * count }.max { ($0.1, $1.0) < ($1.1, $0.0) }?.0
        }
        var edge = window
        while phrase.count < Self.maxLength, let next = continuation(byPrefix[edge.dropFirst()]) {
            phrase.append(next.last!)
            edge = next
        }
        edge = window
        while phrase.count < Self.maxLength, let previous = continuation(bySuffix[edge.dropLast()]) {
            phrase.insert(previous.first!, at: phrase.startIndex)
            edge = previous
        }
        return phrase
    }
}

/// Finds many patterns at once in folded text: an Aho-Corasick automaton over UTF-8 bytes.
///
/// One scan per post finds every topic term, exclusion and lexicon term together. Patterns that
/// begin or end with a Latin letter or digit only match at word boundaries (`jd` does not match
/// inside `jdk`); Chinese patterns match anywhere, as Chinese has no spaces. Patterns must be
/// folded with ``Normalizer`` first, like the text.
public struct Matcher: Sendable {
    public struct Match: Sendable, Hashable {
        /// Index of the pattern in the list given to `init`.
        public var pattern: Int
        /// Byte range of the match in the text's UTF-8.
        public var start: Int
        public var end: Int
    }

    /// Bytes that no pattern contains share class 0; the others get a class each, so a DFA row
    /// is as wide as the patterns' alphabet, not 256.
    private let byteClass: [UInt8]
    private let classCount: Int
    /// The dense DFA: `transitions[row + class]` is the next state's row (state × classCount),
    /// bit-inverted (negative) when patterns end at that state. Premultiplied rows and the flag
    /// in the entry keep the inner loop at one load per byte.
    private let transitions: [Int32]
    /// Patterns ending at each state, flattened: state s owns `outputs[outputStart[s]..<outputStart[s + 1]]`.
    /// (An array of arrays costs a retain and release per input byte.)
    private let outputStart: [Int32]
    private let outputs: [Int32]
    private let patternLengths: [Int]
    private let boundaryStart: [Bool]
    private let boundaryEnd: [Bool]
    public let patterns: [String]

    public init(patterns: [String]) {
        self.patterns = patterns
        var classes = [UInt8](repeating: 0, count: 256)
        var count = 1
        for b in Set(patterns.flatMap(\.utf8)).sorted() {
            classes[Int(b)] = UInt8(count)
            count += 1
        }
        byteClass = classes
        classCount = count
        var goto: [[UInt8: Int32]] = [[:]]     // state -> class -> state (the trie)
        var outs: [[Int32]] = [[]]
        for (index, p) in patterns.enumerated() {
            var state: Int32 = 0
            for b in p.utf8 {
                let c = classes[Int(b)]
                if let next = goto[Int(state)][c] {
                    state = next
                } else {
                    goto.append([:])
                    outs.append([])
                    let next = Int32(goto.count - 1)
                    goto[Int(state)][c] = next
                    state = next
                }
            }
            if !p.isEmpty { outs[Int(state)].append(Int32(index)) }
        }
        // Breadth-first failure links, folded into a dense table of next states.
        let n = goto.count
        var next = [Int32](repeating: 0, count: n * count)
        var fail = [Int32](repeating: 0, count: n)
        var queue: [Int32] = []
        for c in 0..<count {
            if let s = goto[0][UInt8(c)] {
                next[c] = s
                queue.append(s)
            }
        }
        var head = 0
        while head < queue.count {
            let s = Int(queue[head])
            head += 1
            outs[s].append(contentsOf: outs[Int(fail[s])])
            for c in 0..<count {
                if let t = goto[s][UInt8(c)] {
                    fail[Int(t)] = next[Int(fail[s]) * count + c]
                    next[s * count + c] = t
                    queue.append(t)
                } else {
                    next[s * count + c] = next[Int(fail[s]) * count + c]
                }
            }
        }
        transitions = next.map { t in
            let row = t * Int32(count)
            return outs[Int(t)].isEmpty ? row : ~row
        }
        var starts: [Int32] = [0]
        var flat: [Int32] = []
        for o in outs {
            flat.append(contentsOf: o)
            starts.append(Int32(flat.count))
        }
        outputStart = starts
        outputs = flat
        patternLengths = patterns.map { $0.utf8.count }
        boundaryStart = patterns.map { p in p.utf8.first.map(Matcher.isWordByte) ?? false }
        boundaryEnd = patterns.map { p in p.utf8.last.map(Matcher.isWordByte) ?? false }
    }

    @inline(__always)
    static func isWordByte(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39)
    }

    /// Every match, overlapping ones included, in order of end position.
    public func matches(in text: String) -> [Match] {
        var result: [Match] = []
        forEachMatch(in: text) { result.append($0) }
        return result
    }

    /// Calls `body` with every match, in the order ``matches(in:)`` lists them, without
    /// collecting them (the analyzer sorts each match into its role as it comes).
    public func forEachMatch(in text: String, _ body: (Match) -> Void) {
        var copy = text
        copy.withUTF8 { bytes in
            scan(bytes) { body($0); return true }
        }
    }

    /// Whether any pattern matches (word boundaries respected): stops at the first match.
    public func matchesAny(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var found = false
        scan(bytes) { _ in found = true; return false }
        return found
    }

    /// The automaton over `bytes`, reporting each match that respects word boundaries until
    /// `report` returns false.
    @inline(__always)
    private func scan(_ bytes: UnsafeBufferPointer<UInt8>, _ report: (Match) -> Bool) {
        transitions.withUnsafeBufferPointer { table in
            byteClass.withUnsafeBufferPointer { classes in
                var row = 0
                for i in 0..<bytes.count {
                    let entry = Int(table[row &+ Int(classes[Int(bytes[i])])])
                    if entry >= 0 {
                        row = entry
                        continue
                    }
                    row = ~entry
                    let state = row / classCount
                    for k in Int(outputStart[state])..<Int(outputStart[state &+ 1]) {
                        let pi = Int(outputs[k])
                        let start = i + 1 - patternLengths[pi]
                        if boundaryStart[pi], start > 0, Matcher.isWordByte(bytes[start - 1]) { continue }
                        if boundaryEnd[pi], i + 1 < bytes.count, Matcher.isWordByte(bytes[i + 1]) { continue }
                        if !report(Match(pattern: pi, start: start, end: i + 1)) { return }
                    }
                }
            }
        }
    }

    /// The reference implementation: a plain search per pattern. Slow; kept as the test oracle.
    public static func naiveMatches(patterns: [String], in text: String) -> [Match] {
        let bytes = Array(text.utf8)
        var result: [Match] = []
        for (pi, p) in patterns.enumerated() {
            let pb = Array(p.utf8)
            guard !pb.isEmpty, pb.count <= bytes.count else { continue }
            for start in 0...(bytes.count - pb.count) where Array(bytes[start..<(start + pb.count)]) == pb {
                let end = start + pb.count
                if isWordByte(pb[0]), start > 0, isWordByte(bytes[start - 1]) { continue }
                if isWordByte(pb[pb.count - 1]), end < bytes.count, isWordByte(bytes[end]) { continue }
                result.append(Match(pattern: pi, start: start, end: end))
            }
        }
        return result.sorted { ($0.end, $0.pattern) < ($1.end, $1.pattern) }
    }
}

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

    private let transitions: [Int32]          // state * 256 + byte -> next state (dense DFA)
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
        var goto: [[UInt8: Int32]] = [[:]]
        var outs: [[Int32]] = [[]]
        for (index, p) in patterns.enumerated() {
            var state: Int32 = 0
            for b in p.utf8 {
                if let next = goto[Int(state)][b] {
                    state = next
                } else {
                    goto.append([:])
                    outs.append([])
                    let next = Int32(goto.count - 1)
                    goto[Int(state)][b] = next
                    state = next
                }
            }
            if !p.isEmpty { outs[Int(state)].append(Int32(index)) }
        }
        // Breadth-first failure links, folded into a dense transition table.
        let n = goto.count
        var table = [Int32](repeating: 0, count: n * 256)
        var fail = [Int32](repeating: 0, count: n)
        var queue: [Int32] = []
        for b in 0..<256 {
            if let s = goto[0][UInt8(b)] {
                table[b] = s
                queue.append(s)
            }
        }
        var head = 0
        while head < queue.count {
            let s = queue[head]
            head += 1
            outs[Int(s)].append(contentsOf: outs[Int(fail[Int(s)])])
            for b in 0..<256 {
                if let t = goto[Int(s)][UInt8(b)] {
                    fail[Int(t)] = table[Int(fail[Int(s)]) * 256 + b]
                    table[Int(s) * 256 + b] = t
                    queue.append(t)
                } else {
                    table[Int(s) * 256 + b] = table[Int(fail[Int(s)]) * 256 + b]
                }
            }
        }
        transitions = table
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
        var copy = text
        copy.withUTF8 { bytes in
            scan(bytes) { result.append($0); return true }
        }
        return result
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
        var state = 0
        for i in 0..<bytes.count {
            state = Int(transitions[state &* 256 &+ Int(bytes[i])])
            let lo = Int(outputStart[state]), hi = Int(outputStart[state &+ 1])
            if lo == hi { continue }
            for k in lo..<hi {
                let pi = Int(outputs[k])
                let start = i + 1 - patternLengths[pi]
                if boundaryStart[pi], start > 0, Matcher.isWordByte(bytes[start - 1]) { continue }
                if boundaryEnd[pi], i + 1 < bytes.count, Matcher.isWordByte(bytes[i + 1]) { continue }
                if !report(Match(pattern: pi, start: start, end: i + 1)) { return }
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

import OutcryCore
#if canImport(Glibc)
import Glibc
#endif
/// English sentiment from VADER's rated lexicon: the sum of the valences of the words (and
/// emoticons) in a text, a valence flipped and damped when one of the three words before it
/// negates (`not good`, `never again`, `wasn't worth`, `least helpful`), raised or lowered by the
/// boosters before it (`very`, `slightly`), as VADER does.
///
/// Our own lexicon names complaints and escalation; this one gives English the breadth of
/// ordinary sentiment words (7,500 rated tokens) that a hand-written list cannot.
public enum EnglishValence {
    public struct Hit: Sendable, Hashable {
        public var token: String
        public var valence: Double
        /// Byte offset of the token in the folded text (to weigh it by clause).
        public var offset: Int
    }

    /// Rated tokens by the FNV-1a hash of their bytes (no string per token on the hot path),
    /// with the token kept to confirm a hit.
    static let table: [UInt64: (token: String, valence: Double)] = {
        var t: [UInt64: (token: String, valence: Double)] = [:]
        for line in VADERLexicon.table.split(separator: "\n") {
            let parts = line.split(separator: "\t")
            // Numbers rated as tweet slang (`143`, `187`, `86`) are prices, sizes and counts in
            // reviews and complaints: left out.
            guard parts.count == 2, let v = Double(parts[1]), !parts[0].allSatisfy(\.isNumber) else { continue }
            t[hash(Array(parts[0].utf8))] = (String(parts[0]), v)
        }
        return t
    }()

    static let negations: Set<UInt64> = Set("""
        aint arent cannot cant couldnt darent didnt doesnt ain't aren't can't couldn't daren't didn't doesn't dont \
        hadnt hasnt havent isnt mightnt mustnt neither don't hadn't hasn't haven't isn't mightn't mustn't neednt \
        needn't never none nope nor not nothing nowhere oughtnt shant shouldnt uhuh wasnt werent oughtn't shan't \
        shouldn't uh-uh wasn't weren't without wont wouldnt won't wouldn't rarely seldom despite
        """.split(separator: " ").map { hash(Array($0.utf8)) })

    static let no = hash(Array("no".utf8)), or = hash(Array("or".utf8)), nor = hash(Array("nor".utf8))
    static let kind = hash(Array("kind".utf8)), of = hash(Array("of".utf8)), least = hash(Array("least".utf8))
    static let at = hash(Array("at".utf8)), very = hash(Array("very".utf8))

    /// VADER's boosters and dampeners (its `BOOSTER_DICT`, single words): before a rated word they
    /// move its valence away from zero (`very`, `extremely`) or toward it (`slightly`, `barely`)
    /// by 0.293, less with each word between.
    static let boosters: [UInt64: Double] = {
        var b: [UInt64: Double] = [:]
        for w in """
            absolutely amazingly awfully completely considerable considerably decidedly deeply effing enormous enormously \
            entirely especially exceptional exceptionally extreme extremely fabulously flipping flippin frackin fracking \
            fricking frickin frigging friggin fully fuckin fucking fuggin fugging greatly hella highly hugely incredible \
            incredibly intensely major majorly more most particularly purely quite really remarkably so substantially \
            thoroughly total totally tremendous tremendously uber unbelievably unusually utter utterly very
            """.split(separator: " ") { b[hash(Array(w.utf8))] = 0.293 }
        for w in """
            almost barely hardly kinda kindof kind-of less little marginal marginally occasional occasionally partly \
            scarce scarcely slight slightly somewhat sorta sortof sort-of
            """.split(separator: " ") { b[hash(Array(w.utf8))] = -0.293 }
        return b
    }()

    /// VADER's damping of a negated valence.
    static let negationScale = -0.74

    /// Rated tokens of `folded` (lower-cased by ``Normalizer``), in order, with their valence
    /// after negation. Non-English text simply has none.
    public static func hits(in folded: String) -> [Hit] {
        var folded = folded
        return folded.withUTF8 { u in
            let tokens = scan(u)
            var out: [Hit] = []
            func rated(_ k: Int) -> Bool {
                guard let entry = table[tokens[k].hash] else { return false }
                return Self.equal(entry.token, u[tokens[k].range])
            }
            func word(_ k: Int, is hash: UInt64) -> Bool { k >= 0 && k < tokens.count && tokens[k].hash == hash }
            for (i, token) in tokens.enumerated() {
                guard let entry = table[token.hash], Self.equal(entry.token, u[token.range]),
                      !Self.touchesCJK(token.range, in: u) else { continue }
                // VADER's rule for "no": before a rated word it negates that word instead of
                // counting itself ("no problems", "no complaints" are praise in a review).
                if token.hash == Self.no, i + 1 < tokens.count, rated(i + 1) { continue }
                // "kind of" is a hedge, not kindness (VADER's rule).
                if token.hash == Self.kind, word(i + 1, is: Self.of) { continue }
                var v = entry.valence
                // Boosters up to three words before, as VADER weighs them (not rated words themselves).
                for (k, damping) in [(1, 1.0), (2, 0.95), (3, 0.9)] where i - k >= 0 && !rated(i - k) {
                    if let b = Self.boosters[tokens[i - k].hash] { v += (entry.valence < 0 ? -b : b) * damping }
                }
                let window = tokens[max(0, i - 3)..<i]
                let afterNo = word(i - 1, is: Self.no) || word(i - 2, is: Self.no)
                    || word(i - 3, is: Self.no) && (word(i - 1, is: Self.or) || word(i - 1, is: Self.nor))
                if afterNo || window.contains(where: { negations.contains($0.hash) || Self.endsWithNT(u[$0.range]) }) { v *= negationScale }
                // "least" before a word turns it round, except in "at least" and "very least".
                if word(i - 1, is: Self.least), !word(i - 2, is: Self.at), !word(i - 2, is: Self.very) { v *= negationScale }
                out.append(Hit(token: entry.token, valence: v, offset: token.range.lowerBound))
            }
            return out
        }
    }

    /// Words (ASCII letters with inner `'` and `-`) and emoticons (runs of 2–3 ASCII punctuation
    /// or digit characters, as `:(` and `</3`).
    public static func tokens(_ s: String) -> [String] {
        var s = s
        return s.withUTF8 { u in scan(u).map { String(decoding: u[$0.range], as: UTF8.self) } }
    }

    /// The tokens of ``tokens(_:)`` as byte ranges with their hash.
    static func scan(_ u: UnsafeBufferPointer<UInt8>) -> [(hash: UInt64, range: Range<Int>)] {
        var out: [(hash: UInt64, range: Range<Int>)] = []
        var wordStart = -1, symbolStart = -1
        func flushWord(_ end: Int) {
            guard wordStart >= 0 else { return }
            var e = end
            while e > wordStart, u[e - 1] == UInt8(ascii: "'") || u[e - 1] == UInt8(ascii: "-") { e -= 1 }
            if e > wordStart { out.append((hash(u[wordStart..<e]), wordStart..<e)) }
            wordStart = -1
        }
        func flushSymbol(_ end: Int) {
            guard symbolStart >= 0 else { return }
            if (2...3).contains(end - symbolStart) { out.append((hash(u[symbolStart..<end]), symbolStart..<end)) }
            symbolStart = -1
        }
        for (i, b) in u.enumerated() {
            let letter = b >= 0x61 && b <= 0x7A
            if letter || (wordStart >= 0 && (b == UInt8(ascii: "'") || b == UInt8(ascii: "-"))) {
                flushSymbol(i)
                if wordStart < 0 { wordStart = i }
            } else if b > 0x20 && b < 0x7F {
                flushWord(i)
                if symbolStart < 0 { symbolStart = i }
            } else {
                flushWord(i)
                flushSymbol(i)
            }
        }
        flushWord(u.count)
        flushSymbol(u.count)
        return out
    }

    /// Whether a CJK character is written right against the token. Chinese text embeds Latin
    /// without spaces, and there a short token is a product or a code — `装xp系统` (Windows XP),
    /// `vip会员`, `qq群` — not the tweet slang VADER rates.
    static func touchesCJK(_ range: Range<Int>, in u: UnsafeBufferPointer<UInt8>) -> Bool {
        /// The scalar whose UTF-8 starts at `i` (text from a `String` is valid UTF-8).
        func scalar(at i: Int) -> UInt32 {
            let b = u[i]
            let length = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
            var v = UInt32(length == 1 ? b : b & (0xFF >> (length + 1)))
            for k in (i + 1)..<min(u.count, i + length) { v = (v << 6) | UInt32(u[k] & 0x3F) }
            return v
        }
        if range.upperBound < u.count, Tokenizer.isCJK(scalar(at: range.upperBound)) { return true }
        guard range.lowerBound > 0 else { return false }
        var previous = range.lowerBound - 1
        while previous > 0, u[previous] & 0xC0 == 0x80 { previous -= 1 }
        return Tokenizer.isCJK(scalar(at: previous))
    }

    static func equal(_ token: String, _ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        var token = token
        return token.withUTF8 { t in t.count == bytes.count && memcmp(t.baseAddress!, bytes.base.baseAddress! + bytes.startIndex, t.count) == 0 }
    }

    static func endsWithNT(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        bytes.count >= 3 && bytes.suffix(3).elementsEqual("n't".utf8)
    }

    static func hash(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> UInt64 { FNV1a.hash(bytes) }

    static func hash(_ bytes: [UInt8]) -> UInt64 {
        bytes.withUnsafeBufferPointer { FNV1a.hash($0[...]) }
    }
}

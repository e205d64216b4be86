/// English sentiment from VADER's rated lexicon: the sum of the valences of the words (and
/// emoticons) in a text, a valence flipped and damped when one of the three words before it
/// negates (`not good`, `never again`, `wasn't worth`), as VADER does.
///
/// Our own lexicon names complaints and escalation; this one gives English the breadth of
/// ordinary sentiment words (7,500 rated tokens) that a hand-written list cannot.
public enum EnglishValence {
    public struct Hit: Sendable, Hashable {
        public var token: String
        public var valence: Double
    }

    static let table: [String: Double] = {
        var t: [String: Double] = [:]
        for line in VADERLexicon.table.split(separator: "\n") {
            let parts = line.split(separator: "\t")
            if parts.count == 2, let v = Double(parts[1]) { t[String(parts[0])] = v }
        }
        return t
    }()

    static let negations: Set<String> = Set("""
        aint arent cannot cant couldnt darent didnt doesnt ain't aren't can't couldn't daren't didn't doesn't dont \
        hadnt hasnt havent isnt mightnt mustnt neither don't hadn't hasn't haven't isn't mightn't mustn't neednt \
        needn't never none nope nor not nothing nowhere oughtnt shant shouldnt uhuh wasnt werent oughtn't shan't \
        shouldn't uh-uh wasn't weren't without wont wouldnt won't wouldn't rarely seldom despite
        """.split(separator: " ").map(String.init))

    /// VADER's damping of a negated valence.
    static let negationScale = -0.74

    /// Rated tokens of `folded` (lower-cased by ``Normalizer``), in order, with their valence
    /// after negation. Non-English text simply has none.
    public static func hits(in folded: String) -> [Hit] {
        let tokens = self.tokens(folded)
        var out: [Hit] = []
        for (i, token) in tokens.enumerated() {
            guard var v = table[token] else { continue }
            let window = tokens[max(0, i - 3)..<i]
            if window.contains(where: { negations.contains($0) || $0.hasSuffix("n't") }) { v *= negationScale }
            out.append(Hit(token: token, valence: v))
        }
        return out
    }

    /// Words (ASCII letters with inner `'` and `-`) and emoticons (runs of 2–3 ASCII punctuation
    /// or digit characters, as `:(` and `</3`).
    public static func tokens(_ s: String) -> [String] {
        var out: [String] = []
        var word: [UInt8] = []
        var symbol: [UInt8] = []
        func flushWord() {
            while let last = word.last, last == UInt8(ascii: "'") || last == UInt8(ascii: "-") { word.removeLast() }
            if !word.isEmpty { out.append(String(decoding: word, as: UTF8.self)) }
            word.removeAll(keepingCapacity: true)
        }
        func flushSymbol() {
            if (2...3).contains(symbol.count) { out.append(String(decoding: symbol, as: UTF8.self)) }
            symbol.removeAll(keepingCapacity: true)
        }
        for b in s.utf8 {
            let letter = b >= 0x61 && b <= 0x7A
            if letter || (!word.isEmpty && (b == UInt8(ascii: "'") || b == UInt8(ascii: "-"))) {
                flushSymbol()
                word.append(b)
            } else if b > 0x20 && b < 0x7F {
                flushWord()
                symbol.append(b)
            } else {
                flushWord()
                flushSymbol()
            }
        }
        flushWord()
        flushSymbol()
        return out
    }
}

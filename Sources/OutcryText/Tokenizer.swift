/// Splits folded text into the terms Outcry counts and indexes, without a word segmenter.
///
/// Chinese runs give character bigrams (`京东无赖` → `京东`, `东无`, `无赖`), which retrieve
/// Chinese text about as well as a segmenter for our purposes and never go out of date. Latin
/// runs give lower-case words (`comfort`, `u`); digit runs give numbers. Input should already be
/// folded by ``Normalizer``.
public enum Tokenizer {
    public enum Kind: Sendable, Equatable { case cjkBigram, cjkSingle, word, number }

    public struct Token: Sendable, Hashable {
        public var text: String
        public var kind: Kind
    }

    public static func isHan(_ v: UInt32) -> Bool {
        (0x4E00...0x9FFF).contains(v) || (0x3400...0x4DBF).contains(v) || (0x20000...0x2A6DF).contains(v)
            || (0xF900...0xFAFF).contains(v)
    }

    /// Han characters and the rest of East Asian script around them: CJK punctuation, kana and
    /// the blocks up to U+9FFF, Hangul syllables, compatibility ideographs. (Full-width forms are
    /// ASCII after folding.)
    public static func isCJK(_ v: UInt32) -> Bool {
        (0x3000...0x9FFF).contains(v) || (0xAC00...0xD7BF).contains(v) || (0xF900...0xFAFF).contains(v) || isHan(v)
    }

    public static func isWordScalar(_ v: UInt32) -> Bool {
        (v >= 0x61 && v <= 0x7A) || (v >= 0x30 && v <= 0x39) || (v >= 0xC0 && v < 0x2000 && v != 0xD7 && v != 0xF7)
    }

    /// Tokens in order of appearance.
    public static func tokens(_ folded: String) -> [Token] {
        var out: [Token] = []
        var han: [Unicode.Scalar] = []
        var word = String.UnicodeScalarView()
        func flushHan() {
            if han.count == 1 {
                out.append(Token(text: String(Character(han[0])), kind: .cjkSingle))
            } else if han.count > 1 {
                for i in 0..<(han.count - 1) {
                    var s = String.UnicodeScalarView()
                    s.append(han[i])
                    s.append(han[i + 1])
                    out.append(Token(text: String(s), kind: .cjkBigram))
                }
            }
            han.removeAll(keepingCapacity: true)
        }
        func flushWord() {
            guard !word.isEmpty else { return }
            let s = String(word)
            let numeric = s.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
            out.append(Token(text: s, kind: numeric ? .number : .word))
            word = String.UnicodeScalarView()
        }
        for scalar in folded.unicodeScalars {
            let v = scalar.value
            if isHan(v) {
                flushWord()
                han.append(scalar)
            } else if isWordScalar(v) {
                flushHan()
                word.append(scalar)
            } else {
                flushHan()
                flushWord()
            }
        }
        flushHan()
        flushWord()
        return out
    }
}

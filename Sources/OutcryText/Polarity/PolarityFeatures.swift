import OutcryCore

/// The features of ``PolarityModel``: presence of tokens and of adjacent token pairs, where a
/// token is an ASCII word (letters, digits, `'`) or any other single letter-like character —
/// so Chinese gets character unigrams and bigrams and English word unigrams and bigrams from
/// one scan, with no word segmenter. White space separates words; punctuation, symbols and
/// controls also end the run a pair may span.
///
/// `scripts/train-polarity-model.py` extracts the same features at training time; the two
/// must agree. Features are FNV-1a hashes of their UTF-8 (a pair: both tokens joined by a
/// space), so no string is built per feature.
public enum PolarityFeatures {
    /// The distinct feature hashes of folded text.
    public static func hashes(folded: String) -> [UInt64] {
        var out: [UInt64] = []
        var text = folded
        text.withUTF8 { u in
            var previous: FNV1a?        // the hash state after the last token of the current run
            var inWord = false
            func push(_ range: Range<Int>) {
                var token = FNV1a()
                token.add(u[range])
                out.append(token.value)
                if var pair = previous {
                    pair.add(0x20)
                    pair.add(u[range])
                    out.append(pair.value)
                }
                previous = token
            }
            var i = 0
            var wordStart = 0
            func flushWord(_ end: Int) {
                guard inWord else { return }
                push(wordStart..<end)
                inWord = false
            }
            while i < u.count {
                let b = u[i]
                if b < 0x80 {
                    if isWordByte(b) {
                        if !inWord { inWord = true; wordStart = i }
                        i += 1
                        continue
                    }
                    flushWord(i)
                    if !isASCIIWhitespace(b) { previous = nil }   // ASCII punctuation, symbols, controls
                    i += 1
                    continue
                }
                flushWord(i)
                let length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
                let end = min(i + length, u.count)
                switch scalarClass(u[i..<end]) {
                case .space: break
                case .boundary: previous = nil
                case .token: push(i..<end)
                }
                i = end
            }
            flushWord(u.count)
        }
        out.sort()
        var unique: [UInt64] = []
        unique.reserveCapacity(out.count)
        for h in out where unique.last != h { unique.append(h) }
        return unique
    }

    /// The hash of one feature as the training script writes it (`token` or `token token`).
    public static func hash(feature: String) -> UInt64 { FNV1a.hash(feature) }

    private enum ScalarClass { case space, boundary, token }

    @inline(__always)
    private static func isWordByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || b == 0x27
    }

    @inline(__always)
    private static func isASCIIWhitespace(_ b: UInt8) -> Bool {
        b == 0x20 || (b >= 0x09 && b <= 0x0D) || (b >= 0x1C && b <= 0x1F)
    }

    /// Python's `str.isspace` first, then the Unicode general category: punctuation,
    /// separators, symbols and others end a run; everything else is a token.
    private static func scalarClass(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> ScalarClass {
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        guard case .scalarValue(let scalar) = decoder.decode(&iterator) else { return .boundary }
        let p = scalar.properties
        if p.isWhitespace { return .space }
        if p.isPunctuation { return .boundary }
        switch p.generalCategory {
        case .spaceSeparator, .lineSeparator, .paragraphSeparator,
             .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol,
             .control, .format, .surrogate, .privateUse, .unassigned:
            return .boundary
        default:
            return .token
        }
    }
}

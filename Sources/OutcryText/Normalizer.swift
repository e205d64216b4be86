/// Folds text so that what a user writes in a topic matches what people post.
///
/// Full-width forms become ASCII (`ＪＤ` → `JD`, the ideographic space → a space), letters are
/// lower-cased, and Traditional text becomes Simplified: Taiwan phrases first, through OpenCC's
/// tw2sp tables composed into one longest-match table (`軟體` → `软件`, `滑鼠` → `鼠标`), then
/// OpenCC's character table (`京東` → `京东`). The result is idempotent: `fold(fold(x)) == fold(x)`.
public struct Normalizer: Sendable {
    public static let shared = Normalizer()

    private let traditionalToSimplified: [UInt32: Unicode.Scalar]
    /// The fold of every BMP scalar, precomputed: 0 = unchanged, `multiScalar` = folds to more
    /// than one scalar (a handful of lower-case mappings), else the folded scalar's value.
    private let bmp: [UInt32]
    private static let multiScalar: UInt32 = 0xFFFF_FFFF
    private let phrases: PhraseTable

    public init() {
        var map: [UInt32: Unicode.Scalar] = [:]
        var pending: Unicode.Scalar?
        for scalar in TSCharacters.pairs.unicodeScalars where scalar.value > 0x7F {
            if let t = pending {
                map[t.value] = scalar
                pending = nil
            } else {
                pending = scalar
            }
        }
        // OpenCC maps a few characters whose Simplified form is itself Traditional elsewhere in
        // the table; resolve chains so that folding twice changes nothing.
        for (k, v) in map {
            var target = v
            var steps = 0
            while let next = map[target.value], steps < 4, next != target {
                target = next
                steps += 1
            }
            map[k] = target
        }
        traditionalToSimplified = map
        var table = [UInt32](repeating: 0, count: 0x10000)
        for v in UInt32(0x80)..<0x10000 {
            guard let scalar = Unicode.Scalar(v) else { continue }
            var folded = String.UnicodeScalarView()
            Self.fold(scalar, map: map, into: &folded)
            if folded.count == 1, let only = folded.first {
                if only.value != v { table[Int(v)] = only.value }
            } else {
                table[Int(v)] = Self.multiScalar
            }
        }
        bmp = table
        phrases = PhraseTable(TaiwanPhrases.entries)
    }

    /// Number of Traditional → Simplified pairs loaded (for diagnostics and tests).
    public var tableSize: Int { traditionalToSimplified.count }

    /// Number of Taiwan phrase entries loaded (for diagnostics and tests).
    public var phraseCount: Int { phrases.count }

    /// The folded form of `text`: ASCII and the BMP through byte-level fast paths, the rest
    /// scalar by scalar.
    public func fold(_ text: String) -> String {
        var text = text
        return text.withUTF8 { u in
            var out: [UInt8] = []
            fold(utf8: u, into: &out)
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// Folds UTF-8 bytes into `out` (cleared first), for callers that scan bytes and want no
    /// string in between (the matcher over stdin). Malformed UTF-8 is folded without being read
    /// out of bounds, but not repaired.
    public func fold(utf8 u: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        out.removeAll(keepingCapacity: true)
        out.reserveCapacity(u.count)
        // Bytes that fold to themselves are copied in runs, not one append at a time.
        var run = 0
        @inline(__always) func flush(_ end: Int) {
            if end > run { out.append(contentsOf: UnsafeBufferPointer(rebasing: u[run..<end])) }
        }
        var i = 0
        while i < u.count {
            let b = u[i]
            if b < 0x80 {
                if b >= 0x41 && b <= 0x5A {
                    flush(i)
                    out.append(b + 0x20)
                    run = i + 1
                }
                i += 1
                continue
            }
            if b >= 0xC2, b < 0xE0, i + 1 < u.count {
                // Two-byte sequence (Latin-1, Greek, Cyrillic …).
                let v = (UInt32(b & 0x1F) << 6) | UInt32(u[i + 1] & 0x3F)
                let mapped = bmp[Int(v)]
                if mapped != Self.multiScalar {
                    if mapped != 0 {
                        flush(i)
                        Self.appendUTF8(mapped, to: &out)
                        run = i + 2
                    }
                    i += 2
                    continue
                }
            }
            if b >= 0xE0, b < 0xF0, i + 2 < u.count {
                // Three-byte sequence: a BMP scalar (all CJK lives here).
                let v = (UInt32(b & 0x0F) << 12) | (UInt32(u[i + 1] & 0x3F) << 6) | UInt32(u[i + 2] & 0x3F)
                if let (length, value) = phrases.longestMatch(startingWith: v, at: i, in: u) {
                    flush(i)
                    out.append(contentsOf: value)
                    i += length
                    run = i
                    continue
                }
                let mapped = bmp[Int(v)]
                if mapped == 0 {
                    i += 3
                    continue
                }
                if mapped != Self.multiScalar {
                    flush(i)
                    Self.appendUTF8(mapped, to: &out)
                    i += 3
                    run = i
                    continue
                }
            }
            // Anything else: decode one scalar and fold it the slow way.
            flush(i)
            let length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
            let end = min(u.count, i + length)
            let piece = String(decoding: UnsafeBufferPointer(rebasing: u[i..<end]), as: UTF8.self)
            var folded = String.UnicodeScalarView()
            for scalar in piece.unicodeScalars { Self.fold(scalar, map: traditionalToSimplified, into: &folded) }
            out.append(contentsOf: String(folded).utf8)
            i = end
            run = i
        }
        flush(u.count)
    }

    @inline(__always)
    static func appendUTF8(_ v: UInt32, to out: inout [UInt8]) {
        switch v {
        case ..<0x80: out.append(UInt8(v))
        case ..<0x800: out.append(UInt8(0xC0 | (v >> 6))); out.append(UInt8(0x80 | (v & 0x3F)))
        case ..<0x10000:
            out.append(UInt8(0xE0 | (v >> 12))); out.append(UInt8(0x80 | ((v >> 6) & 0x3F))); out.append(UInt8(0x80 | (v & 0x3F)))
        default:
            out.append(UInt8(0xF0 | (v >> 18))); out.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((v >> 6) & 0x3F))); out.append(UInt8(0x80 | (v & 0x3F)))
        }
    }

    /// The rules, one scalar at a time: full-width ASCII, ideographic and no-break space,
    /// Traditional → Simplified, lower case.
    static func fold(_ scalar: Unicode.Scalar, map: [UInt32: Unicode.Scalar], into out: inout String.UnicodeScalarView) {
        let v = scalar.value
        if v < 0x80 {
            out.append(v >= 0x41 && v <= 0x5A ? Unicode.Scalar(v + 0x20)! : scalar)
            return
        }
        if v >= 0xFF01 && v <= 0xFF5E {
            fold(Unicode.Scalar(v - 0xFEE0)!, map: map, into: &out)
            return
        }
        if v == 0x3000 || v == 0x00A0 {
            out.append(" ")
            return
        }
        if let s = map[v] {
            out.append(s)
            return
        }
        if scalar.properties.changesWhenLowercased {
            out.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
            return
        }
        out.append(scalar)
    }
}

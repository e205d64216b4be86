import OutcryCore

/// Valid UTF-8 (the bytes of a Swift `String`) with the character tests sgmllib's regular
/// expressions make. Markup structure is all ASCII, so the sanitizer walks bytes; the few tests
/// that can succeed on non-ASCII text (Unicode white space, Unicode letters in `\w`) decode the
/// scalar at a boundary and report its length, so indices always stay on scalar boundaries.
struct HTMLBytes {
    let bytes: [UInt8]
    var count: Int { bytes.count }

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    subscript(i: Int) -> UInt8 { bytes[i] }

    /// Length in bytes of the scalar that starts at `i` (1 for ASCII and stray bytes).
    func scalarLength(at i: Int) -> Int {
        let b = bytes[i]
        let n = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1
        return min(n, bytes.count - i)
    }

    /// The scalar that starts at `i`.
    func scalar(at i: Int) -> Unicode.Scalar {
        let b = bytes[i]
        if b < 0x80 { return Unicode.Scalar(b) }
        var it = bytes[i..<(i + scalarLength(at: i))].makeIterator()
        var decoder = UTF8()
        if case .scalarValue(let s) = decoder.decode(&it) { return s }
        return "\u{FFFD}"
    }

    /// Byte length of the Unicode white-space scalar at `i`, or 0.
    func whiteSpaceLength(at i: Int) -> Int {
        scalar(at: i).isWhiteSpace ? scalarLength(at: i) : 0
    }

    /// Index of the first non-white-space scalar at or after `i`.
    func skipWhiteSpace(from i: Int) -> Int {
        var k = i
        while k < bytes.count {
            let w = whiteSpaceLength(at: k)
            if w == 0 { break }
            k += w
        }
        return k
    }

    /// Byte length of the `\w` scalar (letter, digit, `_`, or a Unicode letter) at `i`, or 0.
    func wordLength(at i: Int) -> Int {
        Self.isWord(scalar(at: i)) ? scalarLength(at: i) : 0
    }

    /// sgmllib's `\w`: an ASCII letter, digit or `_`, or any Unicode letter.
    static func isWord(_ s: Unicode.Scalar) -> Bool {
        s.isASCII ? isLetter(UInt8(s.value)) || isDigit(UInt8(s.value)) || s == "_" : s.properties.isAlphabetic
    }

    func firstIndex(of byte: UInt8, from i: Int) -> Int? {
        var k = i
        while k < bytes.count {
            if bytes[k] == byte { return k }
            k += 1
        }
        return nil
    }

    func hasPrefix(_ ascii: StaticString, at i: Int, caseInsensitive: Bool = false) -> Bool {
        let n = ascii.utf8CodeUnitCount
        guard i + n <= bytes.count else { return false }
        let p = ascii.utf8Start
        for k in 0..<n {
            var b = bytes[i + k]
            if caseInsensitive, b >= 0x61, b <= 0x7A { b -= 0x20 }
            if b != p[k] { return false }
        }
        return true
    }

    func string(_ a: Int, _ b: Int) -> String {
        guard a < b else { return "" }
        return String(decoding: bytes[a..<b], as: UTF8.self)
    }

    /// The bytes `a..<b`, which must be ASCII (tag and attribute names are), lower-cased —
    /// without `String.lowercased()`'s Unicode case mapping.
    func lowercasedASCII(_ a: Int, _ b: Int) -> String {
        a < b ? Self.lowercasedASCII(bytes[a..<b]) : ""
    }

    /// `s.lowercased()`, taking the ASCII path when it can (end-tag names).
    static func lowercased(_ s: String) -> String {
        s.utf8.allSatisfy { $0 < 0x80 } ? lowercasedASCII(s.utf8) : s.lowercased()
    }

    private static func lowercasedASCII(_ ascii: some Collection<UInt8>) -> String {
        String(unsafeUninitializedCapacity: ascii.count) { buffer in
            for (k, byte) in ascii.enumerated() { buffer[k] = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }
            return ascii.count
        }
    }

    func contains(_ byte: UInt8, in range: Range<Int>) -> Bool {
        bytes[range].contains(byte)
    }

    static func isLetter(_ b: UInt8) -> Bool { (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) }
    static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    static func isHexDigit(_ b: UInt8) -> Bool { isDigit(b) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x66) }

    /// `bytes` with every occurrence of `target` replaced (both ASCII).
    static func replacing(_ target: StaticString, with replacement: StaticString, in bytes: [UInt8]) -> [UInt8] {
        let t = UnsafeBufferPointer(start: target.utf8Start, count: target.utf8CodeUnitCount)
        let r = UnsafeBufferPointer(start: replacement.utf8Start, count: replacement.utf8CodeUnitCount)
        guard let first = t.first else { return bytes }
        var splicer = ByteSplicer(bytes)
        var i = 0
        while let k = bytes[i...].firstIndex(of: first) {
            if k + t.count <= bytes.count, bytes[k..<(k + t.count)].elementsEqual(t) {
                splicer.replace(k..<(k + t.count), with: r)
                i = k + t.count
            } else {
                i = k + 1
            }
        }
        return splicer.result()
    }
}

import OutcryCore

/// A longest-match phrase table over UTF-8 bytes, for phrases made of BMP characters outside
/// ASCII and Latin (three UTF-8 bytes each: all of CJK).
///
/// Lookups happen in the normalizer's hot loop, so nothing allocates: each first character
/// carries a bit mask of the phrase lengths starting with it, and a candidate is found by a
/// 64-bit hash of its bytes and then compared byte for byte.
struct PhraseTable: Sendable {
    private struct Entry: Sendable {
        let key: [UInt8]
        let value: [UInt8]
    }

    /// For each BMP scalar, bit n set when a phrase of n characters starts with it.
    private let lengths: [UInt32]
    private let entries: [UInt64: Entry]

    var count: Int { entries.count }

    /// `source` holds one `phrase\treplacement` per line (see `TaiwanPhrases`).
    init(_ source: String) {
        var lengths = [UInt32](repeating: 0, count: 0x10000)
        var entries: [UInt64: Entry] = [:]
        for line in source.split(separator: "\n") {
            let parts = line.split(separator: "\t", maxSplits: 1)
            guard parts.count == 2, let first = parts[0].unicodeScalars.first else { continue }
            let key = Array(parts[0].utf8)
            let characters = parts[0].unicodeScalars.count
            guard key.count == 3 * characters, characters < 32 else { continue }
            lengths[Int(first.value)] |= 1 << UInt32(characters)
            entries[FNV1a.hash(String(parts[0]))] = Entry(key: key, value: Array(parts[1].utf8))
        }
        self.lengths = lengths
        self.entries = entries
    }

    /// The longest phrase at byte `start` of `text` whose first character is `first`: its length
    /// in bytes and its replacement.
    @inline(__always)
    func longestMatch(startingWith first: UInt32, at start: Int, in text: UnsafeBufferPointer<UInt8>) -> (Int, [UInt8])? {
        var mask = lengths[Int(first)]
        guard mask != 0 else { return nil }
        // Characters from `start` that are three bytes long, up to the longest phrase.
        let longest = 31 - mask.leadingZeroBitCount
        var available = 0
        var p = start
        while available < longest, p + 2 < text.count, text[p] & 0xF0 == 0xE0 {
            available += 1
            p += 3
        }
        while mask != 0 {
            let n = 31 - mask.leadingZeroBitCount
            mask &= ~(1 << UInt32(n))
            guard n <= available else { continue }
            let bytes = UnsafeBufferPointer(rebasing: text[start..<(start + 3 * n)])
            if let entry = entries[FNV1a.hash(bytes[...])], entry.key.elementsEqual(bytes) {
                return (3 * n, entry.value)
            }
        }
        return nil
    }
}

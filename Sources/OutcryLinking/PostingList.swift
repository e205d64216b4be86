/// The postings of one token in the ticket index, delta-coded in bytes.
///
/// Documents are numbered in the order tickets arrive and each ticket's postings are appended
/// together, so a list only ever grows at its end with non-decreasing document numbers: each
/// posting is stored as the distance from the previous one, in a variable-length integer. The
/// common posting — the token once, in the text a ticket was opened with — takes one to three
/// bytes instead of a 16-byte record (at a million tickets the records were ~1 GB).
struct PostingList: Sendable {
    /// One occurrence of the token: in ticket version `doc`, `tf` times in part `part`
    /// (0 is the subject and body, 1… the ticket's events in order).
    struct Posting: Equatable {
        var doc: Int
        var part: Int
        var tf: Int
    }

    /// The first eight bytes of postings, kept in the list itself: most tokens of a large ticket
    /// base (order numbers, names, rare bigrams) occur in one ticket, and an array of their own
    /// would cost more than their postings.
    private var inline: UInt64 = 0
    /// Every byte once they no longer fit in ``inline``.
    private var spilled: [UInt8] = []
    private var inlineLength: UInt8 = 0
    private var lastDoc: Int32 = 0
    /// Postings in the list.
    private(set) var count: Int32 = 0

    /// Appends a posting; `doc` must not be below the last one appended.
    mutating func append(doc: Int, part: Int, tf: Int) {
        precondition(doc >= Int(lastDoc), "postings are appended in document order")
        // The low bit says whether part and term frequency follow (they are 0 and 1 otherwise).
        let plain = part == 0 && tf == 1
        let head = UInt64(doc - Int(lastDoc)) << 1 | (plain ? 0 : 1)
        func encode(_ put: (UInt8) -> Void) {
            Self.write(head, put)
            if !plain { Self.write(UInt64(part), put); Self.write(UInt64(tf), put) }
        }
        let length = Self.length(head) + (plain ? 0 : Self.length(UInt64(part)) + Self.length(UInt64(tf)))
        if spilled.isEmpty, Int(inlineLength) + length <= 8 {
            encode { byte in
                inline |= UInt64(byte) << (8 * UInt64(inlineLength))
                inlineLength += 1
            }
        } else {
            if spilled.isEmpty {
                spilled.reserveCapacity(16)
                for i in 0..<Int(inlineLength) { spilled.append(UInt8(truncatingIfNeeded: inline >> (8 * UInt64(i)))) }
            }
            encode { spilled.append($0) }
        }
        lastDoc = Int32(doc)
        count += 1
    }

    /// Calls `body` with each posting, in document order.
    @inline(__always)
    func forEach(_ body: (Posting) -> Void) {
        if !spilled.isEmpty {
            spilled.withUnsafeBufferPointer { Self.decode($0, body) }
        } else {
            withUnsafeBytes(of: inline.littleEndian) { raw in
                Self.decode(UnsafeBufferPointer(rebasing: raw.bindMemory(to: UInt8.self)[..<Int(inlineLength)]), body)
            }
        }
    }

    @inline(__always)
    private static func decode(_ b: UnsafeBufferPointer<UInt8>, _ body: (Posting) -> Void) {
        var i = 0, doc = 0
        while i < b.count {
            let head = read(b, &i)
            doc += Int(head >> 1)
            if head & 1 == 0 {
                body(Posting(doc: doc, part: 0, tf: 1))
            } else {
                let part = Int(read(b, &i))
                body(Posting(doc: doc, part: part, tf: Int(read(b, &i))))
            }
        }
    }

    /// LEB128: seven bits a byte, low bits first, the high bit set on all bytes but the last.
    private static func write(_ value: UInt64, _ put: (UInt8) -> Void) {
        var v = value
        while v >= 0x80 {
            put(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        put(UInt8(v))
    }

    private static func length(_ value: UInt64) -> Int {
        max(1, (64 - value.leadingZeroBitCount + 6) / 7)
    }

    @inline(__always)
    private static func read(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int) -> UInt64 {
        let first = b[i]
        i += 1
        if first < 0x80 { return UInt64(first) }   // most distances between postings of a frequent token
        var value = UInt64(first & 0x7F), shift: UInt64 = 7
        while true {
            let byte = b[i]
            i += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
    }
}

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

    private var bytes: [UInt8] = []
    private var lastDoc = 0
    /// Postings in the list.
    private(set) var count = 0

    /// Appends a posting; `doc` must not be below the last one appended.
    mutating func append(doc: Int, part: Int, tf: Int) {
        precondition(doc >= lastDoc, "postings are appended in document order")
        // The low bit says whether part and term frequency follow (they are 0 and 1 otherwise).
        let plain = part == 0 && tf == 1
        Self.write(UInt64(doc - lastDoc) << 1 | (plain ? 0 : 1), to: &bytes)
        if !plain {
            Self.write(UInt64(part), to: &bytes)
            Self.write(UInt64(tf), to: &bytes)
        }
        lastDoc = doc
        count += 1
    }

    /// Calls `body` with each posting, in document order.
    func forEach(_ body: (Posting) -> Void) {
        bytes.withUnsafeBufferPointer { b in
            var i = 0, doc = 0
            while i < b.count {
                let head = Self.read(b, &i)
                doc += Int(head >> 1)
                if head & 1 == 0 {
                    body(Posting(doc: doc, part: 0, tf: 1))
                } else {
                    let part = Int(Self.read(b, &i))
                    body(Posting(doc: doc, part: part, tf: Int(Self.read(b, &i))))
                }
            }
        }
    }

    /// LEB128: seven bits a byte, low bits first, the high bit set on all bytes but the last.
    private static func write(_ value: UInt64, to bytes: inout [UInt8]) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    private static func read(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int) -> UInt64 {
        var value: UInt64 = 0, shift: UInt64 = 0
        while true {
            let byte = b[i]
            i += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
    }
}

/// A worksheet's XML cut into documents of whole rows, so a sheet of a few hundred thousand rows
/// is parsed a few megabytes at a time instead of into one tree (a 118 MB sheet took 800 MB).
///
/// Each piece is the sheet's own text before its rows (root start tag with its namespace
/// declarations, `<sheetData>`) + some whole `<row>` elements + the sheet's own text after them,
/// so every piece parses as the sheet would, with the rows' prefixes bound. Rows end at a
/// `</row>` end tag (prefixed or not): markup that cannot occur inside character data, which
/// escapes `<`. A sheet whose `sheetData` is not found is one piece.
struct SheetChunks: Sequence, IteratorProtocol {
    private let bytes: [UInt8]
    private let head: Range<Int>, tail: Range<Int>
    private var position: Int
    private let end: Int
    private let target: Int
    private var whole: Bool

    init(_ bytes: [UInt8], target: Int = 4 << 20) {
        self.bytes = bytes
        self.target = target
        if let (contentStart, contentEnd) = Self.sheetDataContent(bytes) {
            head = 0..<contentStart
            tail = contentEnd..<bytes.count
            position = contentStart
            end = contentEnd
            whole = false
        } else {
            head = 0..<0
            tail = 0..<0
            position = 0
            end = 0
            whole = true
        }
    }

    mutating func next() -> [UInt8]? {
        if whole {
            whole = false
            return bytes
        }
        guard position < end else { return nil }
        var cut = Swift.min(end, position + target)
        if cut < end { cut = Self.afterRowEnd(bytes, from: cut, limit: end) ?? end }
        var piece: [UInt8] = []
        piece.reserveCapacity(head.count + (cut - position) + tail.count)
        piece.append(contentsOf: bytes[head])
        piece.append(contentsOf: bytes[position..<cut])
        piece.append(contentsOf: bytes[tail])
        position = cut
        return piece
    }

    /// Where `sheetData`'s content starts (after its start tag) and ends (at its end tag), or nil
    /// when it is absent or empty (`<sheetData/>`).
    static func sheetDataContent(_ b: [UInt8]) -> (Int, Int)? {
        let name = Array("sheetData".utf8)
        guard let open = find(name, in: b, from: 0, tagStart: true), let gt = b[open...].firstIndex(of: 0x3E),
              b[gt - 1] != 0x2F else { return nil }
        var close: Int?
        var i = gt + 1
        while let at = find(name, in: b, from: i, tagStart: false) { close = at; i = at + 1 }
        guard let nameAt = close, let lt = b[..<nameAt].lastIndex(of: 0x3C), lt > gt else { return nil }
        return (gt + 1, lt)
    }

    /// The first `name` at or after `from` that is an element name: after `<` (a start tag) or
    /// `</` (an end tag), or after a prefix's `:` there.
    static func find(_ name: [UInt8], in b: [UInt8], from: Int, tagStart: Bool) -> Int? {
        var i = from
        while i + name.count < b.count {
            if b[i] == name[0], b[i..<(i + name.count)].elementsEqual(name), let lt = tagOpening(b, before: i),
               (b[lt + 1] == 0x2F) != tagStart {
                let after = b[i + name.count]
                if after == 0x3E || after == 0x20 || after == 0x2F || after == 0x09 || after == 0x0A || after == 0x0D { return i }
            }
            i += 1
        }
        return nil
    }

    /// The `<` that opens the tag whose name starts at `i` (`<name`, `</name`, `<p:name`, `</p:name`).
    static func tagOpening(_ b: [UInt8], before i: Int) -> Int? {
        var j = i - 1
        if j >= 0, b[j] == 0x3A {   // a prefix
            j -= 1
            while j >= 0, b[j] != 0x3C, b[j] != 0x2F, b[j] != 0x3E, b[j] > 0x20 { j -= 1 }
        }
        if j >= 0, b[j] == 0x2F { j -= 1 }
        return j >= 0 && b[j] == 0x3C ? j : nil
    }

    /// Just past the first `</row>` (or `</p:row>`) end tag at or after `from`, within `limit`.
    static func afterRowEnd(_ b: [UInt8], from: Int, limit: Int) -> Int? {
        let name = Array("row".utf8)
        var i = from
        while let at = find(name, in: b, from: i, tagStart: false), at < limit {
            if let gt = b[at...].firstIndex(of: 0x3E), gt < limit { return gt + 1 }
            i = at + 1
        }
        return nil
    }
}

internal import CZlib

/// The members of a ZIP archive — what an `.xlsx` spreadsheet is — read from its central
/// directory, stored or deflated (zlib's raw inflate). Untrusted input: every offset and size is
/// checked against the archive, and a member is never inflated past the size its directory
/// declares nor past the caller's limit (a ZIP bomb stops there).
public struct ZipArchive: Sendable {
    public enum Failure: Error, Sendable, Hashable, CustomStringConvertible {
        case notZip
        case corrupt(String)
        case unsupported(String)
        case tooLarge(member: String, limit: Int)

        public var description: String {
            switch self {
            case .notZip: "not a ZIP archive (an .xlsx file is one)"
            case .corrupt(let why): "damaged ZIP archive: \(why)"
            case .unsupported(let what): "unsupported ZIP archive: \(what)"
            case .tooLarge(let member, let limit): "'\(member.prefix(60))' unpacks to more than \(limit >> 20) MB"
            }
        }
    }

    struct Member: Sendable {
        var method: Int
        var compressedSize: Int
        var size: Int
        var localHeader: Int
    }

    private let bytes: [UInt8]
    private let members: [String: Member]

    /// The member names, as the archive lists them.
    public var names: [String] { members.keys.sorted() }

    public init(_ bytes: [UInt8]) throws(Failure) {
        self.bytes = bytes
        // The end-of-central-directory record: the last signature within its 22 bytes plus a
        // comment of at most 65,535.
        guard bytes.count >= 22 else { throw .notZip }
        var end = -1
        var i = bytes.count - 22
        while i >= max(0, bytes.count - 22 - 65_535) {
            if Self.u32(bytes, i) == 0x0605_4B50 { end = i; break }
            i -= 1
        }
        guard end >= 0 else { throw .notZip }
        let count = Self.u16(bytes, end + 10)
        let directorySize = Self.u32(bytes, end + 12), directoryOffset = Self.u32(bytes, end + 16)
        if count == 0xFFFF || directoryOffset == 0xFFFF_FFFF { throw .unsupported("ZIP64 (over 4 GB or 65,535 members)") }
        guard directoryOffset + directorySize <= end else { throw .corrupt("central directory outside the archive") }
        var members: [String: Member] = [:]
        var p = directoryOffset
        for _ in 0..<count {
            guard p + 46 <= end, Self.u32(bytes, p) == 0x0201_4B50 else { throw .corrupt("central directory entry at \(p)") }
            let flags = Self.u16(bytes, p + 8)
            let nameLength = Self.u16(bytes, p + 28), extraLength = Self.u16(bytes, p + 30), commentLength = Self.u16(bytes, p + 32)
            guard p + 46 + nameLength <= end else { throw .corrupt("entry name past the directory") }
            let name = String(decoding: bytes[(p + 46)..<(p + 46 + nameLength)], as: UTF8.self)
            if flags & 1 != 0 { throw .unsupported("'\(name.prefix(60))' is encrypted") }
            members[name] = Member(method: Self.u16(bytes, p + 10), compressedSize: Self.u32(bytes, p + 20),
                                   size: Self.u32(bytes, p + 24), localHeader: Self.u32(bytes, p + 42))
            p += 46 + nameLength + extraLength + commentLength
        }
        self.members = members
    }

    /// The member's bytes, nil when the archive has no such member.
    public func data(_ name: String, limit: Int) throws(Failure) -> [UInt8]? {
        guard let m = members[name] else { return nil }
        guard m.size <= limit else { throw .tooLarge(member: name, limit: limit) }
        let h = m.localHeader
        guard h + 30 <= bytes.count, Self.u32(bytes, h) == 0x0403_4B50 else { throw .corrupt("local header of '\(name.prefix(60))'") }
        let start = h + 30 + Self.u16(bytes, h + 26) + Self.u16(bytes, h + 28)
        guard start + m.compressedSize <= bytes.count else { throw .corrupt("'\(name.prefix(60))' runs past the archive") }
        switch m.method {
        case 0:
            guard m.compressedSize == m.size else { throw .corrupt("stored '\(name.prefix(60))' changes size") }
            return Array(bytes[start..<(start + m.size)])
        case 8:
            return try Self.inflate(bytes, start..<(start + m.compressedSize), size: m.size, name: name)
        default:
            throw .unsupported("'\(name.prefix(60))' is compressed with method \(m.method)")
        }
    }

    /// Raw DEFLATE into exactly `size` bytes: a stream that ends early, or would go on past them
    /// (it is given one byte more to show it), is damaged.
    static func inflate(_ bytes: [UInt8], _ range: Range<Int>, size: Int, name: String) throws(Failure) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: size + 1)
        var stream = z_stream()
        guard outcry_inflate_init_raw(&stream) == Z_OK else { throw .corrupt("inflate could not start") }
        defer { inflateEnd(&stream) }
        let status: Int32 = bytes.withUnsafeBufferPointer { input in
            out.withUnsafeMutableBufferPointer { output in
                stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress! + range.lowerBound)
                stream.avail_in = UInt32(range.count)
                stream.next_out = output.baseAddress
                stream.avail_out = UInt32(size + 1)
                var status = Z_OK
                while status == Z_OK, stream.avail_out > 0 { status = CZlib.inflate(&stream, Z_NO_FLUSH) }
                return status
            }
        }
        guard status == Z_STREAM_END, Int(stream.total_out) == size else {
            throw .corrupt("'\(name.prefix(60))' does not unpack to its \(size) bytes")
        }
        out.removeLast()
        return out
    }

    static func u16(_ b: [UInt8], _ i: Int) -> Int { Int(b[i]) | Int(b[i + 1]) << 8 }
    static func u32(_ b: [UInt8], _ i: Int) -> Int { u16(b, i) | u16(b, i + 2) << 16 }
}

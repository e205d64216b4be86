/// The Unicode encoding a byte-order mark at the start of a document names, as feedparser reads
/// marks: UTF-32 before UTF-16 (whose little-endian mark begins UTF-32's), and a UTF-16 mark
/// followed by two zero bytes is not taken as one.
public enum ByteOrderMark {
    /// The encoding (`utf-8`, `utf-16le`, `utf-16be`, `utf-32le`, `utf-32be`) and the mark's length.
    public static func detect(_ b: [UInt8]) -> (encoding: String, length: Int)? {
        let zeroPairFollows = b.count >= 4 && b[2] == 0 && b[3] == 0
        if b.starts(with: [0x00, 0x00, 0xFE, 0xFF]) { return ("utf-32be", 4) }
        if b.starts(with: [0xFF, 0xFE, 0x00, 0x00]) { return ("utf-32le", 4) }
        if b.starts(with: [0xFE, 0xFF]), !zeroPairFollows { return ("utf-16be", 2) }
        if b.starts(with: [0xFF, 0xFE]), !zeroPairFollows { return ("utf-16le", 2) }
        if b.starts(with: [0xEF, 0xBB, 0xBF]) { return ("utf-8", 3) }
        return nil
    }
}

import OutcryCore

/// Decodes a text file a person exported or saved — a helpdesk's CSV, a spreadsheet's "Unicode
/// text" — whose encoding nothing declares.
///
/// Helpdesk exports are UTF-8, but they are often opened and saved again in a spreadsheet on the
/// way: Excel on a Chinese Windows saves CSV as GBK, on a Taiwanese one as Big5, on a Western one
/// as windows-1252, and its "Unicode text" as UTF-16 with a byte-order mark. Read as UTF-8, such a
/// file loses its Chinese text and its headers stop matching. The decoder takes, in order: a
/// byte-order mark, the encoding the user names, UTF-16 written without a mark, UTF-8 when the
/// bytes are valid UTF-8, the legacy encoding the text reads as (``LegacyEncodingGuess``, as
/// chardet guesses), and windows-1252 — and says which it used, so a wrong guess shows.
public enum ExportEncoding {
    public struct Decoded: Sendable, Hashable {
        /// The text as UTF-8 (a UTF-8 file's own bytes, not a copy: exports run to gigabytes).
        public var utf8: [UInt8]
        /// The encoding used, lower-case (`utf-8`, `utf-16le`, `gb18030`, `big5`, `windows-1252`).
        public var encoding: String

        public var text: String { String(decoding: utf8, as: UTF8.self) }
    }

    public enum Failure: Error, Sendable, Hashable, CustomStringConvertible {
        /// No decoder of that name.
        case unknownEncoding(String)
        /// The bytes are not text in the named encoding; `line` is the first line that is not
        /// (nil for an encoding whose lines cannot be told apart bytewise, such as UTF-16).
        case invalid(encoding: String, line: Int?)
        /// Not UTF-8, and no encoding guessed decodes it.
        case unrecognised

        public var description: String {
            switch self {
            case .unknownEncoding(let name): "unknown encoding '\(name.prefix(40))'"
            case .invalid(let encoding, _): "not valid \(encoding) text"
            case .unrecognised: "not UTF-8 text, and its encoding could not be recognised; name it with --encoding (gb18030, big5, windows-1252 …)"
            }
        }

        public var line: Int? {
            if case .invalid(_, let line) = self { return line }
            return nil
        }
    }

    /// The text of `bytes`; `declared` is the encoding the user named (any label Python knows).
    public static func decode(_ bytes: [UInt8], declared: String? = nil) throws(Failure) -> Decoded {
        if let (name, length) = ByteOrderMark.detect(bytes) {
            return try decode(Array(bytes.dropFirst(length)), as: name)
        }
        if let declared {
            return try decode(bytes, as: declared)
        }
        // Before UTF-8: UTF-16 of ASCII text is valid UTF-8 too, with a NUL in every other byte.
        if let name = unmarkedUTF16(bytes), let decoded = try? decode(bytes, as: name) { return decoded }
        if UTF8Validation.isValid(bytes) { return Decoded(utf8: bytes, encoding: "utf-8") }
        let guess = LegacyEncodingGuess.guess(bytes).map { $0 == "GB2312" ? "gb18030" : $0.lowercased() }
        for name in [guess, "windows-1252"].compactMap({ $0 }) {
            if let decoded = try? decode(bytes, as: name) { return decoded }
        }
        throw .unrecognised
    }

    /// Strictly decodes `bytes` in the encoding `name` labels.
    static func decode(_ bytes: [UInt8], as name: String) throws(Failure) -> Decoded {
        guard let charset = CharsetRegistry.resolve(name) else { throw .unknownEncoding(name) }
        let label = name.lowercased()
        guard let utf8 = CharsetRegistry.utf8(bytes, as: charset, lenient: false) else {
            throw .invalid(encoding: label, line: label.hasPrefix("utf-16") || label.hasPrefix("utf-32") ? nil : firstBadLine(bytes, charset))
        }
        return Decoded(utf8: utf8, encoding: label)
    }

    /// UTF-16 without a mark: text that is mostly ASCII (headers, numbers, dates, Latin
    /// letters) has a zero byte in one of every two positions, which no 8-bit encoding writes.
    static func unmarkedUTF16(_ b: [UInt8]) -> String? {
        let sample = b.prefix(4096)
        guard sample.count >= 8, sample.count % 2 == 0 else { return nil }
        var evenZeros = 0, oddZeros = 0
        for (i, byte) in sample.enumerated() where byte == 0 {
            if i % 2 == 0 { evenZeros += 1 } else { oddZeros += 1 }
        }
        let pairs = sample.count / 2
        if oddZeros * 3 >= pairs, evenZeros * 10 < oddZeros { return "utf-16le" }
        if evenZeros * 3 >= pairs, oddZeros * 10 < evenZeros { return "utf-16be" }
        return nil
    }

    /// The first line (1-based) that does not decode on its own; line feeds are ASCII in every
    /// encoding this is asked of.
    static func firstBadLine(_ bytes: [UInt8], _ charset: Charset) -> Int? {
        for (i, line) in bytes.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated()
        where CharsetRegistry.utf8(Array(line), as: charset, lenient: false) == nil {
            return i + 1
        }
        return nil
    }
}

import Foundation

/// RFC 4180 CSV: quoted fields with doubled quotes and line breaks inside, CRLF or LF — or, in a
/// file without a single LF, CR (classic Mac OS line ends, which Excel for Mac wrote and Python's
/// csv module reads; a stray CR in a field of an LF file stays text) —, a UTF-8 BOM skipped, and
/// the delimiter a spreadsheet chose (``delimiter(of:)``). Helpdesk exports are made by
/// spreadsheets, so a record may span lines; each record keeps the line it starts on for error
/// messages.
public enum CSVReader {
    public struct Record: Sendable, Hashable {
        public var line: Int
        public var fields: [String]

        public init(line: Int, fields: [String]) {
            self.line = line
            self.fields = fields
        }
    }

    /// The delimiter of the first record: a comma, or a tab or semicolon when the header holds
    /// more of those outside quotes — Excel's "Unicode text" is tab-separated, and where the
    /// decimal mark is a comma its CSV is separated by semicolons.
    public static func delimiter(of bytes: [UInt8]) -> UInt8 {
        var counts: [UInt8: Int] = [:]
        var quoted = false
        for b in bytes {
            if b == UInt8(ascii: "\"") { quoted.toggle() }
            if quoted { continue }
            if b == 0x0A || b == 0x0D { break }
            if b == UInt8(ascii: ",") || b == 0x09 || b == UInt8(ascii: ";") { counts[b, default: 0] += 1 }
        }
        let comma = counts[UInt8(ascii: ","), default: 0]
        let other = [0x09, UInt8(ascii: ";")].max { counts[$0, default: 0] < counts[$1, default: 0] }!
        return counts[other, default: 0] > comma ? other : UInt8(ascii: ",")
    }

    /// All records of `bytes`, or an error naming the line of an unterminated quote.
    public static func records(_ bytes: [UInt8], file: String, delimiter: UInt8 = UInt8(ascii: ",")) throws -> [Record] {
        var out: [Record] = []
        try forEachRecord(bytes, file: file, delimiter: delimiter) { out.append($0); return true }
        return out
    }

    /// The records of `bytes` one at a time, until `body` returns false: a large export's rows
    /// need not all be held at once. An unterminated quote is an error once reached.
    public static func forEachRecord(_ bytes: [UInt8], file: String, delimiter: UInt8 = UInt8(ascii: ","),
                                     _ body: (Record) throws -> Bool) throws {
        var stopped = false
        var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var line = 1
        var fields: [String] = []
        var field: [UInt8] = []
        var recordLine = 1
        var quoted = false, quoteLine = 0
        var sawAnything = false
        let lineEnd = lineEnd(of: bytes)
        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
        }
        func endRecord() throws {
            endField()
            if sawAnything { stopped = try !body(Record(line: recordLine, fields: fields)) }
            fields = []
            sawAnything = false
        }
        while i < bytes.count, !stopped {
            let b = bytes[i]
            if quoted {
                if b == UInt8(ascii: "\"") {
                    if i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "\"") {
                        field.append(b)
                        i += 2
                        continue
                    }
                    quoted = false
                } else {
                    if b == lineEnd { line += 1 }
                    field.append(b)
                }
                i += 1
                continue
            }
            switch b {
            case UInt8(ascii: "\""):
                quoted = true
                quoteLine = line
                sawAnything = true
            case delimiter:
                endField()
                sawAnything = true
            case 0x0D where i + 1 < bytes.count && bytes[i + 1] == 0x0A:
                break
            case lineEnd:
                try endRecord()
                line += 1
                recordLine = line
            default:
                field.append(b)
                sawAnything = true
            }
            i += 1
        }
        if stopped { return }
        if quoted { throw InputError(file: file, line: quoteLine, "a quoted field is never closed") }
        if sawAnything || !fields.isEmpty { try endRecord() }
    }

    /// The byte that ends lines: LF, or CR for a file that holds CRs and not one LF.
    public static func lineEnd(of bytes: [UInt8]) -> UInt8 {
        func holds(_ byte: UInt8) -> Bool { bytes.withUnsafeBufferPointer { $0.baseAddress.map { memchr($0, Int32(byte), bytes.count) != nil } ?? false } }
        return holds(0x0A) || !holds(0x0D) ? 0x0A : 0x0D
    }
}

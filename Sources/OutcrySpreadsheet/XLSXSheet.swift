import OutcryXML

/// The worksheets of an `.xlsx` workbook as rows of cells — what helpdesks (and Chinese
/// ones by default) export, and what a spreadsheet saves. Cells are read as the sheet shows
/// them where it matters to an import: shared and inline strings as text, dates and times
/// (numbers with a date format, in the workbook's 1900 or 1904 system) as wall time, other
/// numbers as written, booleans as TRUE/FALSE. Each row keeps its row number, so errors name
/// the line a person sees in the spreadsheet.
///
/// No Foundation here: this module sees libxml2's headers through OutcryXML, and those clash
/// with Foundation's ICU (PLATFORM.md).
public enum XLSXSheet {
    public struct Row: Sendable, Hashable {
        public var number: Int
        public var cells: [Cell]
    }

    public enum Cell: Sendable, Hashable {
        case text(String)
        /// A date and time as the sheet shows it, with no zone: days from 1970-01-01 and the
        /// second of that day.
        case wallTime(days: Int, second: Int)

        public static let empty = Cell.text("")
    }

    public enum Failure: Error, Sendable, Hashable, CustomStringConvertible {
        case archive(ZipArchive.Failure)
        case missing(String)
        case xml(part: String, String)

        public var description: String {
            switch self {
            case .archive(let f): f.description
            case .missing(let part): "not a spreadsheet: no \(part)"
            case .xml(let part, let why): "\(part): \(why)"
            }
        }
    }

    /// Largest part unpacked (a worksheet of a few hundred thousand tickets is well below it).
    public static let maxPartBytes = 1 << 30

    /// The rows of the workbook's first sheet, its XML parsed `chunkBytes` of rows at a time.
    public static func rows(_ bytes: [UInt8], chunkBytes: Int = 4 << 20) throws(Failure) -> [Row] {
        try Workbook(bytes).rows(ofSheet: 0, chunkBytes: chunkBytes)
    }

    /// A workbook's sheets by name, and the parts every sheet's cells are read with (shared
    /// strings, date styles, the date system). A helpdesk may put a summary sheet before the
    /// tickets: each sheet is unpacked and parsed only when its rows are asked for.
    public struct Workbook {
        /// The sheets' names, in the workbook's order (the tabs a person sees).
        public let sheetNames: [String]
        private let sheetPaths: [String]
        private let zip: ZipArchive
        private let strings: [String]
        private let dates: [Bool]
        private let date1904: Bool

        public init(_ bytes: [UInt8]) throws(Failure) {
            let zip: ZipArchive
            do { zip = try ZipArchive(bytes) } catch { throw .archive(error) }
            func part(_ name: String) throws(Failure) -> XMLElement? { try Self.part(name, of: zip) }
            let workbook = try part("xl/workbook.xml")
            let sheets = workbook?.first("sheets")?.all("sheet") ?? []
            let relations = try part("xl/_rels/workbook.xml.rels")
            sheetNames = sheets.isEmpty ? ["Sheet1"] : sheets.enumerated().map { $0.element.attribute("name") ?? "Sheet\($0.offset + 1)" }
            sheetPaths = sheets.isEmpty ? [XLSXSheet.sheetPath(id: nil, relations: relations, position: 0)]
                : sheets.enumerated().map { XLSXSheet.sheetPath(id: $0.element.attributes.first { $0.name == "id" }?.value, relations: relations, position: $0.offset) }
            strings = try part("xl/sharedStrings.xml").map(sharedStrings) ?? []
            dates = try part("xl/styles.xml").map(dateStyles) ?? []
            date1904 = workbook?.first("workbookPr").flatMap { $0.attribute("date1904") }.map { $0 == "1" || $0 == "true" } ?? false
            self.zip = zip
        }

        /// The rows of sheet `index` (0: the first), its XML parsed `chunkBytes` of rows at a time.
        public func rows(ofSheet index: Int, chunkBytes: Int = 4 << 20) throws(Failure) -> [Row] {
            let path = sheetPaths[index]
            guard let sheet = try Self.data(path, of: zip) else { throw .missing(path) }
            var rows: [Row] = []
            for piece in SheetChunks(sheet, target: chunkBytes) {
                for row in try Self.parse(piece, path).first("sheetData")?.all("row") ?? [] {
                    rows.append(XLSXSheet.row(row, after: rows.last?.number ?? 0, strings: strings, dates: dates, date1904: date1904))
                }
            }
            return rows
        }

        private static func data(_ name: String, of zip: ZipArchive) throws(Failure) -> [UInt8]? {
            do { return try zip.data(name, limit: maxPartBytes) } catch { throw .archive(error) }
        }

        private static func parse(_ data: [UInt8], _ name: String) throws(Failure) -> XMLElement {
            do { return try XMLParser.parse(data, maxBytes: maxPartBytes).root } catch { throw .xml(part: name, error.description) }
        }

        private static func part(_ name: String, of zip: ZipArchive) throws(Failure) -> XMLElement? {
            try data(name, of: zip).map { d throws(Failure) in try parse(d, name) }
        }
    }

    /// One `<row>`'s cells, at their columns; `previous` numbers a row that does not say its own.
    static func row(_ row: XMLElement, after previous: Int, strings: [String], dates: [Bool], date1904: Bool) -> Row {
        let number = row.attribute("r").flatMap { Int($0) } ?? previous + 1
        var cells: [Cell] = []
        for c in row.all("c") {
            let column = c.attribute("r").flatMap(columnIndex) ?? cells.count
            guard column < 16_384 else { continue }   // Excel's last column is XFD
            while cells.count < column { cells.append(.empty) }
            let style = c.attribute("s").flatMap { Int($0) } ?? 0
            let value = cell(c, strings: strings, isDate: style < dates.count && dates[style], date1904: date1904)
            if column < cells.count { cells[column] = value } else { cells.append(value) }
        }
        while cells.last == .empty { cells.removeLast() }
        return Row(number: number, cells: cells)
    }

    /// A sheet's part, through the workbook's relationships; `sheetN.xml` by its position when
    /// they do not say.
    static func sheetPath(id: String?, relations: XMLElement?, position: Int) -> String {
        guard let id, let target = relations?.all("Relationship").first(where: { $0.attribute("Id") == id })?.attribute("Target") else {
            return "xl/worksheets/sheet\(position + 1).xml"
        }
        return target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
    }

    /// Each shared string's text: its `t`, or its rich-text runs' — not the phonetic guides (`rPh`).
    static func sharedStrings(_ root: XMLElement) -> [String] {
        root.all("si").map(richText)
    }

    static func richText(_ e: XMLElement) -> String {
        if let t = e.first("t") { return t.text }
        return e.all("r").map { $0.first("t")?.text ?? "" }.joined()
    }

    /// Whether each cell style (`cellXfs`, by index) formats a number as a date or time.
    static func dateStyles(_ root: XMLElement) -> [Bool] {
        var custom: [Int: String] = [:]
        for f in root.first("numFmts")?.all("numFmt") ?? [] {
            if let id = f.attribute("numFmtId").flatMap({ Int($0) }) { custom[id] = f.attribute("formatCode") ?? "" }
        }
        return (root.first("cellXfs")?.all("xf") ?? []).map { xf in
            guard let id = xf.attribute("numFmtId").flatMap({ Int($0) }) else { return false }
            if let code = custom[id] { return isDateFormat(code) }
            // Built-in date and time formats, with the East Asian ones (27–36, 50–58: 2018年3月7日 …).
            return (14...22).contains(id) || (45...47).contains(id) || (27...36).contains(id) || (50...58).contains(id)
        }
    }

    /// A format code that shows a date or time: a y, d, h or s (or m with one of them) outside
    /// quoted text, escapes and `[…]` colour and locale sections.
    static func isDateFormat(_ code: String) -> Bool {
        var quoted = false, bracket = false, escaped = false
        var letters = Set<Character>()
        for ch in code.lowercased() {
            if escaped { escaped = false; continue }
            switch ch {
            case "\\": escaped = true
            case "\"": quoted.toggle()
            case "[" where !quoted: bracket = true
            case "]" where !quoted: bracket = false
            default: if !quoted, !bracket { letters.insert(ch) }
            }
        }
        return !letters.isDisjoint(with: ["y", "d", "h", "s"]) || (letters.contains("m") && !letters.contains("0") && !letters.contains("#"))
    }

    static func cell(_ c: XMLElement, strings: [String], isDate: Bool, date1904: Bool) -> Cell {
        let v = c.first("v")?.text ?? ""
        switch c.attribute("t") ?? "n" {
        case "s": return .text(Int(v).flatMap { $0 >= 0 && $0 < strings.count ? strings[$0] : nil } ?? "")
        case "inlineStr": return .text(c.first("is").map(richText) ?? "")
        case "b": return .text(v == "1" ? "TRUE" : "FALSE")
        case "n": return isDate ? (Double(v).flatMap { wallTime($0, date1904: date1904) } ?? .text(v)) : .text(v)
        default: return .text(v)   // str (a formula's text), e (an error), d (an ISO date)
        }
    }

    /// An Excel serial date (days since 1899-12-30 in the 1900 system, its phantom 1900-02-29
    /// included; since 1904-01-01 in the other) as wall time, seconds rounded.
    static func wallTime(_ serial: Double, date1904: Bool) -> Cell? {
        guard serial.isFinite, serial >= 0, serial < 2_958_466 else { return nil }   // up to 9999-12-31
        let seconds = Int((serial * 86_400).rounded())
        let epoch = date1904 ? -24_107 : -25_569   // the system's day 0, counted from 1970-01-01
        return .wallTime(days: epoch + seconds / 86_400, second: seconds % 86_400)
    }

    /// `A` → 0, `Z` → 25, `AA` → 26 … from a cell reference (`B3`).
    static func columnIndex(_ reference: String) -> Int? {
        var n = 0, letters = 0
        for u in reference.utf8 {
            guard (0x41...0x5A).contains(u) || (0x61...0x7A).contains(u) else { break }
            n = n * 26 + Int((u | 0x20) - 0x61) + 1
            letters += 1
            if letters > 3 { return nil }
        }
        return letters == 0 ? nil : n - 1
    }
}

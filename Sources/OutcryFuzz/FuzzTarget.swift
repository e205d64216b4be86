import Foundation
import OutcryCharsets
import OutcryCore
import OutcryFeeds
import OutcryLinking
import OutcrySpreadsheet

/// One fuzz target per parser. Each check must return normally for any input: a crash, a
/// sanitizer report or a failed invariant is a bug.
enum FuzzTarget: String, CaseIterable {
    /// Any bytes through format detection, encoding detection, libxml2 and every feed parser;
    /// whatever parses must adapt to posts and to feedparser-style JSON.
    case feedParser = "feed-parser"
    /// The sanitizer must terminate and leave no script element outside comments.
    case htmlSanitizer = "html-sanitizer"
    /// Every date form — feeds', helpdesk exports' in each order, UTC offsets —; a parsed date
    /// must be finite, an offset within −12:00…+14:00.
    case feedDate = "feed-date"
    /// Post/Ticket JSONL lines: a record or an `InputError`, never a crash.
    case postLine = "post-line"
    /// A helpdesk export in any bytes: its encoding recognised (or a `Failure`), its delimiter
    /// found and its records read (or an `InputError` naming a line of the file).
    case exportCSV = "export-csv"
    /// An `.xlsx` export in any bytes: ZIP directory, inflate, XML parts and cells read, or a
    /// `Failure` — never a crash, an overrun or an unbounded inflate.
    case xlsx = "xlsx"

    func check(_ data: Data) {
        switch self {
        case .feedParser:
            guard let feed = try? FeedParser.parse(data, source: "fuzz", contentType: nil, baseURL: "http://fuzz.example/") else { return }
            _ = FeedPostAdapter.posts(from: feed, source: "fuzz")
            _ = FeedJSON.utf8(feed)
        case .htmlSanitizer:
            let once = HTMLSanitizer.sanitize(String(decoding: data, as: UTF8.self))
            // Comments are kept (as feedparser keeps them); outside them no script element may survive.
            let outside = once.replacingOccurrences(of: "<!--[\\s\\S]*?-->", with: "", options: .regularExpression)
            precondition(!outside.lowercased().contains("<script"), "script survived sanitizing: \(once.debugDescription.prefix(300))")
            _ = HTMLText.plain(once)
        case .feedDate:
            let text = String(decoding: data, as: UTF8.self)
            if let d = FeedDate.parse(text) { precondition(d.timeIntervalSince1970.isFinite) }
            // A helpdesk export's date, in each order and none, and as a column's evidence.
            for order in [nil] + ExportDate.Order.allCases.map(Optional.some) {
                if case .date(let d) = ExportDate.read(text, utcOffset: 8 * 3600, order: order) { precondition(d.timeIntervalSince1970.isFinite) }
            }
            _ = ExportDate.order(evidence: text)
            if let offset = UTCOffset.parse(text) { precondition((-12 * 3600...14 * 3600).contains(offset)) }
        case .postLine:
            for (n, line) in JSONLines.lines(of: data) {
                if let f = try? JSONFields.parseLine(line, file: "fuzz", line: n) {
                    _ = try? Post(fields: f)
                    _ = try? Ticket(fields: f)
                }
            }
        case .exportCSV:
            guard let decoded = try? ExportEncoding.decode(Array(data)) else { return }
            let utf8 = decoded.utf8
            do {
                let records = try CSVReader.records(utf8, file: "fuzz", delimiter: CSVReader.delimiter(of: utf8))
                let end = CSVReader.lineEnd(of: utf8)
                let lines = utf8.reduce(1) { $0 + ($1 == end ? 1 : 0) }
                precondition(records.allSatisfy { (1...lines).contains($0.line) }, "a record's line is outside the file")
            } catch let error as InputError {
                precondition(error.line.map { (1...).contains($0) } ?? true, "an error names line \(String(describing: error.line))")
            } catch {
                preconditionFailure("CSVReader threw \(error)")
            }
        case .xlsx:
            // Every sheet the workbook names, in small pieces: the cuts are fuzzed too.
            if let book = try? XLSXSheet.Workbook(Array(data)) {
                precondition(!book.sheetNames.isEmpty, "a workbook without a sheet")
                for index in book.sheetNames.indices {
                    if let rows = try? book.rows(ofSheet: index, chunkBytes: 97) {
                        precondition(rows.allSatisfy { $0.cells.count <= 16_384 }, "a row past Excel's last column")
                    }
                }
            }
        }
    }

    /// The target named by `OUTCRY_FUZZ_TARGET`.
    static var selected: FuzzTarget {
        let name = ProcessInfo.processInfo.environment["OUTCRY_FUZZ_TARGET"] ?? ""
        guard let t = FuzzTarget(rawValue: name) else {
            FileHandle.standardError.write(Data("OUTCRY_FUZZ_TARGET must be one of: \(allCases.map(\.rawValue).joined(separator: ", "))\n".utf8))
            exit(2)
        }
        return t
    }
}

import OutcryCharsets
import OutcryCore

/// A file of support tickets and how to read it: Ticket JSONL, a helpdesk's CSV or `.xlsx`
/// export, or a Zendesk incremental export. `tickets import`, `run`'s configured ticket files and `replay`'s
/// `--tickets` all read through this, so an export that imports also runs.
public struct TicketFile: Sendable, Equatable {
    public enum Format: String, Sendable, CaseIterable {
        case jsonl, csv, xlsx, zendesk

        /// Read by column headers (``TicketCSV``): a CSV file or a spreadsheet's first sheet.
        public var isTable: Bool { self == .csv || self == .xlsx }
    }

    public var path: String
    public var format: Format
    /// CSV and .xlsx: `field: Column Header` for columns the usual headers do not name.
    public var columns: [String: String] = [:]
    /// CSV and .xlsx: seconds east of UTC of times written without a zone.
    public var utcOffset = 0
    /// CSV: the encoding, when it is not UTF-8 and not recognised.
    public var encoding: String?
    /// CSV and .xlsx: day or month first in numeric dates, when no date of the file shows it.
    public var dateOrder: ExportDate.Order?
    /// .xlsx: the sheet holding the tickets, by name or number from 1 (default: the first
    /// whose header names the ticket fields).
    public var sheet: String?
    /// Zendesk: the custom field holding the order number (default: `external_id`).
    public var orderField: String?

    /// A file in `format`, or the format its name suggests (``format(named:)``).
    public init(path: String, format: Format? = nil) {
        self.path = path
        self.format = format ?? Self.format(named: path)
    }

    /// The format a file name suggests: `.csv`, and `.tsv` or `.txt` as a spreadsheet saves
    /// tab-separated text, are CSV; `.xlsx` a spreadsheet; `.json` Zendesk's export; anything
    /// else Ticket JSONL.
    public static func format(named path: String) -> Format {
        let name = path.split(separator: "/").last ?? ""
        guard let dot = name.lastIndex(of: ".") else { return .jsonl }
        switch name[name.index(after: dot)...].lowercased() {
        case "csv", "tsv", "txt": return .csv
        case "xlsx": return .xlsx
        case "json": return .zendesk
        default: return .jsonl
        }
    }

    /// An option set for a format it does not apply to, named as the command line names it, and
    /// what it applies to (an error to report rather than ignore).
    public var misappliedOption: (option: String, appliesTo: String)? {
        if encoding != nil, format != .csv { return ("--encoding", "CSV exports (JSON and .xlsx say their own)") }
        if !columns.isEmpty, !format.isTable { return ("--columns", "CSV and .xlsx exports") }
        if dateOrder != nil, !format.isTable { return ("--date-order", "CSV and .xlsx exports") }
        if sheet != nil, format != .xlsx { return ("--sheet", ".xlsx exports") }
        return nil
    }

    /// Whether `name` names an encoding an export can be read in (a configuration is checked
    /// before it runs).
    public static func knowsEncoding(_ name: String) -> Bool { CharsetRegistry.resolve(name) != nil }

    /// The file's tickets, and the encoding a CSV export was read in when it was not UTF-8.
    public func read() throws -> (tickets: [Ticket], encoding: String?) {
        switch format {
        case .jsonl:
            return (try TicketReader.readJSONL(path: path), nil)
        case .csv:
            let export = try TicketCSV.read(path: path, columns: columns, utcOffset: utcOffset, encoding: encoding, dateOrder: dateOrder)
            return (export.tickets, export.encoding == "utf-8" ? nil : export.encoding)
        case .xlsx:
            return (try TicketCSV.readSpreadsheet(path: path, sheet: sheet, columns: columns, utcOffset: utcOffset, dateOrder: dateOrder), nil)
        case .zendesk:
            return (try ZendeskExport.read(path: path, orderField: orderField), nil)
        }
    }
}

import Foundation
import OutcryConfig
import OutcryCore
import OutcryLinking
import Yams

/// The `tickets:` list of `sources.yml`: files of support tickets read at start and on reload,
/// and merged again when one changes (``TicketFileWatch``).
/// An entry is a path, read in the format its name suggests (Ticket JSONL, a `.csv` export, a
/// Zendesk `.json` export, an `.xlsx` spreadsheet) with CSV times in the configuration's `timezone`, or a mapping that
/// says what `tickets import` takes as options:
///
///     tickets:
///       - tickets.jsonl
///       - file: exports/gongdan.csv
///         encoding: gb18030          # when not UTF-8 and not recognised
///         utc_offset: "+08:00"       # CSV times without a zone (default: timezone)
///         date_order: dmy            # numeric dates, when none of the file's shows it
///         columns: {id: 编号, body: 问题}
///       - file: exports/工单.xlsx
///         sheet: 工单明细              # default: the first sheet whose header names the ticket fields
///       - file: exports/zendesk.json
///         order_field: "360001"
enum TicketFilesSection {
    static func parse(_ m: [String: Node], _ y: YAMLConfig, timezone: Int, resolve: (String) -> String) throws -> [TicketFile] {
        guard let list = m["tickets"] else { return [] }
        guard let items = list.sequence else { throw y.fail(list, "tickets", "expected a list of files") }
        return try items.enumerated().map { i, item in
            let f = "tickets[\(i)]"
            if item.scalar != nil {
                guard let path = item.string, !path.isEmpty else { throw y.fail(item, f, "expected a file name") }
                var file = TicketFile(path: resolve(path))
                file.utcOffset = timezone
                return file
            }
            let e = try y.mapping(item, field: f, allowed: ["file", "format", "columns", "utc_offset", "encoding", "date_order", "order_field", "sheet"])
            func choice<T: RawRepresentable & CaseIterable>(_ key: String, _: T.Type) throws -> T? where T.RawValue == String {
                guard let text = try y.optionalString(e, key, field: f) else { return nil }
                guard let value = T(rawValue: text) else {
                    throw y.fail(e[key]!, "\(f).\(key)", "expected one of \(T.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                return value
            }
            var file = TicketFile(path: resolve(try y.string(e, "file", in: item, field: f)), format: try choice("format", TicketFile.Format.self))
            file.utcOffset = timezone
            if let tz = try y.optionalString(e, "utc_offset", field: f) {
                guard let parsed = UTCOffset.parse(tz) else { throw y.fail(e["utc_offset"]!, "\(f).utc_offset", UTCOffset.expected) }
                file.utcOffset = parsed
            }
            file.encoding = try y.optionalString(e, "encoding", field: f)
            if let name = file.encoding, !TicketFile.knowsEncoding(name) {
                throw y.fail(e["encoding"]!, "\(f).encoding", "unknown encoding '\(name.prefix(40))'")
            }
            file.dateOrder = try choice("date_order", ExportDate.Order.self)
            file.orderField = try y.optionalString(e, "order_field", field: f)
            file.sheet = try y.optionalString(e, "sheet", field: f)
            if let node = e["columns"] {
                let c = try y.mapping(node, field: "\(f).columns", allowed: Set(TicketCSV.fields))
                for (key, _) in c { file.columns[key] = try y.string(c, key, in: node, field: "\(f).columns") }
            }
            if let misapplied = file.misappliedOption {
                let key = String(misapplied.option.dropFirst(2)).replacingOccurrences(of: "-", with: "_")
                throw y.fail(item, "\(f).\(key)", "applies to \(misapplied.appliesTo), and \(file.path) is read as \(file.format.rawValue)")
            }
            return file
        }
    }
}

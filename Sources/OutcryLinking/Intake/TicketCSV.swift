import Foundation
import OutcryCharsets
import OutcryCore
import OutcrySpreadsheet
import OutcryText

/// Tickets from a helpdesk's CSV export. Columns are found by name: whatever a `field=Column
/// Header` mapping says (`id=Ticket ID,created_at=Opened`), else the Ticket format's own field
/// name, else the header the common helpdesks give that field (``headers``), so a Zendesk,
/// Freshdesk, Jira or Chinese 工单 export imports without a mapping. One row is one ticket; a
/// row whose id repeats an earlier one adds its text as a further customer message (exports
/// that list one message per row). A file saved again by a spreadsheet reads too: its encoding
/// (GBK, Big5, UTF-16 …) is recognised or named (``ExportEncoding``), and its delimiter (tab,
/// semicolon) found from the header.
public enum TicketCSV {
    /// The tickets of one export, and how it was read.
    public struct Export: Sendable {
        public var tickets: [Ticket]
        /// The encoding the file was decoded from (`utf-8`, `gb18030`, `utf-16le` …).
        public var encoding: String
    }

    /// The Ticket fields a column can fill.
    public static let fields = ["id", "created_at", "updated_at", "status", "channel", "customer", "order_id", "subject", "body"]

    /// Headers helpdesk exports use for each field (compared after folding — case, full width,
    /// Traditional to Simplified — so `工單編號` and `ＩＤ` match; first match wins): Zendesk,
    /// Freshdesk, Help Scout, Jira Service Management, and the Chinese column names of 工单
    /// exports, mainland and Taiwanese (主旨, 建立时间, 管道).
    public static let headers: [String: [String]] = [
        "id": ["ticket id", "ticket_id", "ticket #", "ticket number", "issue key", "key", "conversation id", "conversation #",
               "工单编号", "工单号", "工单id", "工单 id", "编号"],
        "created_at": ["created", "created at", "created time", "created date", "date created", "creation date", "opened", "submitted",
                       "创建时间", "提交时间", "创建日期", "建立时间", "建立日期"],
        "updated_at": ["updated", "updated at", "updated time", "last updated", "last updated time", "last update", "last modified",
                       "更新时间", "最后更新时间"],
        "status": ["ticket status", "state", "状态", "工单状态", "处理状态"],
        "channel": ["via", "source", "ticket source", "渠道", "来源", "管道", "工单来源", "来源渠道"],
        "customer": ["requester", "requester name", "requester email", "contact", "full name", "reporter", "customer name", "customer email", "email",
                     "客户", "客户名称", "顾客", "用户", "买家", "会员名", "联系人"],
        "order_id": ["order", "order id", "order number", "order no", "order #", "订单", "订单号", "订单编号"],
        "subject": ["title", "summary", "主题", "标题", "主旨", "工单标题", "问题标题"],
        "body": ["description", "content", "message", "comment", "details", "描述", "内容", "问题描述", "详情", "说明", "工单描述", "工单内容"],
    ]

    /// Parses `field=Header` pairs separated by commas.
    public static func mapping(_ spec: String?) throws -> [String: String] {
        var out: [String: String] = [:]
        for pair in (spec ?? "").split(separator: ",") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).trimmedWhitespace }
            guard parts.count == 2, !parts[1].isEmpty else { throw InputError(file: "--columns", "expected field=Column, got '\(pair)'") }
            guard fields.contains(parts[0]) else {
                throw InputError(file: "--columns", field: parts[0], "not a ticket field (one of \(fields.joined(separator: ", ")))")
            }
            out[parts[0]] = parts[1]
        }
        return out
    }

    /// Reads the file; `utcOffset` (seconds) applies to times written without an offset,
    /// `encoding` names the file's encoding when it is not UTF-8 and not recognised, and
    /// `dateOrder` the order of numeric short dates when none of the file's dates shows it.
    public static func read(path: String, columns: [String: String] = [:], utcOffset: Int = 0, encoding: String? = nil,
                            dateOrder: ExportDate.Order? = nil) throws -> Export {
        let (rows, encodingUsed) = try Self.rows(path: path, encoding: encoding)
        let tickets = try Self.tickets(rows, path: path, columns: columns, utcOffset: utcOffset, dateOrder: dateOrder,
                                       encoding: encodingUsed)
        return Export(tickets: tickets, encoding: encodingUsed)
    }

    /// The tickets of an `.xlsx` export (``XLSXSheet``), read as a CSV export's rows are; errors
    /// name the spreadsheet's row numbers. The sheet is `sheet` (its name, or its number from 1)
    /// when given, else the first whose header names the ticket fields: a workbook may open on
    /// a summary sheet and keep its tickets on the next.
    public static func readSpreadsheet(path: String, sheet: String? = nil, columns: [String: String] = [:], utcOffset: Int = 0,
                                       dateOrder: ExportDate.Order? = nil) throws -> [Ticket] {
        let book: XLSXSheet.Workbook
        let records: [CSVReader.Record]
        var found = true
        do {
            book = try XLSXSheet.Workbook(Array(try JSONLines.read(path)))
            func sheetRecords(_ index: Int) throws(XLSXSheet.Failure) -> [CSVReader.Record] {
                try book.rows(ofSheet: index).map { row in CSVReader.Record(line: row.number, fields: row.cells.map(Self.text)) }
            }
            if let sheet {
                records = try sheetRecords(try index(of: sheet, in: book, path: path))
            } else {
                // The first sheet with the ticket columns; else the first sheet, for its error.
                var chosen: [CSVReader.Record]?, first: [CSVReader.Record]?
                for index in book.sheetNames.indices where chosen == nil {
                    let rows = try sheetRecords(index)
                    if headerRow(rows, mapping: columns) != nil { chosen = rows } else { first = first ?? rows }
                }
                found = chosen != nil
                records = chosen ?? first ?? []
            }
        } catch let error as XLSXSheet.Failure {
            throw InputError(file: path, error.description)
        }
        do {
            return try tickets(.records(records), path: path, columns: columns, utcOffset: utcOffset, dateOrder: dateOrder, encoding: nil)
        } catch let error as InputError where !found && book.sheetNames.count > 1 {
            throw InputError(file: error.file, line: error.line, field: error.field,
                             error.message + "; no sheet has the ticket columns (its sheets: \(sheetList(book)); name one with --sheet)")
        }
    }

    /// The sheet a user named: by name (compared folded, as headers are), or by number from 1.
    static func index(of sheet: String, in book: XLSXSheet.Workbook, path: String) throws -> Int {
        let folded = Normalizer.shared.fold(sheet.trimmedWhitespace)
        if let index = book.sheetNames.firstIndex(where: { Normalizer.shared.fold($0) == folded }) { return index }
        if let number = Int(sheet), book.sheetNames.indices.contains(number - 1) { return number - 1 }
        throw InputError(file: path, field: "--sheet", "no sheet '\(sheet.prefix(40))' in the workbook (its sheets: \(sheetList(book)))")
    }

    static func sheetList(_ book: XLSXSheet.Workbook) -> String { book.sheetNames.map { "'\($0)'" }.joined(separator: ", ") }

    /// A cell as an export's text: a date as the sheet shows it, read later in the export's zone.
    static func text(_ cell: XLSXSheet.Cell) -> String {
        switch cell {
        case .text(let text): return text
        case .wallTime(let days, let second):
            let (y, m, d) = Timestamp.civilFromDays(days)
            func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
            return "\(y)-\(two(m))-\(two(d)) \(two(second / 3600)):\(two(second % 3600 / 60)):\(two(second % 60))"
        }
    }

    /// The required fields (`id`, `created_at`, `subject`).
    static let required = ["id", "created_at", "subject"]

    /// Which of the first rows is the header: the first naming every required field. Exports
    /// often put a title or the export's date above it ("工单导出 2018-03-18").
    static func headerRow(_ records: [CSVReader.Record], mapping: [String: String]) -> Int? {
        records.prefix(10).firstIndex { r in
            let columns = ExportColumns(header: r.fields, mapping: mapping)
            return required.allSatisfy(columns.has)
        }
    }

    /// A table's rows, walked as often as needed: a CSV export's are parsed from its text as
    /// they are read (a million tickets' rows are never all held), a sheet's were parsed whole.
    enum Rows {
        case records([CSVReader.Record])
        case csv(utf8: [UInt8], file: String, delimiter: UInt8)

        /// Each row in order, until `body` returns false.
        func forEach(_ body: (CSVReader.Record) throws -> Bool) throws {
            switch self {
            case .records(let records):
                for r in records where try !body(r) { return }
            case .csv(let utf8, let file, let delimiter):
                try CSVReader.forEachRecord(utf8, file: file, delimiter: delimiter, body)
            }
        }
    }

    /// Tickets from a table's rows under its header (``headerRow(_:mapping:)``); `encoding` is
    /// the one a CSV was read in, named when its headers match nothing.
    static func tickets(_ rows: Rows, path: String, columns: [String: String], utcOffset: Int,
                        dateOrder: ExportDate.Order?, encoding encodingUsed: String?) throws -> [Ticket] {
        var head: [CSVReader.Record] = []
        try rows.forEach { head.append($0); return head.count < 10 }
        guard !head.isEmpty else { throw InputError(file: path, "empty file") }
        let header = head[headerRow(head, mapping: columns) ?? 0]
        let columns = ExportColumns(header: header.fields, mapping: columns)
        for required in required where !columns.has(required) {
            // A header read in the wrong encoding matches nothing: say which one it was read in.
            let readAs = encodingUsed.map { $0 == "utf-8" ? "" : "; the file was read as \($0), name another with --encoding" } ?? ""
            throw InputError(file: path, line: header.line, field: columns.name(required), "no such column (map one with --columns \(required)=Header\(readAs))")
        }
        /// The rows under the header.
        func forEachTicketRow(_ body: (CSVReader.Record) throws -> Bool) throws {
            try rows.forEach { r in try r.line <= header.line || body(r) }
        }
        var dates = ExportDates(utcOffset: utcOffset, order: dateOrder) {
            // The first thousand dates, or all when they have not shown the order by then.
            var evidence = ExportDate.OrderEvidence()
            try? forEachTicketRow { r in
                for field in ["created_at", "updated_at"] { if let text = columns.cell(r, field) { evidence.add(text) } }
                return evidence.count < 1000 || evidence.order == nil
            }
            return evidence.order
        }
        var tickets: [Ticket] = []
        var position: [String: Int] = [:]
        try forEachTicketRow { record in
            func value(_ field: String) -> String? { columns.cell(record, field) }
            func fail(_ field: String, _ problem: String) -> InputError {
                InputError(file: path, line: record.line, field: columns.name(field), problem)
            }
            func date(_ field: String) throws -> Date? {
                guard let text = value(field) else { return nil }
                switch dates.read(text) {
                case .date(let d): return d
                case .ambiguous(let orders):
                    let could = orders.contains(.ymd) ? "year, day or month first" : "day or month first"
                    throw fail(field, "'\(text.prefix(40))' could be \(could), and no date in the file shows which: give --date-order \(orders.map(\.rawValue).joined(separator: " or "))")
                case .invalid: throw fail(field, "'\(text.prefix(40))' is not a date and time")
                }
            }
            guard let id = value("id") else { throw fail("id", "required field is missing") }
            guard let created = try date("created_at") else { throw fail("created_at", "required field is missing") }
            let body = value("body") ?? ""
            if let at = position[id] {
                // A further row of the same ticket: one more message.
                if !body.isEmpty { tickets[at].events.append(TicketEvent(at: created, actor: .customer, kind: .message, text: body)) }
                return true
            }
            var status = Ticket.Status.open
            if let s = value("status") {
                guard let parsed = TicketStatusNames.status(s) else { throw fail("status", "'\(s.prefix(40))' is not a ticket status") }
                status = parsed
            }
            position[id] = tickets.count
            tickets.append(Ticket(id: id, createdAt: created, updatedAt: try date("updated_at"), status: status,
                                  channel: value("channel").flatMap(TicketStatusNames.channel), customer: value("customer"),
                                  orderId: value("order_id"), subject: value("subject") ?? "", body: body))
            return true
        }
        return tickets
    }

    /// The file's rows, as UTF-8, and the encoding they were decoded from.
    static func rows(path: String, encoding: String?) throws -> (rows: Rows, encoding: String) {
        let decoded: ExportEncoding.Decoded
        do {
            decoded = try ExportEncoding.decode(Array(try JSONLines.read(path)), declared: encoding)
        } catch let error as ExportEncoding.Failure {
            throw InputError(file: path, line: error.line, field: encoding == nil ? nil : "--encoding", error.description)
        }
        return (.csv(utf8: decoded.utf8, file: path, delimiter: CSVReader.delimiter(of: decoded.utf8)), decoded.encoding)
    }
}

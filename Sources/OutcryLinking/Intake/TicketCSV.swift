import Foundation
import OutcryCore

/// Tickets from a helpdesk's CSV export. Columns are found by name: the Ticket format's own field
/// names by default, or whatever a `field=Column Header` mapping says (`id=Ticket ID,
/// created_at=Created`). One row is one ticket; a row whose id repeats an earlier one adds its
/// text as a further customer message (exports that list one message per row).
public enum TicketCSV {
    /// The Ticket fields a column can fill.
    public static let fields = ["id", "created_at", "updated_at", "status", "channel", "customer", "order_id", "subject", "body"]

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

    /// Reads the file; `utcOffset` (seconds) applies to times written without an offset.
    public static func read(path: String, columns: [String: String] = [:], utcOffset: Int = 0) throws -> [Ticket] {
        let records = try CSVReader.records(Array(try JSONLines.read(path)), file: path)
        guard let header = records.first else { throw InputError(file: path, "empty file") }
        var index: [String: Int] = [:]
        for (i, name) in header.fields.enumerated() { index[name.trimmedWhitespace.lowercased()] = i }
        func column(_ field: String) -> Int? { index[(columns[field] ?? field).lowercased()] }
        for required in ["id", "created_at", "subject"] where column(required) == nil {
            throw InputError(file: path, line: 1, field: columns[required] ?? required, "no such column (map one with --columns \(required)=Header)")
        }
        var tickets: [Ticket] = []
        var position: [String: Int] = [:]
        for record in records.dropFirst() {
            func value(_ field: String) -> String? {
                guard let c = column(field), c < record.fields.count else { return nil }
                let v = record.fields[c].trimmedWhitespace
                return v.isEmpty ? nil : v
            }
            func date(_ field: String) throws -> Date? {
                guard let text = value(field) else { return nil }
                guard let d = TicketDates.parse(text, utcOffset: utcOffset) else {
                    throw InputError(file: path, line: record.line, field: columns[field] ?? field, "'\(text.prefix(40))' is not a date and time")
                }
                return d
            }
            guard let id = value("id") else { throw InputError(file: path, line: record.line, field: columns["id"] ?? "id", "required field is missing") }
            guard let created = try date("created_at") else {
                throw InputError(file: path, line: record.line, field: columns["created_at"] ?? "created_at", "required field is missing")
            }
            let body = value("body") ?? ""
            if let at = position[id] {
                // A further row of the same ticket: one more message.
                if !body.isEmpty { tickets[at].events.append(TicketEvent(at: created, actor: .customer, kind: .message, text: body)) }
                continue
            }
            var status = Ticket.Status.open
            if let s = value("status") {
                guard let parsed = TicketStatusNames.status(s) else {
                    throw InputError(file: path, line: record.line, field: columns["status"] ?? "status", "'\(s.prefix(40))' is not a ticket status")
                }
                status = parsed
            }
            position[id] = tickets.count
            tickets.append(Ticket(id: id, createdAt: created, updatedAt: try date("updated_at"), status: status,
                                  channel: value("channel").flatMap(TicketStatusNames.channel), customer: value("customer"),
                                  orderId: value("order_id"), subject: value("subject") ?? "", body: body))
        }
        return tickets
    }
}

/// Times in exports: RFC 3339, or `2018-03-07 10:12[:00]` / `2018/03/07 10:12` in the export's
/// own time zone.
public enum TicketDates {
    public static func parse(_ text: String, utcOffset: Int) -> Date? {
        if let d = Timestamp.parse(text) { return d }
        let digits = text.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        guard digits.count >= 5, digits.count <= 6, (1970...2100).contains(digits[0]), (1...12).contains(digits[1]),
              (1...31).contains(digits[2]), (0...23).contains(digits[3]), (0...59).contains(digits[4]) else { return nil }
        let days = Timestamp.daysFromCivil(year: digits[0], month: digits[1], day: digits[2])
        let seconds = days * 86_400 + digits[3] * 3600 + digits[4] * 60 + (digits.count == 6 ? digits[5] : 0) - utcOffset
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }
}

/// The words helpdesks use for statuses and channels, onto the Ticket format's.
public enum TicketStatusNames {
    public static func status(_ s: String) -> Ticket.Status? {
        switch s.lowercased() {
        case "new", "open", "reopened", "待处理", "处理中": .open
        case "pending", "hold", "on-hold", "waiting", "等待中": .pending
        case "solved", "resolved", "已解决": .solved
        case "closed", "已关闭": .closed
        default: nil
        }
    }

    public static func channel(_ s: String) -> Ticket.Channel? {
        switch s.lowercased() {
        case "chat", "web_widget", "messaging", "im", "在线": .chat
        case "phone", "voice", "电话": .phone
        case "email", "mail", "web", "邮件": .email
        case "platform", "marketplace", "平台": .platform
        default: nil
        }
    }
}

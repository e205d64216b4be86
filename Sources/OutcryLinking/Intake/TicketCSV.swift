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

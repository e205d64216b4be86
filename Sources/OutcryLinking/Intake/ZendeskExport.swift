import Foundation
import OutcryCore

/// Tickets from Zendesk's incremental export (`/api/v2/incremental/tickets/cursor.json` pages:
/// `{"tickets": [...], "after_cursor", "end_of_stream"}`), with ticket audits (`{"audits":
/// [{ticket_id, author_id, created_at, events: [{type: "Comment"|"Change", body, field_name,
/// previous_value, value}]}]}`) in the same or another page. A file holds one page, or one page
/// per line.
///
/// Mapping: `new`/`open` → open, `pending`/`hold` → pending; `via.channel` web/email → email,
/// chat → chat, voice → phone; the order number from `external_id`, or from the custom field
/// named by `orderField`. Comments become messages (the requester's are the customer's), status
/// changes become status events, and a change of group or a tag containing "escalat" becomes
/// an escalation.
public enum ZendeskExport {
    public static func read(path: String, orderField: String? = nil) throws -> [Ticket] {
        let data = Array(try JSONLines.read(path))
        var pages: [(Int, JSONObject)] = []
        switch JSONValue.parse(data) {
        case .object(let o)?:
            pages = [(1, o)]
        case .array?:
            throw InputError(file: path, line: 1, "a JSON array, not a Zendesk export page: import Ticket objects one per line as JSONL (jq -c '.[]')")
        default:
            for (number, line) in JSONLines.lines(of: Data(data)) {
                guard case .object(let o)? = JSONValue.parse(Array(line.utf8)) else {
                    throw InputError(file: path, line: number, "not a JSON object (expected a Zendesk export page)")
                }
                pages.append((number, o))
            }
        }
        var tickets: [Ticket] = []
        var requester: [String: String] = [:]
        var position: [String: Int] = [:]
        var audits: [(line: Int, object: JSONObject)] = []
        for (line, page) in pages {
            let f = JSONFields(page, file: path, line: line)
            guard f.has("tickets") || f.has("audits") else {
                throw InputError(file: path, line: line, "neither 'tickets' nor 'audits': not a Zendesk export page"
                                 + (f.has("id") && f.has("created_at") ? " (a Ticket object? import it with --format jsonl)" : ""))
            }
            for (i, raw) in (try f.array("tickets") ?? []).enumerated() {
                let t = try f.nested(raw, path: "tickets[\(i)]")
                let id = try t.string("id")
                var order = try t.optionalString("external_id")
                if let orderField, let custom = try t.array("custom_fields") {
                    for (k, c) in custom.enumerated() {
                        let cf = try t.nested(c, path: "custom_fields[\(k)]")
                        if try cf.optionalString("id") == orderField, let v = try cf.optionalString("value"), !v.isEmpty { order = v }
                    }
                }
                var channel: Ticket.Channel?
                if case .object(let via)? = t.object["via"], case .string(let c)? = via["channel"] { channel = TicketStatusNames.channel(c) }
                let statusText = try t.optionalString("status") ?? "open"
                guard let status = TicketStatusNames.status(statusText) else { throw t.fail("status", "'\(statusText.prefix(40))' is not a Zendesk status") }
                let customer = try t.optionalString("requester_id")
                if let customer { requester[id] = customer }
                let ticket = Ticket(id: id, createdAt: try t.date("created_at"), updatedAt: try t.optionalDate("updated_at"), status: status,
                                    channel: channel, customer: customer, orderId: order, subject: try t.optionalString("subject") ?? "",
                                    body: try t.optionalString("description") ?? "")
                if let at = position[id] { tickets[at] = ticket } else {
                    position[id] = tickets.count
                    tickets.append(ticket)
                }
            }
            for raw in try f.array("audits") ?? [] {
                if case .object(let o) = raw { audits.append((line, o)) }
            }
        }
        for (line, audit) in audits {
            let a = JSONFields(audit, file: path, line: line)
            let id = try a.string("ticket_id")
            guard let at = position[id] else { continue }   // an audit of a ticket outside this export
            let time = try a.date("created_at")
            let actor: TicketEvent.Actor = try a.optionalString("author_id") == requester[id] ? .customer : .agent
            for (k, raw) in (try a.array("events") ?? []).enumerated() {
                let e = try a.nested(raw, path: "events[\(k)]")
                switch try e.optionalString("type") {
                case "Comment":
                    let body = try e.optionalString("body") ?? ""
                    // The first comment is the description itself.
                    if body.isEmpty || body == tickets[at].body { continue }
                    tickets[at].events.append(TicketEvent(at: time, actor: actor, kind: .message, text: body))
                case "Change":
                    let field = try e.optionalString("field_name") ?? ""
                    let value = try e.optionalString("value") ?? ""
                    let previous = try e.optionalString("previous_value") ?? ""
                    if field == "status" {
                        tickets[at].events.append(TicketEvent(at: time, actor: actor, kind: .status, text: "\(previous) → \(value)"))
                    } else if field == "group_id" || (field == "tags" && value.lowercased().contains("escalat")) {
                        tickets[at].events.append(TicketEvent(at: time, actor: .agent, kind: .escalation, text: "\(field): \(value)"))
                    }
                default:
                    continue
                }
            }
        }
        for i in tickets.indices { tickets[i].events.sort { $0.at < $1.at } }
        return tickets
    }
}

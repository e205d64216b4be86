import Foundation

/// A customer-support ticket: where most public outcries start, days before they are public.
public struct Ticket: Sendable, Hashable, Codable {
    public enum Status: String, Sendable, Codable, CaseIterable { case open, pending, solved, closed }
    public enum Channel: String, Sendable, Codable, CaseIterable { case chat, phone, email, platform }

    public var id: String
    public var createdAt: Date
    public var updatedAt: Date?
    public var status: Status
    public var channel: Channel?
    public var customer: String?
    public var orderId: String?
    public var subject: String
    public var body: String
    public var events: [TicketEvent]

    public init(id: String, createdAt: Date, updatedAt: Date? = nil, status: Status, channel: Channel? = nil,
                customer: String? = nil, orderId: String? = nil, subject: String, body: String, events: [TicketEvent] = []) {
        self.id = id
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.status = status
        self.channel = channel
        self.customer = customer
        self.orderId = orderId
        self.subject = subject
        self.body = body
        self.events = events
    }

    /// The events that had happened by `time`: linking at time t must not see the future.
    public func events(before time: Date) -> [TicketEvent] {
        events.filter { $0.at <= time }
    }
}

/// Something that happened on a ticket: a message, a status change, an escalation, a note.
public struct TicketEvent: Sendable, Hashable, Codable {
    public enum Actor: String, Sendable, Codable, CaseIterable { case customer, agent, platform, system }
    public enum Kind: String, Sendable, Codable, CaseIterable { case message, status, escalation, note }

    public var at: Date
    public var actor: Actor
    public var kind: Kind
    public var text: String

    public init(at: Date, actor: Actor, kind: Kind, text: String) {
        self.at = at
        self.actor = actor
        self.kind = kind
        self.text = text
    }
}

extension Ticket {
    /// Builds a ticket from one JSONL object (the Ticket format of DESIGN.md).
    public init(fields f: JSONFields) throws {
        func enumValue<E: RawRepresentable & CaseIterable>(_ r: JSONFields, _ key: String, _: E.Type) throws -> E? where E.RawValue == String {
            guard let raw = try r.optionalString(key) else { return nil }
            guard let v = E(rawValue: raw.lowercased()) else {
                throw r.fail(key, "'\(raw.prefix(40))' is not one of \(E.allCases.map(\.rawValue).joined(separator: "|"))")
            }
            return v
        }
        func required<E: RawRepresentable & CaseIterable>(_ r: JSONFields, _ key: String, _ t: E.Type) throws -> E where E.RawValue == String {
            guard let v = try enumValue(r, key, t) else { throw r.fail(key, "required field is missing") }
            return v
        }
        let id = try f.string("id")
        guard !id.isEmpty else { throw f.fail("id", "must not be empty") }
        var events: [TicketEvent] = []
        for (i, raw) in (try f.array("events") ?? []).enumerated() {
            let e = try f.nested(raw, path: "events[\(i)]")
            events.append(TicketEvent(
                at: try e.date("at"),
                actor: try required(e, "actor", TicketEvent.Actor.self),
                kind: try required(e, "kind", TicketEvent.Kind.self),
                text: try e.optionalString("text") ?? ""))
        }
        self.init(
            id: id,
            createdAt: try f.date("created_at"),
            updatedAt: try f.optionalDate("updated_at"),
            status: try required(f, "status", Status.self),
            channel: try enumValue(f, "channel", Channel.self),
            customer: try f.optionalString("customer"),
            orderId: try f.optionalString("order_id"),
            subject: try f.string("subject"),
            body: try f.string("body"),
            events: events.sorted { $0.at < $1.at })
    }
}

/// The step both stores take so that a job reads the tickets of the weeks it can link
/// (`Store.tickets(createdFrom:to:)`) by index, not by scanning a helpdesk's whole history.
enum TicketCreatedIndex {
    static let sql = "CREATE INDEX ticket_created ON ticket(created_at, id);"
}

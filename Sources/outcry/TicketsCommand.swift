import ArgumentParser
import Foundation
import OutcryCore
import OutcryLinking
import OutcryStorage

/// `outcry tickets import FILE` — support tickets into the store, where `run` and `link` find
/// them. Re-importing updates tickets and appends new events; nothing is duplicated.
struct TicketsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tickets", abstract: "Import support tickets.",
                                                    subcommands: [TicketsImportCommand.self])
}

struct TicketsImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import tickets from Ticket JSONL, a helpdesk CSV export or a Zendesk incremental export (JSON).")

    enum Format: String, ExpressibleByArgument, CaseIterable { case jsonl, csv, zendesk }

    @Argument(help: "The export file.") var file: String
    @Option(help: "jsonl, csv or zendesk (default: from the file name: .jsonl, .csv, .json).") var format: Format?
    @Option(help: "CSV columns for ticket fields, e.g. 'id=Ticket ID,created_at=Created,body=Description'.") var columns: String?
    @Option(name: .customLong("order-field"), help: "Zendesk custom field id holding the order number (default: external_id).")
    var orderField: String?
    @Option(name: .customLong("utc-offset"), help: "Time zone of CSV times written without one, e.g. +08:00 (default: UTC).")
    var utcOffset: String?
    @Option(name: .customLong("db"), help: "SQLite database file.") var db: String = "./outcry.db"

    func run() async throws {
        let chosen = format ?? (file.hasSuffix(".csv") ? .csv : file.hasSuffix(".json") ? .zendesk : .jsonl)
        let offset = try utcOffset.map(parseUTCOffset) ?? 0
        let incoming: [Ticket]
        switch chosen {
        case .jsonl: incoming = try TicketReader.readJSONL(path: file)
        case .csv: incoming = try TicketCSV.read(path: file, columns: try TicketCSV.mapping(columns), utcOffset: offset)
        case .zendesk: incoming = try ZendeskExport.read(path: file, orderField: orderField)
        }
        let store = try SQLiteStore(path: db)
        let existing = Dictionary(try store.tickets().map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let merged = TicketMerge.merge(incoming, onto: existing)
        var batch = StoreBatch()
        batch.tickets = merged.tickets
        try store.commit(batch)
        StandardOutput.write("tickets: \(incoming.count) read from \(file): \(merged.added) new, \(merged.updated) updated "
                             + "(\(merged.newEvents) new events), \(merged.unchanged) unchanged; store \(db)\n")
    }
}

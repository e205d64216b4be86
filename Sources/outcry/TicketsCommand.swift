import ArgumentParser
import Foundation
import OutcryCore
import OutcryIntake
import OutcryLinking
import OutcryPipeline
import OutcryStorage
import Synchronization

/// `outcry tickets import FILE` — support tickets into the store, where `run` and `link` find
/// them. Re-importing updates tickets and appends new events; nothing is duplicated.
struct TicketsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tickets", abstract: "Import support tickets.",
                                                    subcommands: [TicketsImportCommand.self, TicketsServeCommand.self])
}

struct TicketsImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import tickets from Ticket JSONL, a helpdesk CSV or .xlsx export or a Zendesk incremental export (JSON).")

    @Argument(help: "The export file, or - for standard input (its format named with --format unless it is Ticket JSONL).") var file: String
    @Option(help: "jsonl, csv, xlsx or zendesk (default: from the file name: .jsonl; .csv, .tsv or .txt; .xlsx; .json).") var format: TicketFile.Format?
    @Option(help: "CSV columns for ticket fields, e.g. 'id=Ticket ID,created_at=Created,body=Description'.") var columns: String?
    @Option(name: .customLong("order-field"), help: "Zendesk custom field id holding the order number (default: external_id).")
    var orderField: String?
    @Option(name: .customLong("utc-offset"), parsing: .unconditional, help: "Time zone of CSV times written without one, e.g. +08:00 (default: UTC).")
    var utcOffset: String?
    @Option(help: "Encoding of a CSV export that is not UTF-8, e.g. gb18030, big5, windows-1252 (default: recognised from the file).")
    var encoding: String?
    @Option(name: .customLong("date-order"), help: "mdy, dmy or ymd: how a CSV export's numeric dates (3/7/2018, 18/03/07) are written, when the file's dates do not show it.")
    var dateOrder: ExportDate.Order?
    @Option(help: "The .xlsx sheet holding the tickets, by name or number from 1 (default: the first whose header names the ticket fields).")
    var sheet: String?
    @Option(name: .customLong("db"), help: "SQLite database file, or a postgres:// URL (password in PGPASSWORD).") var db: String = "./outcry.db"

    func run() async throws {
        var source = TicketFile(path: file, format: format)
        source.sheet = sheet
        source.columns = try TicketCSV.mapping(columns)
        source.utcOffset = try utcOffset.map(parseUTCOffset) ?? 0
        source.encoding = encoding
        source.dateOrder = dateOrder
        source.orderField = orderField
        if let misapplied = source.misappliedOption {
            throw ValidationError("\(misapplied.option) applies to \(misapplied.appliesTo), and \(file) is read as \(source.format.rawValue)")
        }
        let (incoming, encodingUsed) = try source.read()
        let readAs = encodingUsed.map { " (\($0))" } ?? ""
        let merged = try TicketImport.merge(incoming, into: try StoreLocation.open(db))
        let from = file == JSONLines.standardInput ? "standard input" : file
        StandardOutput.write("tickets: \(incoming.count) read from \(from)\(readAs): \(merged.summary); store \(db)\n")
    }
}

extension ExportDate.Order: ExpressibleByArgument {}
extension TicketFile.Format: ExpressibleByArgument {}

/// `outcry tickets serve` — the live intake: a helpdesk POSTs tickets to `/tickets` as they change.
struct TicketsServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Accept ticket pushes over HTTP (POST /tickets, Ticket JSON or JSON Lines), authenticated by token or HMAC.")

    @Option(help: "Address to listen on (loopback unless you say otherwise).") var host = "127.0.0.1"
    @Option(help: "Port (0: any free port, printed on start).") var port = 8787
    @Option(name: .customLong("token-env"), help: "Environment variable holding the bearer token requests must carry.")
    var tokenEnv: String?
    @Option(name: .customLong("secret-env"), help: "Environment variable holding the HMAC-SHA256 secret (X-Outcry-Signature: sha256=<hex>).")
    var secretEnv: String?
    @Option(name: .customLong("db"), help: "SQLite database file, or a postgres:// URL (password in PGPASSWORD).") var db: String = "./outcry.db"

    func run() async throws {
        guard (tokenEnv == nil) != (secretEnv == nil) else {
            throw ValidationError("tickets serve: give exactly one of --token-env or --secret-env (requests are never accepted unauthenticated)")
        }
        let name = tokenEnv ?? secretEnv!
        guard let secret = ProcessInfo.processInfo.environment[name], !secret.isEmpty else {
            throw ValidationError("tickets serve: environment variable \(name) is not set")
        }
        let auth: IntakeAuth = tokenEnv != nil ? .token(secret) : .hmac(secret: secret)
        var server = TicketIntakeServer(store: try StoreLocation.open(db), auth: auth)
        server.host = host
        server.port = port
        let host = self.host
        let listening = Mutex(false)
        do {
            try await server.run { port in
                listening.withLock { $0 = true }
                StandardOutput.write("intake: listening on \(host) port \(port) (POST /tickets), store \(db)\n")
            }
        } catch where !listening.withLock({ $0 }) {
            throw RuntimeError("tickets serve: cannot listen on \(host) port \(port): \(Self.reason(error))")
        }
    }

    /// The system's words for a socket error (NIO describes a failed bind as
    /// `bind(descriptor:ptr:bytes:): Address already in use) (errno: 98)`).
    static func reason(_ error: any Error) -> String {
        let text = "\(error)"
        guard let range = text.range(of: "(errno: "), let code = Int32(text[range.upperBound...].prefix { $0.isNumber }) else { return text }
        return String(cString: strerror(code))
    }
}

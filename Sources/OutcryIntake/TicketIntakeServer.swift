import Foundation
import Hummingbird
import Logging
import OutcryCore
import OutcryLinking
import OutcryStorage

/// The live ticket intake: a helpdesk POSTs tickets (the Ticket JSON format, one object or JSON
/// Lines) to `/tickets` as they change; each is merged into the store like a re-import (updated,
/// new events appended, never duplicated), so `run` and `link` see it.
///
/// Refusals get a clear status — 401 unauthenticated, 400 malformed (with the line and field),
/// 413 too large — and are logged with the reason and never the body.
public struct TicketIntakeServer: Sendable {
    public var host = "127.0.0.1"
    public var port = 8787
    public var maxBytes = 1 << 20
    public let auth: IntakeAuth
    public let store: any Store

    public init(store: any Store, auth: IntakeAuth) {
        self.store = store
        self.auth = auth
    }

    /// Serves until SIGINT/SIGTERM. `onRunning` gets the bound port (useful with port 0).
    public func run(onRunning: @escaping @Sendable (Int) -> Void) async throws {
        let router = Router()
        let server = self
        router.post("tickets") { request, _ -> Response in
            try await server.handle(request)
        }
        // Our own lines say what is served and what is refused; Hummingbird's speak only of trouble.
        var logger = Logger(label: "outcry-intake")
        logger.logLevel = .warning
        let app = Application(router: router, configuration: .init(address: .hostname(host, port: port), serverName: "outcry-intake"),
                              onServerRunning: { channel in onRunning(channel.localAddress?.port ?? 0) }, logger: logger)
        try await app.runService()
    }

    func handle(_ request: Request) async throws -> Response {
        let body: [UInt8]
        do {
            body = Array(buffer: try await request.body.collect(upTo: maxBytes))
        } catch {
            return reply(.contentTooLarge, "request body larger than \(maxBytes) bytes")
        }
        if let why = auth.refusal(authorization: request.headers[.authorization],
                                  signature: request.headers.first { $0.name.canonicalName == IntakeAuth.signatureHeader.lowercased() }?.value,
                                  body: body) {
            return reply(.unauthorized, why)
        }
        var tickets: [Ticket] = []
        do {
            for (number, line) in JSONLines.lines(of: Data(body)) {
                tickets.append(try Ticket(fields: JSONFields.parseLine(line, file: "request", line: number)))
            }
        } catch let e as InputError {
            return reply(.badRequest, e.description)
        }
        guard !tickets.isEmpty else { return reply(.badRequest, "request: no ticket in the body") }
        let existing = Dictionary(try store.tickets(ids: tickets.map(\.id)).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let merged = TicketMerge.merge(tickets, onto: existing)
        var batch = StoreBatch()
        batch.tickets = merged.tickets
        try store.commit(batch)
        return reply(.accepted, "\(merged.added) new, \(merged.updated) updated (\(merged.newEvents) new events), \(merged.unchanged) unchanged")
    }

    /// A JSON reply, and one log line on stderr: status and reason, never the request body.
    func reply(_ status: HTTPResponse.Status, _ message: String) -> Response {
        Diagnostics.write("intake: \(status.code) POST /tickets: \(message)")
        var w = JSONWriter()
        w.beginObject()
        w.field(status.code < 300 ? "result" : "error", message)
        w.endObject()
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: w.bytes + [0x0A])))
    }
}

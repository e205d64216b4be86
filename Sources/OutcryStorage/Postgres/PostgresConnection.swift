import CPostgres
import Foundation
import OutcryCore

/// Why talking to PostgreSQL failed. Messages name the server's reason and the statement's
/// first line, never the connection's password (which is refused in `--db` anyway).
public enum PostgresError: Error, CustomStringConvertible, Equatable {
    /// The `--db` value cannot be used as given.
    case invalidLocation(String)
    case connectionFailed(String)
    /// The server rejected a statement: its message and SQLSTATE (e.g. `23503`, a foreign key).
    case statementFailed(message: String, sqlState: String, statement: String)
    /// The session that held this worker's pipeline lease is gone (the server restarted, the
    /// network dropped it): the worker must stop, so that no two pipelines run at once.
    case leaseLost(String)

    public var description: String {
        switch self {
        case .invalidLocation(let why): "postgres: \(why)"
        case .connectionFailed(let why): "postgres: cannot connect: \(why)"
        case .statementFailed(let message, let state, let statement): "postgres: \(message) (SQLSTATE \(state)) in: \(statement)"
        case .leaseLost(let why): "postgres: the connection holding this worker's pipeline lease was lost (\(why)); stopping so that another worker can take over"
        }
    }
}

extension StoreValue {
    /// PostgreSQL's text input for the value (`-Infinity` for an open lower bound): parameters
    /// go to the server in text form.
    var wire: String? {
        switch self {
        case .text(let s): s
        case .int(let i): String(i)
        case .double(let d): d.isInfinite ? (d < 0 ? "-Infinity" : "Infinity") : "\(d)"
        case .null: nil
        }
    }
}

/// One row of a result, read by column name (``PostgresResult`` maps names to positions once).
public struct PostgresRow {
    let result: PostgresResult
    let row: Int32

    func isNull(_ column: String) -> Bool {
        PQgetisnull(result.handle, row, result.column(column)) == 1
    }

    func string(_ column: String) -> String {
        String(cString: PQgetvalue(result.handle, row, result.column(column)))
    }

    func optionalString(_ column: String) -> String? {
        isNull(column) ? nil : string(column)
    }

    func int(_ column: String) -> Int {
        Int(string(column)) ?? 0
    }

    func optionalInt(_ column: String) -> Int? {
        isNull(column) ? nil : Int(string(column))
    }

    func double(_ column: String) -> Double {
        Double(string(column)) ?? 0
    }

    func optionalDouble(_ column: String) -> Double? {
        isNull(column) ? nil : Double(string(column))
    }
}

/// A statement's result; frees libpq's memory when released.
public final class PostgresResult {
    let handle: OpaquePointer
    private var columns: [String: Int32] = [:]

    init(_ handle: OpaquePointer) {
        self.handle = handle
        for i in 0..<PQnfields(handle) { columns[String(cString: PQfname(handle, i))] = i }
    }

    deinit { PQclear(handle) }

    var count: Int { Int(PQntuples(handle)) }
    /// Rows a command changed (`UPDATE`, `INSERT`, `DELETE`).
    var changed: Int { Int(String(cString: PQcmdTuples(handle))) ?? 0 }
    var rows: [PostgresRow] { (0..<PQntuples(handle)).map { PostgresRow(result: self, row: $0) } }

    func column(_ name: String) -> Int32 {
        guard let i = columns[name] else { preconditionFailure("postgres: no column \(name) in result") }
        return i
    }
}

/// One libpq connection. Not thread-safe: ``PostgresStore`` serializes its use.
final class PostgresConnection {
    private let handle: OpaquePointer

    /// The schema every statement works in (nil: the database's search path).
    private let schema: String?

    /// Connects to a `postgres://` or `postgresql://` URI (libpq's own syntax: host, port,
    /// database, user, `?sslmode=…`). The password comes from `PGPASSWORD` or `~/.pgpass`.
    init(uri: String, schema: String?) throws {
        if let schema {
            guard schema.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F }),
                  let first = schema.utf8.first, !(0x30...0x39).contains(first) else {
                throw PostgresError.invalidLocation("schema \"\(schema)\" must be lower-case letters, digits and _, not starting with a digit")
            }
        }
        self.schema = schema
        guard let conn = PQconnectdb(uri) else { throw PostgresError.connectionFailed("out of memory") }
        handle = conn
        guard PQstatus(conn) == CONNECTION_OK else { throw PostgresError.connectionFailed(lastError) }
        // Notices (e.g. "relation already exists, skipping") are not errors and must not reach stderr.
        PQsetNoticeProcessor(handle, { _, _ in }, nil)
        try setUpSession()
    }

    deinit { PQfinish(handle) }

    /// Statements of pipelined transactions prepared on this session (SQL → name): a batch
    /// sends the same few statements for every row, and each unnamed one is parsed and planned
    /// again by the server.
    private var prepared: [String: String] = [:]

    private var lastError: String {
        String(cString: PQerrorMessage(handle)).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private func setUpSession() throws {
        try execute("SET client_encoding TO 'UTF8'")
        try execute("SET TIME ZONE 'UTC'")
        // Operators see who is connected (pg_stat_activity), and `pipelineLeader()` who leads.
        try execute("SELECT set_config('application_name', $1, false)", [.text("outcry " + WorkerIdentity.current.description)])
        if let schema {
            // An identifier cannot be a bound parameter; the name was checked in init.
            try execute("CREATE SCHEMA IF NOT EXISTS \(schema)")
            try execute("SET search_path TO \(schema)")
        }
    }

    /// The server process serving this session (`pg_stat_activity.pid`).
    var backendPID: Int32 { PQbackendPID(handle) }

    /// The session is gone (server restart, dropped network, terminated backend).
    var isBroken: Bool { PQstatus(handle) == CONNECTION_BAD }

    /// A new session with the same parameters and settings.
    func reconnect() throws {
        PQreset(handle)
        prepared = [:]   // a new session has none
        guard PQstatus(handle) == CONNECTION_OK else { throw PostgresError.connectionFailed(lastError) }
        try setUpSession()
    }

    /// `parameters` as the C strings libpq reads (text format; nil for SQL NULL), alive during `body`.
    private static func withWire<T>(_ parameters: [StoreValue], _ body: (UnsafePointer<UnsafePointer<CChar>?>?) -> T) -> T {
        let pointers = parameters.map { $0.wire.flatMap { strdup($0) } }
        defer { pointers.forEach { free($0) } }
        return pointers.map { $0.map { UnsafePointer($0) } }.withUnsafeBufferPointer { body($0.baseAddress) }
    }

    /// A failure the connection reports rather than a result (sending failed, the session is gone).
    private func connectionFailure(_ sql: String) -> PostgresError {
        .statementFailed(message: lastError, sqlState: "", statement: Self.firstLine(sql))
    }

    /// Runs one statement with `$1…$n` bound to `parameters`.
    @discardableResult
    func execute(_ sql: String, _ parameters: [StoreValue] = []) throws -> PostgresResult {
        let result = Self.withWire(parameters) { PQexecParams(handle, sql, Int32(parameters.count), nil, $0, nil, nil, 0) }
        guard let result else { throw connectionFailure(sql) }
        let status = PQresultStatus(result)
        guard status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK else {
            let error = Self.failure(result, sql)
            PQclear(result)
            throw error
        }
        return PostgresResult(result)
    }

    /// Runs several statements with no parameters (a schema step): libpq's simple protocol.
    func executeScript(_ sql: String) throws {
        guard let result = PQexec(handle, sql) else { throw connectionFailure(sql) }
        defer { PQclear(result) }
        guard PQresultStatus(result) == PGRES_COMMAND_OK || PQresultStatus(result) == PGRES_TUPLES_OK else {
            throw Self.failure(result, sql)
        }
    }

    static func failure(_ result: OpaquePointer, _ sql: String) -> PostgresError {
        let message = String(cString: PQresultErrorMessage(result)).trimmingCharacters(in: .whitespacesAndNewlines)
        let state = PQresultErrorField(result, Int32(UInt8(ascii: "C"))).map { String(cString: $0) } ?? ""
        return .statementFailed(message: message, sqlState: state, statement: firstLine(sql))
    }

    /// Runs `statements` in one transaction, sending them in windows of `window` before reading
    /// their answers (libpq's pipeline mode): a batch of a thousand rows costs a few round trips
    /// instead of a thousand. Reading each window's answers before sending the next keeps both
    /// sides' socket buffers from filling. Statements with parameters are prepared once per
    /// session (``prepared``) and then only bound. All or nothing: the first failure rolls back
    /// the batch.
    func pipelinedTransaction(_ statements: [(sql: String, parameters: [StoreValue])], window: Int = 256) throws {
        guard !statements.isEmpty else { return }
        guard PQenterPipelineMode(handle) == 1 else { throw PostgresError.statementFailed(message: "cannot enter pipeline mode", sqlState: "", statement: "") }
        var failure: PostgresError?
        // What was sent, in order, for naming a failure: each answer is one statement's.
        var answering: [String] = []
        var read = 0
        var preparedHere: [String] = []
        func readAnswers() {
            while read < answering.count {
                if let result = PQgetResult(handle) {
                    let status = PQresultStatus(result)
                    if failure == nil, status != PGRES_COMMAND_OK, status != PGRES_TUPLES_OK {
                        failure = status == PGRES_PIPELINE_ABORTED ? nil : Self.failure(result, answering[read])
                    }
                    PQclear(result)
                    while let extra = PQgetResult(handle) { PQclear(extra) }   // each answer ends with a null result
                } else if failure == nil {
                    failure = connectionFailure(answering[read])
                }
                read += 1
            }
        }
        func sent(_ queued: Int32, _ sql: String) -> Bool {
            guard queued == 1 else {
                failure = connectionFailure(sql)
                return false
            }
            answering.append(sql)
            if answering.count % window == 0 {
                PQsendFlushRequest(handle)
                PQflush(handle)
                readAnswers()
            }
            return true
        }
        let all = [("BEGIN", [StoreValue]())] + statements + [("COMMIT", [])]
        for (sql, parameters) in all where failure == nil {
            if parameters.isEmpty {
                guard sent(PQsendQueryParams(handle, sql, 0, nil, nil, nil, nil, 0), sql) else { break }
                continue
            }
            let name: String
            if let known = prepared[sql] {
                name = known
            } else {
                name = "outcry_\(prepared.count)"
                guard sent(PQsendPrepare(handle, name, sql, Int32(parameters.count), nil), sql) else { break }
                prepared[sql] = name
                preparedHere.append(sql)
            }
            guard sent(Self.withWire(parameters) { PQsendQueryPrepared(handle, name, Int32(parameters.count), $0, nil, nil, 0) }, sql) else { break }
        }
        PQpipelineSync(handle)
        readAnswers()
        // The synchronization point's own answer, then back to one statement at a time.
        while let result = PQgetResult(handle) {
            let done = PQresultStatus(result) == PGRES_PIPELINE_SYNC
            PQclear(result)
            if done { break }
        }
        PQexitPipelineMode(handle)
        if let failure {
            _ = try? execute("ROLLBACK")
            // A failed pipeline may have skipped some of its preparations: they are made again.
            if !preparedHere.isEmpty {
                _ = try? execute("DEALLOCATE ALL")
                prepared = [:]
            }
            throw failure
        }
    }

    /// Runs `body` in one transaction: committed if it returns, rolled back if it throws.
    func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN")
        do {
            let value = try body()
            try execute("COMMIT")
            return value
        } catch {
            _ = try? execute("ROLLBACK")
            throw error
        }
    }

    static func firstLine(_ sql: String) -> String {
        let line = sql.split(separator: "\n").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        return line.count > 120 ? String(line.prefix(120)) + "…" : line
    }
}

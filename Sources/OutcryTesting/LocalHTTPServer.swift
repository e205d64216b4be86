import Foundation

/// A static-file HTTP server on loopback (Python's `http.server`), started by the test that
/// needs it and stopped when it is released. Serves `directory` with Last-Modified, so
/// conditional GETs get 304.
public final class LocalHTTPServer: @unchecked Sendable {
    public let port: Int
    private let process: Process

    public convenience init(directory: String) throws {
        try self.init(arguments: ["-m", "http.server", "0", "--bind", "127.0.0.1", "--directory", directory])
    }

    /// The server in `Tests/Support/misbehaving_server.py`: slow drips, 500s, 429s, wrong charsets,
    /// truncated bodies, a gzip bomb, redirect loops and ETag churn.
    public static func misbehaving() throws -> LocalHTTPServer {
        try LocalHTTPServer(arguments: [Fixtures.root + "/Tests/Support/misbehaving_server.py"])
    }

    /// The same server over TLS with a throwaway self-signed certificate for 127.0.0.1 (made
    /// with `openssl`); `certificate` is the PEM file a client must trust.
    public static func misbehavingTLS() throws -> (server: LocalHTTPServer, certificate: String) {
        let (cert, key) = try Fixtures.selfSignedCertificate()
        let server = try LocalHTTPServer(arguments: [Fixtures.root + "/Tests/Support/misbehaving_server.py", cert, key])
        return (server, cert)
    }

    /// `Tests/Support/alert_receiver.py`: records webhook POSTs, verifies their signatures with
    /// the secrets in `environment` (`RECEIVER_*_SECRET`) and fails, hangs or rate-limits on request.
    public static func alertReceiver(environment: [String: String] = [:]) throws -> LocalHTTPServer {
        try LocalHTTPServer(command: ["python3", "-u", Fixtures.root + "/Tests/Support/alert_receiver.py"], environment: environment)
    }

    /// `Tests/Support/smtp_receiver.py` (aiosmtpd): `mode` is starttls, implicit or plain; each
    /// accepted message is parsed and written to `directory` as JSON. Returns the certificate to trust.
    public static func smtpReceiver(directory: String, mode: String, password: String) throws -> (server: LocalHTTPServer, certificate: String) {
        let (cert, key) = try Fixtures.selfSignedCertificate()
        // aiosmtpd may be installed for Debian's python3 only (python3-aiosmtpd) while `python3` is another.
        let check = Process()
        check.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        check.arguments = ["python3", "-c", "import aiosmtpd"]
        check.standardError = FileHandle.nullDevice
        try check.run()
        check.waitUntilExit()
        let python = check.terminationStatus == 0 ? "python3" : "/usr/bin/python3"
        let server = try LocalHTTPServer(command: [python, "-u", Fixtures.root + "/Tests/Support/smtp_receiver.py", directory, mode, cert, key],
                                         environment: ["RECEIVER_SMTP_PASSWORD": password])
        return (server, cert)
    }

    convenience init(arguments: [String]) throws {
        try self.init(command: ["python3", "-u"] + arguments)
    }

    /// `outcry` itself as a server (`tickets serve --port 0`), with extra environment variables.
    /// Its stderr goes to `stderrFile`.
    public static func outcry(_ arguments: [String], environment: [String: String], stderrFile: String) throws -> LocalHTTPServer {
        try LocalHTTPServer(command: [Fixtures.executable] + arguments, environment: environment, stderrFile: stderrFile)
    }

    /// Runs `command` (through `env`) and waits for it to print "… port N …" on stdout.
    init(command: [String], environment: [String: String] = [:], stderrFile: String? = nil) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = command
        if !environment.isEmpty { p.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new } }
        let out = Pipe()
        p.standardOutput = out
        if let stderrFile {
            _ = FileManager.default.createFile(atPath: stderrFile, contents: nil)
            p.standardError = FileHandle(forWritingAtPath: stderrFile)
        } else {
            p.standardError = FileHandle.nullDevice
        }
        try p.run()
        // "Serving HTTP on 127.0.0.1 port 40123 (http://127.0.0.1:40123/) ..."
        var buffer = ""
        var found: Int?
        let deadline = Date().addingTimeInterval(10)
        while found == nil, Date() < deadline {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            buffer += String(decoding: chunk, as: UTF8.self)
            if let r = buffer.range(of: "port "), let end = buffer[r.upperBound...].firstIndex(of: " ") {
                found = Int(buffer[r.upperBound..<end])
            }
        }
        guard let port = found else {
            kill(p.processIdentifier, SIGKILL)
            throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "local HTTP server did not start"])
        }
        self.port = port
        process = p
    }

    public func url(_ path: String) -> String { "http://127.0.0.1:\(port)/\(path)" }

    deinit {
        // SIGKILL: the child inherits the test runner's blocked-signal mask, so SIGTERM may never arrive.
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}

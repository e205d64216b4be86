internal import CCurl
import Foundation

/// Where and how to submit mail.
public struct SMTPServer: Sendable, Hashable {
    public enum Security: String, Sendable {
        /// Plain connection upgraded with STARTTLS, required (port 587).
        case starttls
        /// TLS from the first byte (port 465).
        case implicit
        /// No TLS at all: loopback relays and tests only.
        case none
    }

    public var host: String
    public var port: Int
    public var security: Security
    public var username: String?
    /// From the environment; never logged.
    public var password: String?
    public var caFile: String?
    public var timeout: TimeInterval = 30

    public init(host: String, port: Int, security: Security, username: String? = nil, password: String? = nil, caFile: String? = nil) {
        self.host = host
        self.port = port
        self.security = security
        self.username = username
        self.password = password
        self.caFile = caFile
    }
}

/// Why the server refused or could not be reached. `permanent` for 5xx replies (bad recipient,
/// authentication refused): retrying will not help.
public struct SMTPError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public let permanent: Bool
    public var description: String { message }
}

/// Submits one message over SMTP with libcurl: STARTTLS or implicit TLS, AUTH when a username
/// is given, the message bytes streamed from memory. Blocking work runs off the cooperative pool.
public struct SMTPSender: Sendable {
    public let server: SMTPServer

    public init(server: SMTPServer) {
        self.server = server
        _ = HTTPFetcher()   // curl_global_init
    }

    public func send(from: String, to recipients: [String], message: Data) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            Thread.detachNewThread {
                continuation.resume(with: Result { try perform(from: from, to: recipients, message: message) })
            }
        }
    }

    private final class Upload {
        let data: Data
        var offset = 0
        init(_ data: Data) { self.data = data }
    }

    private func perform(from: String, to recipients: [String], message: Data) throws {
        guard let curl = curl_easy_init() else { throw SMTPError(message: "libcurl could not start a transfer", permanent: false) }
        defer { curl_easy_cleanup(curl) }
        let upload = Unmanaged.passRetained(Upload(message))
        defer { upload.release() }
        var rcpt: UnsafeMutablePointer<curl_slist>?
        for r in recipients { rcpt = curl_slist_append(rcpt, "<\(r)>") }
        defer { curl_slist_free_all(rcpt) }

        let scheme = server.security == .implicit ? "smtps" : "smtp"
        _ = curlx_set_str(curl, CURLOPT_URL, "\(scheme)://\(server.host):\(server.port)/outcry.localhost")
        _ = curlx_set_str(curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps")
        _ = curlx_set_long(curl, CURLOPT_NOSIGNAL, 1)
        _ = curlx_set_long(curl, CURLOPT_CONNECTTIMEOUT_MS, Int(min(server.timeout, 10) * 1000))
        _ = curlx_set_long(curl, CURLOPT_TIMEOUT_MS, Int(server.timeout * 1000))
        if server.security == .starttls { _ = curlx_set_long(curl, CURLOPT_USE_SSL, Int(CURLUSESSL_ALL.rawValue)) }
        if let ca = server.caFile { _ = curlx_set_str(curl, CURLOPT_CAINFO, ca) }
        if let user = server.username {
            _ = curlx_set_str(curl, CURLOPT_USERNAME, user)
            _ = curlx_set_str(curl, CURLOPT_PASSWORD, server.password ?? "")
        }
        _ = curlx_set_str(curl, CURLOPT_MAIL_FROM, "<\(from)>")
        _ = curlx_set_slist(curl, CURLOPT_MAIL_RCPT, rcpt)
        _ = curlx_set_long(curl, CURLOPT_UPLOAD, 1)
        _ = curlx_set_off(curl, CURLOPT_INFILESIZE_LARGE, curl_off_t(message.count))
        _ = curlx_set_ptr(curl, CURLOPT_READDATA, upload.toOpaque())
        _ = curlx_set_read(curl) { buffer, size, count, user in
            let u = Unmanaged<Upload>.fromOpaque(user!).takeUnretainedValue()
            let n = min(size * count, u.data.count - u.offset)
            guard n > 0, let buffer else { return 0 }
            u.data.withUnsafeBytes { raw in
                UnsafeMutableRawPointer(buffer).copyMemory(from: raw.baseAddress! + u.offset, byteCount: n)
            }
            u.offset += n
            return n
        }
        let code = curl_easy_perform(curl)
        guard code == CURLE_OK else {
            var reply = 0
            _ = curlx_get_long(curl, CURLINFO_RESPONSE_CODE, &reply)
            let permanent = (500..<600).contains(reply) || code == CURLE_LOGIN_DENIED
            throw SMTPError(message: "smtp \(server.host):\(server.port): \(String(cString: curl_easy_strerror(code)))\(reply > 0 ? " (reply \(reply))" : "")",
                            permanent: permanent)
        }
    }
}

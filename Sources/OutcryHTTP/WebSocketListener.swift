internal import CCurl
import Crypto
import Foundation

/// Listens to a WebSocket stream (Bluesky's Jetstream) for a bounded time and returns what
/// arrived. libcurl 7.88 as Debian ships it has no WebSocket support, so libcurl only opens the
/// connection (`CONNECT_ONLY`: DNS, timeouts, TLS for `wss`) and the RFC 6455 handshake and
/// framing are ours.
///
/// A session is bounded (duration, message count, message size) and the caller resumes the
/// next one from a cursor, which is how a poll-driven job consumes a stream without losing
/// events between sessions.
public struct WebSocketListener: Sendable {
    public struct Options: Sendable {
        public var connectTimeout: TimeInterval = 10
        /// How long to listen before closing.
        public var duration: TimeInterval = 20
        /// Close after this many messages.
        public var maxMessages = 5_000
        public var maxMessageBytes = 1 << 20
        /// Extra request headers (tokens from the environment). Never logged.
        public var headers: [String: String] = [:]
        /// A PEM bundle of certificate authorities to trust instead of the system's (a private
        /// CA in front of a self-hosted stream; tests).
        public var caFile: String?
        public init() {}
    }

    public struct Session: Sendable {
        /// Text and binary messages, in order.
        public var messages: [[UInt8]] = []
        /// Set when the server closed the conversation.
        public var closeCode: UInt16?
        public var closedByServer = false
    }

    public init() {
        _ = HTTPFetcher()
    }

    public func listen(url: String, options: Options = Options()) async throws -> Session {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try Self.run(url: url, options: options) })
            }
        }
    }

    static let acceptGUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"

    /// `Sec-WebSocket-Accept` for a key (RFC 6455 §4.2.2).
    public static func accept(forKey key: String) -> String {
        Data(Insecure.SHA1.hash(data: Data((key + acceptGUID).utf8))).base64EncodedString()
    }

    private static func run(url: String, options: Options) throws -> Session {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
              scheme == "ws" || scheme == "wss", let host = components.host, !host.isEmpty else {
            throw WebSocketError.handshake("only ws and wss URLs can be listened to")
        }
        let secure = scheme == "wss"
        var connectURL = URLComponents()
        connectURL.scheme = secure ? "https" : "http"
        connectURL.host = host
        connectURL.port = components.port
        guard let curl = curl_easy_init() else { throw WebSocketError.transport("libcurl could not start") }
        defer { curl_easy_cleanup(curl) }
        _ = curlx_set_str(curl, CURLOPT_URL, connectURL.string ?? "")
        _ = curlx_set_long(curl, CURLOPT_CONNECT_ONLY, 1)
        _ = curlx_set_long(curl, CURLOPT_NOSIGNAL, 1)
        _ = curlx_set_str(curl, CURLOPT_PROTOCOLS_STR, "http,https")
        _ = curlx_set_long(curl, CURLOPT_CONNECTTIMEOUT_MS, Int(options.connectTimeout * 1000))
        if let ca = options.caFile { _ = curlx_set_str(curl, CURLOPT_CAINFO, ca) }
        let connected = curl_easy_perform(curl)
        guard connected == CURLE_OK else { throw WebSocketError.transport("\(host): \(String(cString: curl_easy_strerror(connected)))") }
        var socket: curl_socket_t = -1
        _ = curlx_get_socket(curl, &socket)
        let connection = Connection(curl: curl, socket: socket)

        // The opening handshake.
        let key = Data((0..<16).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
        var target = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
        if let q = components.percentEncodedQuery { target += "?" + q }
        let defaultPort = secure ? 443 : 80
        let hostHeader = components.port.map { $0 == defaultPort ? host : "\(host):\($0)" } ?? host
        var request = "GET \(target) HTTP/1.1\r\nHost: \(hostHeader)\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        request += "Sec-WebSocket-Key: \(key)\r\nSec-WebSocket-Version: 13\r\nUser-Agent: \(HTTPFetcher.userAgent)\r\n"
        for (name, value) in options.headers.sorted(by: { $0.key < $1.key }) {
            if let problem = HeaderField.problem(name: name, value: value) { throw WebSocketError.handshake("\(host): \(problem)") }
            request += "\(name): \(value)\r\n"
        }
        request += "\r\n"
        let deadline = Date().addingTimeInterval(options.connectTimeout)
        try connection.send(Array(request.utf8), until: deadline)
        var received: [UInt8] = []
        var headerEnd: Int?
        while headerEnd == nil {
            guard received.count < 16 << 10 else { throw WebSocketError.handshake("\(host): response headers too long") }
            guard let chunk = try connection.receive(until: deadline) else { throw WebSocketError.handshake("\(host): connection closed during the handshake") }
            received += chunk
            headerEnd = Self.headerEnd(received)
        }
        let head = String(decoding: received[..<headerEnd!], as: UTF8.self)
        try Self.checkHandshake(head, key: key, host: host)

        // Messages until the session's bounds.
        var reader = WebSocketReader(maxMessageBytes: options.maxMessageBytes)
        reader.append(Array(received[(headerEnd! + 4)...]))
        var session = Session()
        let end = Date().addingTimeInterval(options.duration)
        listening: while true {
            while let event = try reader.next() {
                switch event {
                case .message(_, let payload):
                    session.messages.append(payload)
                    if session.messages.count >= options.maxMessages { break listening }
                case .ping(let payload):
                    try connection.send(WebSocketFrame(opcode: .pong, payload: payload).encoded(mask: Self.mask()), until: Date().addingTimeInterval(5))
                case .pong:
                    break
                case .close(let code, _):
                    session.closeCode = code
                    session.closedByServer = true
                    let echo = code.map { [UInt8($0 >> 8), UInt8($0 & 0xFF)] } ?? []
                    try? connection.send(WebSocketFrame(opcode: .close, payload: echo).encoded(mask: Self.mask()), until: Date().addingTimeInterval(1))
                    return session
                }
            }
            guard Date() < end else { break }
            guard let chunk = try connection.receive(until: end) else {
                if Date() >= end { break }
                session.closedByServer = true   // the peer went away without a close frame
                return session
            }
            reader.append(chunk)
        }
        // Normal closure (1000); the server's echo is not awaited.
        try? connection.send(WebSocketFrame(opcode: .close, payload: [0x03, 0xE8]).encoded(mask: Self.mask()), until: Date().addingTimeInterval(1))
        return session
    }

    static func mask() -> (UInt8, UInt8, UInt8, UInt8) {
        (.random(in: 0...255), .random(in: 0...255), .random(in: 0...255), .random(in: 0...255))
    }

    static func headerEnd(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 4 else { return nil }
        for i in 0...(bytes.count - 4) where bytes[i] == 0x0D && bytes[i + 1] == 0x0A && bytes[i + 2] == 0x0D && bytes[i + 3] == 0x0A {
            return i
        }
        return nil
    }

    static func checkHandshake(_ head: String, key: String, host: String) throws {
        let lines = head.components(separatedBy: "\r\n")
        let status = lines.first?.split(separator: " ")
        guard let status, status.count >= 2, status[1] == "101" else {
            throw WebSocketError.handshake("\(host): expected 101 Switching Protocols, got '\(lines.first?.prefix(60) ?? "")'")
        }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased().trimmingCharacters(in: .whitespaces)] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        guard headers["upgrade"]?.lowercased() == "websocket", headers["connection"]?.lowercased().contains("upgrade") == true else {
            throw WebSocketError.handshake("\(host): the server did not upgrade the connection")
        }
        guard headers["sec-websocket-accept"] == accept(forKey: key) else {
            throw WebSocketError.handshake("\(host): wrong Sec-WebSocket-Accept")
        }
        if let ext = headers["sec-websocket-extensions"], !ext.isEmpty {
            throw WebSocketError.handshake("\(host): the server chose an extension we did not offer (\(ext))")
        }
    }

    /// The raw connection libcurl opened: send and receive with waits on its socket.
    private struct Connection {
        let curl: UnsafeMutableRawPointer
        let socket: curl_socket_t

        func send(_ bytes: [UInt8], until deadline: Date) throws {
            var offset = 0
            while offset < bytes.count {
                var sent = 0
                let code = bytes.withUnsafeBytes { curl_easy_send(curl, $0.baseAddress! + offset, bytes.count - offset, &sent) }
                if code == CURLE_AGAIN {
                    guard wait(events: Int16(POLLOUT), until: deadline) else { throw WebSocketError.transport("send timed out") }
                    continue
                }
                guard code == CURLE_OK else { throw WebSocketError.transport(String(cString: curl_easy_strerror(code))) }
                offset += sent
            }
        }

        /// The next bytes, or nil when the peer closed the connection or the deadline passed.
        func receive(until deadline: Date) throws -> [UInt8]? {
            var buffer = [UInt8](repeating: 0, count: 64 << 10)
            while true {
                var n = 0
                let code = buffer.withUnsafeMutableBytes { curl_easy_recv(curl, $0.baseAddress!, $0.count, &n) }
                if code == CURLE_AGAIN {
                    guard wait(events: Int16(POLLIN), until: deadline) else { return nil }
                    continue
                }
                guard code == CURLE_OK else { throw WebSocketError.transport(String(cString: curl_easy_strerror(code))) }
                if n == 0 { return nil }
                return Array(buffer[..<n])
            }
        }

        private func wait(events: Int16, until deadline: Date) -> Bool {
            let ms = Int32(max(0, min(Double(Int32.max), deadline.timeIntervalSinceNow * 1000)))
            guard ms > 0 else { return false }
            var fd = pollfd(fd: Int32(socket), events: events, revents: 0)
            return poll(&fd, 1, ms) > 0
        }
    }
}

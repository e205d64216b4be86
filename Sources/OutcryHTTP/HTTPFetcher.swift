internal import CCurl
import Foundation

/// Why a fetch failed. Names the host only: paths and queries may carry tokens.
public struct FetchError: Error, Sendable, Hashable, CustomStringConvertible {
    public let host: String
    public let message: String
    public init(host: String, _ message: String) {
        self.host = host
        self.message = message
    }
    public var description: String { "fetch: \(host): \(message)" }
}

/// One HTTP request (a GET, or a POST when it has a body), politely: conditional on what we saw last time, bounded in size and time.
public struct FetchRequest: Sendable {
    public var url: String
    /// Validators from the previous response, for a conditional GET (304 when unchanged).
    public var etag: String?
    public var lastModified: String?
    public var connectTimeout: TimeInterval = 10
    public var totalTimeout: TimeInterval = 30
    /// The body is abandoned past this many bytes, enforced while streaming.
    public var maxBytes = 16 << 20
    public var maxRedirects = 5
    /// Extra request headers (e.g. `Authorization` from a token in the environment). Never logged.
    public var headers: [String: String] = [:]
    /// A body makes the request a POST (webhooks, Alertmanager); redirects are then not followed.
    public var body: Data?
    /// A PEM file of extra trusted certificates (a private CA, a test server's certificate).
    public var caFile: String?

    public init(url: String, etag: String? = nil, lastModified: String? = nil) {
        self.url = url
        self.etag = etag
        self.lastModified = lastModified
    }
}

public struct FetchResponse: Sendable {
    public var status: Int
    public var body: Data
    /// Header names lower-cased; the last value wins.
    public var headers: [String: String]
    /// The URL after redirects.
    public var effectiveURL: String
    /// Set when every redirect on the way was permanent (301/308): the source has moved, and
    /// the stored URL should follow.
    public var movedPermanently: String?
    public var notModified: Bool { status == 304 }
}

/// Fetches over HTTP(S) with libcurl: only `http`/`https` (also across redirects), every content
/// encoding libcurl knows, connect and total timeouts, a streaming size cap, and a User-Agent
/// that names Outcry. Blocking transfers run off the cooperative thread pool.
public struct HTTPFetcher: Sendable {
    public static let userAgent = "Outcry/0.1 (social-media escalation monitor)"

    public init() {
        _ = Self.globalInit
    }

    private static let globalInit: Bool = {
        curl_global_init(Int(CURL_GLOBAL_DEFAULT))
        return true
    }()

    /// Connections, DNS answers and TLS sessions shared by all transfers, so repeated requests
    /// to one host (webhook deliveries, polls) reuse a kept-alive connection.
    nonisolated(unsafe) private static let share: UnsafeMutableRawPointer? = {
        _ = globalInit
        return curlx_share_new()
    }()

    public func fetch(_ request: FetchRequest) async throws -> FetchResponse {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try Self.perform(request) })
            }
        }
    }

    /// Accumulates one transfer's body and headers; reached from C callbacks through `Unmanaged`.
    private final class Transfer {
        var body = Data()
        var headers: [String: String] = [:]
        var statuses: [Int] = []
        let maxBytes: Int
        var overflow = false
        init(maxBytes: Int) { self.maxBytes = maxBytes }
    }

    /// The host part of a URL, for messages: never the path or query, which may carry tokens.
    public static func host(_ url: String) -> String {
        hostIfAny(url) ?? "invalid URL"
    }

    /// The URL's host, or nil when it names none (`http://`, `http:///feed`, a space inside).
    public static func hostIfAny(_ url: String) -> String? {
        URLComponents(string: url)?.host.flatMap { $0.isEmpty ? nil : $0 }
    }

    private static func perform(_ request: FetchRequest) throws -> FetchResponse {
        let source = host(request.url)
        guard let scheme = URLComponents(string: request.url)?.scheme?.lowercased(), scheme == "http" || scheme == "https" else {
            throw FetchError(host: source, "only http and https URLs can be fetched")
        }
        guard let curl = curl_easy_init() else { throw FetchError(host: source, "libcurl could not start a transfer") }
        defer { curl_easy_cleanup(curl) }
        let transfer = Transfer(maxBytes: request.maxBytes)
        let context = Unmanaged.passRetained(transfer)
        defer { context.release() }

        var headerList: UnsafeMutablePointer<curl_slist>?
        // Validators are the server's own words played back; one it garbled is left out (the GET
        // is then unconditional) rather than failing the source.
        for (name, value) in [("If-None-Match", request.etag), ("If-Modified-Since", request.lastModified)]
        where value.map({ HeaderField.problem(name: name, value: $0) == nil }) == true {
            headerList = curl_slist_append(headerList, "\(name): \(value!)")
        }
        defer { curl_slist_free_all(headerList) }
        for (name, value) in request.headers.sorted(by: { $0.key < $1.key }) {
            if let problem = HeaderField.problem(name: name, value: value) { throw FetchError(host: source, problem) }
            headerList = curl_slist_append(headerList, "\(name): \(value)")
        }

        _ = curlx_set_str(curl, CURLOPT_URL, request.url)
        if let share = Self.share { _ = curlx_set_ptr(curl, CURLOPT_SHARE, share) }
        _ = curlx_set_long(curl, CURLOPT_NOSIGNAL, 1)
        _ = curlx_set_str(curl, CURLOPT_PROTOCOLS_STR, "http,https")
        _ = curlx_set_str(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
        _ = curlx_set_long(curl, CURLOPT_FOLLOWLOCATION, request.body == nil ? 1 : 0)
        if let body = request.body {
            _ = curlx_set_long(curl, CURLOPT_POSTFIELDSIZE, body.count)
            body.withUnsafeBytes { raw in
                // COPYPOSTFIELDS: libcurl keeps its own copy, so the buffer need not outlive this call.
                _ = curlx_set_ptr(curl, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: raw.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!))
            }
        }
        if let caFile = request.caFile { _ = curlx_set_str(curl, CURLOPT_CAINFO, caFile) }
        _ = curlx_set_long(curl, CURLOPT_MAXREDIRS, request.maxRedirects)
        _ = curlx_set_str(curl, CURLOPT_ACCEPT_ENCODING, "")
        _ = curlx_set_long(curl, CURLOPT_CONNECTTIMEOUT_MS, Int(request.connectTimeout * 1000))
        _ = curlx_set_long(curl, CURLOPT_TIMEOUT_MS, Int(request.totalTimeout * 1000))
        _ = curlx_set_off(curl, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(request.maxBytes))
        _ = curlx_set_str(curl, CURLOPT_USERAGENT, userAgent)
        if headerList != nil { _ = curlx_set_slist(curl, CURLOPT_HTTPHEADER, headerList) }
        _ = curlx_set_ptr(curl, CURLOPT_WRITEDATA, context.toOpaque())
        _ = curlx_set_ptr(curl, CURLOPT_HEADERDATA, context.toOpaque())
        _ = curlx_set_write(curl) { data, size, count, user in
            let t = Unmanaged<Transfer>.fromOpaque(user!).takeUnretainedValue()
            let n = size * count
            if t.body.count + n > t.maxBytes {
                t.overflow = true
                return 0   // abort: the cap holds for chunked bodies too
            }
            if let data { t.body.append(UnsafeRawPointer(data).assumingMemoryBound(to: UInt8.self), count: n) }
            return n
        }
        _ = curlx_set_header_cb(curl) { data, size, count, user in
            let t = Unmanaged<Transfer>.fromOpaque(user!).takeUnretainedValue()
            let n = size * count
            guard let data else { return n }
            let line = String(decoding: UnsafeRawBufferPointer(start: data, count: n), as: UTF8.self)
            if line.hasPrefix("HTTP/") {
                t.headers = [:]   // a new response (redirect or 100-continue): keep only the last one's headers
                let parts = line.split(separator: " ")
                if parts.count >= 2, let code = Int(parts[1]), code != 100 { t.statuses.append(code) }
            } else if let colon = line.firstIndex(of: ":") {
                let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
                t.headers[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)
            }
            return n
        }

        let code = curl_easy_perform(curl)
        if transfer.overflow || code == CURLE_FILESIZE_EXCEEDED {
            throw FetchError(host: source, "response larger than \(request.maxBytes) bytes")
        }
        if code == CURLE_TOO_MANY_REDIRECTS {
            throw FetchError(host: source, "more than \(request.maxRedirects) redirects")
        }
        guard code == CURLE_OK else {
            throw FetchError(host: source, String(cString: curl_easy_strerror(code)))
        }
        var status = 0
        _ = curlx_get_long(curl, CURLINFO_RESPONSE_CODE, &status)
        var effective: UnsafeMutablePointer<CChar>?
        _ = curlx_get_str(curl, CURLINFO_EFFECTIVE_URL, &effective)
        let effectiveURL = effective.map { String(cString: $0) } ?? request.url
        let hops = transfer.statuses.dropLast()
        let permanent = !hops.isEmpty && hops.allSatisfy { $0 == 301 || $0 == 308 } && effectiveURL != request.url
        return FetchResponse(status: status, body: transfer.body, headers: transfer.headers,
                             effectiveURL: effectiveURL, movedPermanently: permanent ? effectiveURL : nil)
    }
}

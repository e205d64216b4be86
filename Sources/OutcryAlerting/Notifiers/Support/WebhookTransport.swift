import Foundation
import OutcryCore
import OutcryHTTP

/// The one way notifiers POST: JSON over libcurl with a timeout and no redirects, and one
/// reading of the answer: 2xx delivered; 408, 425, 429 and 5xx retryable (honouring
/// Retry-After); other statuses permanent; network errors retryable. Messages name the host only
/// (webhook URLs carry tokens) and quote at most a sanitized snippet of the reply.
public struct WebhookTransport: Sendable {
    public var timeout: TimeInterval
    public var caFile: String?

    public init(timeout: TimeInterval = 10, caFile: String? = nil) {
        self.timeout = timeout
        self.caFile = caFile
    }

    /// The response when the receiver answered with 2xx, else the failure to report.
    public func post(_ url: String, json: Data, headers: [String: String] = [:]) async -> Result<FetchResponse, Failure> {
        var request = FetchRequest(url: url)
        request.body = json
        request.headers = headers.merging(["Content-Type": "application/json; charset=utf-8"]) { a, _ in a }
        request.totalTimeout = timeout
        request.connectTimeout = min(timeout, 10)
        request.maxBytes = 1 << 20
        request.maxRedirects = 0
        request.caFile = caFile
        do {
            let response = try await HTTPFetcher().fetch(request)
            if (200..<300).contains(response.status) { return .success(response) }
            let retryable = [408, 425, 429].contains(response.status) || response.status >= 500
            let snippet = TerminalText.clip(String(decoding: response.body.prefix(400), as: UTF8.self), 160)
            return .failure(Failure(outcome: .failed(retryable: retryable,
                                                     message: "\(HTTPFetcher.host(url)) answered \(response.status)\(snippet.isEmpty ? "" : ": " + snippet)",
                                                     retryAfter: response.headers["retry-after"].flatMap(Self.retryAfter))))
        } catch {
            return .failure(Failure(outcome: .failed(retryable: true, message: "\(error)")))
        }
    }

    public struct Failure: Error {
        public let outcome: DeliveryOutcome
    }

    /// Retry-After as seconds or an HTTP date.
    static func retryAfter(_ value: String) -> TimeInterval? {
        if let s = TimeInterval(value.trimmingCharacters(in: .whitespaces)) { return max(0, s) }
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return f.date(from: value).map { max(0, $0.timeIntervalSinceNow) }
    }

    /// Chat robots answer 200 with an error code in the body (DingTalk and WeCom `errcode`,
    /// Feishu `code`): non-zero is a failure, retryable when the code means "too fast".
    public static func checkErrorCode(_ response: FetchResponse, key: String, rateLimited: Set<Int>) -> DeliveryOutcome {
        guard let object = try? JSONSerialization.jsonObject(with: response.body) as? [String: Any] else { return .delivered }
        let code = (object[key] as? Int) ?? (object["StatusCode"] as? Int) ?? 0
        guard code != 0 else { return .delivered }
        let message = TerminalText.clip((object["errmsg"] ?? object["msg"] ?? object["StatusMessage"]).map { "\($0)" } ?? "", 120)
        return .failed(retryable: rateLimited.contains(code), message: "\(key) \(code): \(message)",
                       retryAfter: rateLimited.contains(code) ? 60 : nil)
    }
}

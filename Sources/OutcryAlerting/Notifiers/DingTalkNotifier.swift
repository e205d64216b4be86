import Foundation
import OutcryCore

/// DingTalk custom robot: a markdown message; with a secret, the URL carries `timestamp` (ms)
/// and `sign` = base64(HMAC-SHA256(secret, "<timestamp>\n<secret>")), URL-encoded. DingTalk
/// answers 200 with `errcode`; 130101 (sending too fast) is retried after a minute.
public struct DingTalkNotifier: HTTPNotifier {
    public let http: HTTPChannel
    public init(_ http: HTTPChannel) { self.http = http }

    public func deliver(_ d: Delivery) async -> DeliveryOutcome {
        await http.deliver(d) { p in
            var url = p.url
            if let secret = p.secret {
                let timestamp = String(Int64(d.now.timeIntervalSince1970 * 1000))
                url += (url.contains("?") ? "&" : "?") + "timestamp=\(timestamp)&sign=\(Self.sign(secret: secret, timestamp: timestamp))"
            }
            return await http.post(url, json: ["msgtype": "markdown", "markdown": ["title": Self.title(d), "text": p.text.clipped(utf8: 18_000)]]) {
                WebhookTransport.checkErrorCode($0, key: "errcode", rateLimited: [130101])
            }
        }
    }

    public static func sign(secret: String, timestamp: String) -> String {
        let mac = Secrets.hmacSHA256(key: Data(secret.utf8), message: Data("\(timestamp)\n\(secret)".utf8)).base64EncodedString()
        return mac.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? mac
    }

    /// The notification preview line: severity and topic, sanitized (it is plain text).
    static func title(_ d: Delivery) -> String {
        let a = d.alerts.first
        return TerminalText.clip("[\(a?.severity.rawValue.uppercased() ?? "ALERT")] \(a?.topic ?? "")", 60)
    }
}

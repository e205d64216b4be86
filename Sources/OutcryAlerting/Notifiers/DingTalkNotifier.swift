import Foundation
import OutcryCore

/// DingTalk custom robot: a markdown message; with a secret, the URL carries `timestamp` (ms)
/// and `sign` = base64(HMAC-SHA256(secret, "<timestamp>\n<secret>")), URL-encoded. DingTalk
/// answers 200 with `errcode`; 130101 (sending too fast) is retried after a minute.
public struct DingTalkNotifier: Notifier {
    public let channel: String
    let urlEnv: String
    let secretEnv: String?
    let renderer: MessageRenderer
    let transport: WebhookTransport
    let secrets: Secrets

    public init(channel: String, urlEnv: String, secretEnv: String?, renderer: MessageRenderer, transport: WebhookTransport, secrets: Secrets) {
        self.channel = channel
        self.urlEnv = urlEnv
        self.secretEnv = secretEnv
        self.renderer = renderer
        self.transport = transport
        self.secrets = secrets
    }

    public func deliver(_ d: Delivery) async -> DeliveryOutcome {
        var url: String
        let secret: String?
        do {
            url = try secrets.value(urlEnv)
            secret = try secrets.optional(secretEnv)
        } catch {
            return .missing(error)
        }
        let text: String
        do { text = try renderer.render(d) } catch { return MessageRenderer.failure(error) }
        if let secret {
            let timestamp = String(Int64(d.now.timeIntervalSince1970 * 1000))
            url += (url.contains("?") ? "&" : "?") + "timestamp=\(timestamp)&sign=\(Self.sign(secret: secret, timestamp: timestamp))"
        }
        let title = Self.title(d)
        let body = JSONText.encode(["msgtype": "markdown", "markdown": ["title": title, "text": text.clipped(utf8: 18_000)]])
        switch await transport.post(url, json: Data(body.utf8)) {
        case .failure(let f): return f.outcome
        case .success(let r): return WebhookTransport.checkErrorCode(r, key: "errcode", rateLimited: [130101])
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

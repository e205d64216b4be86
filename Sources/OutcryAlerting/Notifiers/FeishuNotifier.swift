import Foundation
import OutcryCore

/// Feishu/Lark custom bot: an interactive card with the rendered markdown; with a secret, the
/// body carries `timestamp` (seconds) and `sign` = base64(HMAC-SHA256(key: "<timestamp>\n<secret>",
/// message: empty)). Feishu answers 200 with `code`; 11232 and 9499 (rate limits) are retried.
public struct FeishuNotifier: Notifier {
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
        let url: String, secret: String?
        do {
            url = try secrets.value(urlEnv)
            secret = try secrets.optional(secretEnv)
        } catch {
            return .missing(error)
        }
        let text: String
        do { text = try renderer.render(d) } catch { return MessageRenderer.failure(error) }
        let severity = d.alerts.map(\.severity).max() ?? .watch
        var body: [String: Any] = [
            "msg_type": "interactive",
            "card": [
                "header": [
                    "title": ["tag": "plain_text", "content": DingTalkNotifier.title(d)],
                    "template": severity == .critical ? "red" : severity == .warning ? "orange" : "blue",
                ],
                "elements": [["tag": "markdown", "content": text.clipped(utf8: 28_000)]],
            ] as [String: Any],
        ]
        if let secret {
            let timestamp = String(Int(d.now.timeIntervalSince1970))
            body["timestamp"] = timestamp
            body["sign"] = Self.sign(secret: secret, timestamp: timestamp)
        }
        switch await transport.post(url, json: Data(JSONText.encode(body).utf8)) {
        case .failure(let f): return f.outcome
        case .success(let r): return WebhookTransport.checkErrorCode(r, key: "code", rateLimited: [11232, 9499])
        }
    }

    public static func sign(secret: String, timestamp: String) -> String {
        Secrets.hmacSHA256(key: Data("\(timestamp)\n\(secret)".utf8), message: Data()).base64EncodedString()
    }
}

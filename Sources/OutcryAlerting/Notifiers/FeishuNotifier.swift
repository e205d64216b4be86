import Foundation
import OutcryCore

/// Feishu/Lark custom bot: an interactive card with the rendered markdown; with a secret, the
/// body carries `timestamp` (seconds) and `sign` = base64(HMAC-SHA256(key: "<timestamp>\n<secret>",
/// message: empty)). Feishu answers 200 with `code`; 11232 and 9499 (rate limits) are retried.
public struct FeishuNotifier: HTTPNotifier {
    public let http: HTTPChannel
    public init(_ http: HTTPChannel) { self.http = http }

    public func deliver(_ d: Delivery) async -> DeliveryOutcome {
        await http.deliver(d) { p in
            let severity = d.alerts.map(\.severity).max() ?? .watch
            var body: [String: Any] = [
                "msg_type": "interactive",
                "card": [
                    "header": [
                        "title": ["tag": "plain_text", "content": DingTalkNotifier.title(d)],
                        "template": severity == .critical ? "red" : severity == .warning ? "orange" : "blue",
                    ],
                    "elements": [["tag": "markdown", "content": p.text.clipped(utf8: 28_000)]],
                ] as [String: Any],
            ]
            if let secret = p.secret {
                let timestamp = String(Int(d.now.timeIntervalSince1970))
                body["timestamp"] = timestamp
                body["sign"] = Self.sign(secret: secret, timestamp: timestamp)
            }
            return await http.post(p.url, json: body) { WebhookTransport.checkErrorCode($0, key: "code", rateLimited: [11232, 9499]) }
        }
    }

    public static func sign(secret: String, timestamp: String) -> String {
        Secrets.hmacSHA256(key: Data("\(timestamp)\n\(secret)".utf8), message: Data()).base64EncodedString()
    }
}

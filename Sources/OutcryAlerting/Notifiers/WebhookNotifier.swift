import Foundation
import OutcryCore

/// The generic webhook: each alert as the DESIGN.md Alert JSON, signed per Standard Webhooks
/// (`webhook-id`, `webhook-timestamp`, `webhook-signature: v1,<base64 HMAC-SHA256>`) so a
/// receiver can verify it and drop retries it has already seen by `webhook-id`.
public struct WebhookNotifier: HTTPNotifier {
    public let http: HTTPChannel
    public init(_ http: HTTPChannel) { self.http = http }

    public func deliver(_ d: Delivery) async -> DeliveryOutcome {
        await http.deliver(d) { p in
            for alert in d.alerts {
                let body = Data(alert.jsonLine().utf8)
                let id = Self.messageID(key: d.idempotencyKey, alert: alert.id)
                var headers = ["webhook-id": id, "webhook-timestamp": String(Int(d.now.timeIntervalSince1970))]
                if let secret = p.secret {
                    headers["webhook-signature"] = Self.signature(secret: secret, id: id, timestamp: headers["webhook-timestamp"]!, body: body)
                }
                if case .failure(let f) = await http.transport.post(p.url, json: body, headers: headers) { return f.outcome }
            }
            return .delivered
        }
    }

    /// Stable per notification, channel and alert: the receiver's de-duplication key.
    static func messageID(key: String, alert: String) -> String {
        "msg_" + String(format: "%016llx", StableHash.fnv1a(key + "|" + alert))
    }

    /// `v1,` + base64(HMAC-SHA256(secret, "<id>.<timestamp>.<body>")). A `whsec_` secret is
    /// base64 key material, as Standard Webhooks libraries expect.
    public static func signature(secret: String, id: String, timestamp: String, body: Data) -> String {
        let key = secret.hasPrefix("whsec_") ? (Data(base64Encoded: String(secret.dropFirst(6))) ?? Data(secret.utf8)) : Data(secret.utf8)
        let message = Data("\(id).\(timestamp).".utf8) + body
        return "v1," + Secrets.hmacSHA256(key: key, message: message).base64EncodedString()
    }
}

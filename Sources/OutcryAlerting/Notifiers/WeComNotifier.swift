import Foundation
import OutcryCore

/// WeCom (企业微信) group robot: a markdown message of at most 4,096 bytes. The robot's key is
/// in its URL, so the URL comes from the environment; there is no signature. WeCom answers 200
/// with `errcode`; 45009 (over the rate limit) is retried after a minute.
public struct WeComNotifier: HTTPNotifier {
    public let http: HTTPChannel
    public init(_ http: HTTPChannel) { self.http = http }

    public func deliver(_ d: Delivery) async -> DeliveryOutcome {
        await http.deliver(d) { p in
            await http.post(p.url, json: ["msgtype": "markdown", "markdown": ["content": p.text.clipped(utf8: 4096)]]) {
                WebhookTransport.checkErrorCode($0, key: "errcode", rateLimited: [45009])
            }
        }
    }
}

import Foundation
import OutcryCore

/// WeCom (企业微信) group robot: a markdown message of at most 4,096 bytes. The robot's key is
/// in its URL, so the URL comes from the environment; there is no signature. WeCom answers 200
/// with `errcode`; 45009 (over the rate limit) is retried after a minute.
public struct WeComNotifier: Notifier {
    public let channel: String
    let urlEnv: String
    let renderer: MessageRenderer
    let transport: WebhookTransport
    let secrets: Secrets

    public init(channel: String, urlEnv: String, renderer: MessageRenderer, transport: WebhookTransport, secrets: Secrets) {
        self.channel = channel
        self.urlEnv = urlEnv
        self.renderer = renderer
        self.transport = transport
        self.secrets = secrets
    }

    public func deliver(_ d: Delivery) async -> DeliveryOutcome {
        let url: String
        do { url = try secrets.value(urlEnv) } catch { return .missing(error) }
        let text: String
        do { text = try renderer.render(d) } catch { return MessageRenderer.failure(error) }
        let body = JSONText.encode(["msgtype": "markdown", "markdown": ["content": text.clipped(utf8: 4096)]])
        switch await transport.post(url, json: Data(body.utf8)) {
        case .failure(let f): return f.outcome
        case .success(let r): return WebhookTransport.checkErrorCode(r, key: "errcode", rateLimited: [45009])
        }
    }
}

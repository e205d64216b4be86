import Foundation
import OutcryCore
import OutcryHTTP

/// What every HTTP channel (webhook, Slack, DingTalk, Feishu, WeCom, Alertmanager) shares: its
/// name, where its URL and secret come from, how it renders and how it POSTs. A notifier adds
/// only its native payload and how it reads the answer.
public struct HTTPChannel: Sendable {
    /// A URL written in the config (a generic webhook, Alertmanager) or named by an environment
    /// variable (chat robots, whose URLs carry their token).
    public enum URLSetting: Sendable {
        case literal(String)
        case environment(String)
    }

    public let name: String
    let url: URLSetting
    let secretEnv: String?
    let renderer: MessageRenderer?
    let transport: WebhookTransport
    let secrets: Secrets

    public init(name: String, url: URLSetting, secretEnv: String? = nil, renderer: MessageRenderer? = nil,
                transport: WebhookTransport, secrets: Secrets) {
        self.name = name
        self.url = url
        self.secretEnv = secretEnv
        self.renderer = renderer
        self.transport = transport
        self.secrets = secrets
    }

    /// What one delivery needs before its payload is built.
    struct Prepared {
        var url: String
        var secret: String?
        /// The rendered message (empty for channels without a template).
        var text: String
    }

    /// The URL, the secret and the rendered text; or the outcome that ends the delivery (an
    /// unset variable is retried, a broken template is not).
    func prepare(_ d: Delivery) -> Result<Prepared, Stop> {
        let target: String, secret: String?
        do {
            switch url {
            case .literal(let s): target = s
            case .environment(let v): target = try secrets.value(v)
            }
            secret = try secrets.optional(secretEnv)
        } catch {
            return .failure(Stop(outcome: .missing(error)))
        }
        do {
            return .success(Prepared(url: target, secret: secret, text: try renderer?.render(d) ?? ""))
        } catch {
            return .failure(Stop(outcome: MessageRenderer.failure(error)))
        }
    }

    struct Stop: Error {
        let outcome: DeliveryOutcome
    }

    /// Prepares the delivery and hands it to `send`, or returns why it could not start.
    func deliver(_ d: Delivery, _ send: (Prepared) async -> DeliveryOutcome) async -> DeliveryOutcome {
        switch prepare(d) {
        case .failure(let stop): return stop.outcome
        case .success(let p): return await send(p)
        }
    }

    /// POSTs JSON; a 2xx answer is read by `check` (chat robots report errors in the body).
    func post(_ url: String, json: Any, headers: [String: String] = [:],
              check: (FetchResponse) -> DeliveryOutcome = { _ in .delivered }) async -> DeliveryOutcome {
        switch await transport.post(url, json: Data(JSONText.encode(json).utf8), headers: headers) {
        case .failure(let f): return f.outcome
        case .success(let r): return check(r)
        }
    }
}

/// A notifier that speaks HTTP through an ``HTTPChannel``; its channel name is the channel's.
public protocol HTTPNotifier: Notifier {
    var http: HTTPChannel { get }
}

extension HTTPNotifier {
    public var channel: String { http.name }
}

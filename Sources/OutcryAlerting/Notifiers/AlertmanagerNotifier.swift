import Foundation
import OutcryCore

/// Pushes alerts into an existing Prometheus Alertmanager (`POST /api/v2/alerts`), for teams
/// that already route there. Labels identify the spike (so Alertmanager de-duplicates repeats);
/// annotations carry the rendered summary and the timeline command.
public struct AlertmanagerNotifier: Notifier {
    public let channel: String
    let url: WebhookNotifier.Setting
    let tokenEnv: String?
    let generatorURL: String?
    let renderer: MessageRenderer
    let transport: WebhookTransport
    let secrets: Secrets

    public init(channel: String, url: WebhookNotifier.Setting, tokenEnv: String?, generatorURL: String?,
                renderer: MessageRenderer, transport: WebhookTransport, secrets: Secrets) {
        self.channel = channel
        self.url = url
        self.tokenEnv = tokenEnv
        self.generatorURL = generatorURL
        self.renderer = renderer
        self.transport = transport
        self.secrets = secrets
    }

    public func deliver(_ d: Delivery) async -> DeliveryOutcome {
        let base: String, token: String?
        do {
            base = try url.resolve(secrets)
            token = try secrets.optional(tokenEnv)
        } catch {
            return .missing(error)
        }
        var items: [[String: Any]] = []
        for alert in d.alerts {
            var one = d
            one.alerts = [alert]
            let description: String
            do { description = try renderer.render(one) } catch { return MessageRenderer.failure(error) }
            var item: [String: Any] = [
                "labels": [
                    "alertname": alert.isSourceHealth ? "OutcrySourceHealth" : "OutcrySpike",
                    "topic": alert.topic, "severity": alert.severity.rawValue, "spike": alert.spikeID,
                ],
                "annotations": [
                    "summary": TerminalText.clip("\(alert.topic): \(alert.volume) mentions vs \(String(format: "%.1f", alert.baseline)) expected, \(Int((alert.negativeShare * 100).rounded()))% complaints", 200),
                    "description": description,
                    "timeline": "outcry timeline \(alert.spikeID)",
                    "outcry_alert_id": alert.id,
                ],
                "startsAt": Timestamp.utc(alert.spikeStart),
            ]
            if let generatorURL { item["generatorURL"] = generatorURL }
            items.append(item)
        }
        let endpoint = base.hasSuffix("/api/v2/alerts") ? base : (base.hasSuffix("/") ? String(base.dropLast()) : base) + "/api/v2/alerts"
        let headers = token.map { ["Authorization": "Bearer \($0)"] } ?? [:]
        if case .failure(let f) = await transport.post(endpoint, json: Data(JSONText.encode(items).utf8), headers: headers) { return f.outcome }
        return .delivered
    }
}

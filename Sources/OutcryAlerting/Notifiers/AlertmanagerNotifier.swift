import Foundation
import OutcryCore

/// Pushes alerts into an existing Prometheus Alertmanager (`POST /api/v2/alerts`), for teams
/// that already route there. Labels identify the spike (so Alertmanager de-duplicates repeats);
/// annotations carry the rendered summary and the timeline command. The secret is the bearer token.
public struct AlertmanagerNotifier: HTTPNotifier {
    public let http: HTTPChannel
    let generatorURL: String?

    public init(_ http: HTTPChannel, generatorURL: String?) {
        self.http = http
        self.generatorURL = generatorURL
    }

    public func deliver(_ d: Delivery) async -> DeliveryOutcome {
        await http.deliver(d) { p in
            var items: [[String: Any]] = []
            for alert in d.alerts {
                var one = d
                one.alerts = [alert]
                let description: String
                do { description = try http.renderer?.render(one) ?? "" } catch { return MessageRenderer.failure(error) }
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
            let base = p.url.hasSuffix("/") ? String(p.url.dropLast()) : p.url
            let endpoint = base.hasSuffix("/api/v2/alerts") ? base : base + "/api/v2/alerts"
            return await http.post(endpoint, json: items, headers: p.secret.map { ["Authorization": "Bearer \($0)"] } ?? [:])
        }
    }
}

import Foundation
import OutcryCore

/// Prints alerts to standard output (sanitized text). The demo's channel.
public struct ConsoleNotifier: Notifier {
    public let channel = "console"
    public let utcOffset: Int
    private let labels: @Sendable (String) -> String?

    public init(utcOffset: Int, ticketLabel: @escaping @Sendable (String) -> String? = { _ in nil }) {
        self.utcOffset = utcOffset
        labels = ticketLabel
    }

    public func deliver(_ alert: Alert, idempotencyKey: String) async -> DeliveryOutcome {
        var map: [String: String] = [:]
        for t in alert.linkedTickets { map[t.id] = labels(t.id) }
        StandardOutput.write(AlertText.render(alert, utcOffset: utcOffset, ticketLabels: map) + "\n\n")
        return .delivered
    }
}


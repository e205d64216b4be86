import Foundation
import OutcryCore

/// Renders an alert as plain text for a terminal or a log: every untrusted string sanitized.
public enum AlertText {
    public static func render(_ alert: Alert, utcOffset: Int, ticketLabels: [String: String] = [:]) -> String {
        if alert.isSourceHealth {
            return "[\(alert.severity.rawValue.uppercased())] \(TerminalText.sanitize(alert.topTerms.first ?? alert.topic))\n"
                + "  since        \(Timestamp.format(alert.spikeStart, offset: utcOffset))\n"
                + "  detected at  \(Timestamp.format(alert.detectedAt, offset: utcOffset))\n"
                + "  check        outcry feeds status"
        }
        let ratio = alert.baseline > 0 ? Double(alert.volume) / alert.baseline : 0
        var lines: [String] = []
        lines.append("[\(alert.severity.rawValue.uppercased())] \(TerminalText.sanitize(alert.topic)) — "
            + "\(alert.volume) mentions in 30 min vs \(String(format: "%.1f", alert.baseline)) expected (×\(String(format: "%.0f", ratio))), "
            + "\(Int((alert.negativeShare * 100).rounded()))% complaints")
        lines.append("  spike start  \(Timestamp.format(alert.spikeStart, offset: utcOffset))")
        lines.append("  detected at  \(Timestamp.format(alert.detectedAt, offset: utcOffset))   (+\(minutes(alert.detectedAt.timeIntervalSince(alert.spikeStart))) after start)")
        if !alert.topTerms.isEmpty {
            lines.append("  top terms    " + alert.topTerms.map { TerminalText.sanitize($0) }.joined(separator: " · "))
        }
        if alert.linkedTickets.isEmpty {
            lines.append("  tickets      none linked")
        }
        for (i, t) in alert.linkedTickets.enumerated() {
            let label = ticketLabels[t.id].map { " " + TerminalText.clip($0, 48) } ?? ""
            lines.append("  ticket #\(i + 1)    \(TerminalText.sanitize(t.id)) (score \(String(format: "%.2f", t.score)))\(label)")
            for r in t.reasons.prefix(5) { lines.append("               - \(TerminalText.sanitize(r))") }
        }
        return lines.joined(separator: "\n")
    }

    static func minutes(_ seconds: TimeInterval) -> String {
        let m = Int(seconds / 60)
        return m >= 120 ? "\(m / 60) h \(m % 60) min" : "\(m) min"
    }
}

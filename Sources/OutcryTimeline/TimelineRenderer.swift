import Foundation
import OutcryCore

/// Renders a ``Timeline`` for a terminal or as Markdown, escaping untrusted text for each sink.
public enum TimelineRenderer {
    public static func text(_ t: Timeline, utcOffset: Int, width: Int = 110) -> String {
        var lines = ["Timeline of \(TerminalText.sanitize(t.spike.id)) (topic \(TerminalText.sanitize(t.spike.topic)))"]
        for e in t.entries {
            lines.append("  \(Timestamp.short(e.at, offset: utcOffset))  \(pad(e.kind.rawValue, 13)) \(TerminalText.clip(e.text, width - 33))")
        }
        lines.append(contentsOf: metrics(t, utcOffset: utcOffset).map { "  " + $0 })
        return lines.joined(separator: "\n")
    }

    public static func markdown(_ t: Timeline, utcOffset: Int) -> String {
        var out = "# Incident \(UntrustedText.markdown(t.spike.id))\n\nTopic: **\(UntrustedText.markdown(t.spike.topic))** · severity **\(t.spike.severity.rawValue)**\n\n"
        out += "| time | event | detail |\n|---|---|---|\n"
        for e in t.entries {
            out += "| \(Timestamp.format(e.at, offset: utcOffset)) | \(e.kind.rawValue) | \(UntrustedText.markdown(e.text)) |\n"
        }
        out += "\n" + metrics(t, utcOffset: utcOffset).map { "- " + UntrustedText.markdown($0) }.joined(separator: "\n") + "\n"
        return out
    }

    /// The headline metrics as (label, value) pairs, in reading order; every format shows these.
    static func metricPairs(_ t: Timeline, utcOffset: Int) -> [(String, String)] {
        let m = t.metrics
        var out: [(String, String)] = []
        if let d = m.firstTicketToFirstPost { out.append(("first ticket → first public post", span(d))) }
        if let d = m.firstPostToDetection { out.append(("first public post → detection", span(d))) }
        if let d = m.detectionToFirstAlert { out.append(("detection → first alert", span(d))) }
        if let d = m.detectionToFirstAcknowledgement { out.append(("detection → first acknowledgement", span(d))) }
        out.append(("peak", "\(m.peakVolume) mentions in 30 min at \(Timestamp.short(m.peakAt, offset: utcOffset))"))
        out.append(("total reach", grouped(m.totalReach)))
        return out
    }

    static func metrics(_ t: Timeline, utcOffset: Int = 0) -> [String] {
        metricPairs(t, utcOffset: utcOffset).map { "\($0.0): \($0.1)" }
    }

    /// 12345678 → "12,345,678".
    static func grouped(_ n: Int) -> String {
        let digits = String(abs(n))
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return n < 0 ? "-" + out : out
    }

    static func span(_ s: TimeInterval) -> String {
        let minutes = Int(s / 60)
        if abs(minutes) < 120 { return "\(minutes) min" }
        if abs(minutes) < 48 * 60 { return "\(minutes / 60) h \(abs(minutes) % 60) min" }
        return String(format: "%.1f days", s / 86_400)
    }

    static func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }
}

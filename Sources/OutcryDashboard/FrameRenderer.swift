import Foundation
import OutcryCore

/// Builds a frame of exactly `height` lines, each at most `width` columns, from a snapshot.
/// Pure: no terminal I/O, so it is tested with golden strings.
public enum FrameRenderer {
    public static func render(_ s: DashboardSnapshot, width: Int, height: Int) -> [String] {
        var lines: [String] = []
        lines.append(fit("Outcry · \(s.title) · \(Timestamp.format(s.now, offset: s.utcOffset)) · \(s.posts) posts", width))
        lines.append(String(repeating: "─", count: max(0, min(width, 80))))
        lines.append(fit(pad("TOPIC", 22) + pad("30 MIN", 8) + pad("COMPLAINTS", 12) + "STATE", width))
        for row in s.topics.sorted(by: { ($0.severity.map { $0 > .watch ? 2 : 1 } ?? 0, $0.recent) > ($1.severity.map { $0 > .watch ? 2 : 1 } ?? 0, $1.recent) }) {
            let share = row.recent == 0 ? "-" : "\(Int((Double(row.complaints) / Double(row.recent) * 100).rounded()))%"
            let state = row.severity.map { "\($0.rawValue.uppercased()) spike (×\(Int((Double(row.spikeVolume) / max(row.baseline, 0.1)).rounded())))" } ?? "quiet"
            lines.append(fit(pad(TerminalText.sanitize(row.name), 22) + pad(String(row.recent), 8) + pad(share, 12) + state, width))
        }
        lines.append("")
        lines.append(fit("ALERTS (\(s.alerts.count))", width))
        let detail = detailLines(s, width: width)
        for a in s.alerts.suffix(max(0, height - lines.count - 2 - detail.count)).reversed() {
            let top = a.linkedTickets.first.map { "→ \($0.id) (\(String(format: "%.2f", $0.score)))" } ?? "→ no ticket"
            lines.append(fit("  \(Timestamp.short(a.detectedAt, offset: s.utcOffset))  \(pad(a.severity.rawValue, 9))\(pad(TerminalText.sanitize(a.topic), 10))\(top)  " + a.topTerms.prefix(3).map(TerminalText.sanitize).joined(separator: " · "), width))
        }
        if lines.count + detail.count <= height { lines += detail }
        while lines.count < height { lines.append("") }
        return Array(lines.prefix(height))
    }

    /// The latest alert's linked tickets with their reasons: what to open first.
    static func detailLines(_ s: DashboardSnapshot, width: Int) -> [String] {
        guard let a = s.alerts.last, let top = a.linkedTickets.first else { return [] }
        var out = ["", fit("LIKELY ORIGIN of the \(a.severity.rawValue) alert on \(TerminalText.sanitize(a.topic))", width)]
        for t in a.linkedTickets.prefix(2) {
            out.append(fit("  \(TerminalText.sanitize(t.id))  score \(String(format: "%.2f", t.score))", width))
            for r in t.reasons.prefix(t.id == top.id ? 4 : 2) { out.append(fit("    - " + TerminalText.sanitize(r), width)) }
        }
        return out
    }

    /// Display width of a character: East Asian wide and emoji take two columns.
    static func columns(_ c: Character) -> Int {
        guard let v = c.unicodeScalars.first?.value else { return 0 }
        if (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
            || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1FAFF).contains(v) || (0x20000...0x3FFFD).contains(v) {
            return 2
        }
        return 1
    }

    /// Columns `s` takes on a terminal.
    public static func width(_ s: String) -> Int { s.reduce(0) { $0 + columns($1) } }

    static func pad(_ s: String, _ n: Int) -> String {
        let cut = fit(s, n - 1)
        return cut + String(repeating: " ", count: max(0, n - width(cut)))
    }

    static func fit(_ s: String, _ n: Int) -> String {
        var out = ""
        var used = 0
        for c in s {
            let w = columns(c)
            if used + w > n { break }
            out.append(c)
            used += w
        }
        return out
    }
}

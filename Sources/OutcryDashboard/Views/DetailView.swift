import Foundation
import OutcryCore

/// A topic's spike in depth: the volume chart, emerging terms, top posts by reach, the linked
/// tickets with their reasons, and the alerts sent with their delivery state.
enum DetailView {
    static func render(_ d: DashboardSnapshot.Detail?, _ s: DashboardSnapshot, _ ui: DashboardUI, into frame: inout Frame) {
        guard let d else {
            frame.add("  topic not found: Esc to go back", .dim)
            return
        }
        let t = d.topic
        guard let spike = t.spike else {
            frame.add("  \(Format.clean(t.name)): no spike yet · \(t.rate) mentions in 30 min (usually \(String(format: "%.1f", t.expected)))", .header)
            addChart(d.series, ui, into: &frame, height: 6)
            return
        }
        frame.add("  \(Format.clean(t.name)) · \(spike.severity.rawValue.uppercased()) · \(spike.volume) in 30 min vs \(String(format: "%.1f", spike.baseline)) usual "
            + "(\(Format.ratio(spike.volume, spike.baseline))) · \(Spike.complaintsClause(spike.complaints, usual: spike.usualComplaints)) "
            + "(\(Int((spike.negativeShare * 100).rounded()))%) · reach \(Format.count(spike.reach))",
            Format.style(spike.severity))
        frame.add("  started \(Format.clock(spike.start, s.utcOffset)) · detected \(Format.clock(spike.detectedAt, s.utcOffset))"
            + " · peak \(spike.peakVolume)\(spike.peakComplaints.map { " (\($0) complaints)" } ?? "") at \(Format.clock(spike.peakAt, s.utcOffset))"
            + (spike.state == .closed ? " · closed" : ""), .dim)
        addChart(d.series, ui, into: &frame, height: frame.height >= 40 ? 8 : 4)
        if !spike.topTerms.isEmpty {
            frame.add("  TERMS  " + spike.topTerms.prefix(8).map(Format.clean).joined(separator: " · "))
        }
        let budget = max(1, (frame.remaining - 2) / 3)
        frame.add("  TOP POSTS BY REACH", .header)
        if d.posts.isEmpty { frame.add("    none stored", .dim) }
        for p in d.posts.prefix(budget) {
            frame.add("    @\(Format.clean(p.author)) (\(Format.count(p.followers ?? 0)), \(Format.clock(p.createdAt, s.utcOffset))): \(Format.clean(p.text))")
        }
        frame.add("  LINKED TICKETS", .header)
        if d.tickets.isEmpty { frame.add("    none linked", .dim) }
        for (i, t) in d.tickets.prefix(3).enumerated() where !frame.isFull {
            frame.add("    \(i + 1). \(Format.clean(t.link.id)) (\(String(format: "%.2f", t.link.score))) \(Format.clean(t.subject))", i == 0 ? .good : .normal)
            for r in t.link.reasons.prefix(i == 0 ? 3 : 1) { frame.add("         - \(Format.clean(r))", .dim) }
        }
        frame.add("  ALERTS", .header)
        for a in d.alerts.prefix(max(1, frame.remaining)) {
            frame.add("    \(AlertsView.summary(a, s))", Format.style(a.alert.severity))
        }
    }

    static func addChart(_ series: [Int], _ ui: DashboardUI, into frame: inout Frame, height: Int) {
        let width = frame.width - 10
        guard width > 10, frame.remaining > height + 4 else { return }
        let top = series.suffix(width).max() ?? 0
        for (i, row) in Sparkline.chart(series, width: width, height: height, unicode: ui.unicode).enumerated() {
            let label = i == 0 ? DisplayWidth.padLeft(String(top), 6) : String(repeating: " ", count: 6)
            frame.add("  \(label) \(row)", .watch)
        }
        frame.add("         per 10 min, \(min(series.count, width) / 6) h to now", .dim)
    }
}

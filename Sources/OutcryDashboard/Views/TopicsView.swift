import Foundation
import OutcryCore

/// One row per watched topic, most severe and most surprising first: rate against what is
/// usual, a sparkline of the last hours, complaint share, the loudest author, the spike.
enum TopicsView {
    static func rows(_ s: DashboardSnapshot, filter: String) -> [DashboardSnapshot.TopicRow] {
        let f = filter.lowercased()
        return s.topics.filter { f.isEmpty || $0.id.lowercased().contains(f) || $0.name.lowercased().contains(f) }
            .sorted { a, b in a.priority != b.priority ? a.priority > b.priority : a.id < b.id }
    }

    static func render(_ s: DashboardSnapshot, _ ui: DashboardUI, into frame: inout Frame) {
        let rows = rows(s, filter: ui.filter)
        typealias C = Columns<DashboardSnapshot.TopicRow>.Column
        let columns = Columns<DashboardSnapshot.TopicRow>([
            C(title: "TOPIC", min: 10, max: 24, priority: 9) { r, _ in Format.clean(r.name) },
            C(title: "STATE", min: 13, max: 13, priority: 8) { r, _ in
                r.spike.map { "\($0.severity.rawValue.uppercased()) \(Format.ratio($0.volume, $0.baseline))" } ?? (r.rate > 0 ? "quiet" : "-")
            },
            C(title: "30 MIN", min: 6, max: 6, priority: 7, rightAligned: true) { r, _ in String(r.rate) },
            C(title: "USUAL", min: 6, max: 6, priority: 5, rightAligned: true) { r, _ in String(format: "%.1f", r.expected) },
            C(title: "CMPL", min: 5, max: 5, priority: 6, rightAligned: true) { r, _ in r.rate == 0 ? "-" : "\(Int((r.complaintShare * 100).rounded()))%" },
            C(title: "PER 10 MIN", min: 12, max: 72, priority: 4) { r, w in Sparkline.render(r.series, width: w, unicode: ui.unicode) },
            C(title: "LOUDEST", min: 16, max: 26, priority: 3) { r, _ in
                r.topAuthor.map { "@\(Format.clean($0)) \(Format.count(r.topAuthorFollowers))" } ?? "-"
            },
        ], width: frame.width - 2)
        frame.add("  " + columns.header(), .header)
        if rows.isEmpty { frame.add(ui.filter.isEmpty ? "  no topics configured" : "  no topic matches '\(Format.clean(ui.filter))'", .dim) }
        let visible = max(1, frame.remaining - 1)
        let first = max(0, min(ui.selected - visible + 1, rows.count - visible))
        for (i, r) in rows.enumerated().dropFirst(first).prefix(visible) {
            let line = columns.line(r)
            let selected = i == ui.selected && ui.view == .topics
            frame.add((selected ? "▶ " : "  ") + line, selected ? .selected : Format.style(r.spike?.severity))
        }
    }
}

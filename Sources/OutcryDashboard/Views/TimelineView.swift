import Foundation

/// The incident timeline (`t` on an alert or in a spike's detail), the same text as
/// `outcry timeline SPIKE`, scrolled with the movement keys.
enum TimelineView {
    static func render(_ lines: [String]?, _ ui: DashboardUI, into frame: inout Frame) {
        guard let lines, !lines.isEmpty else {
            frame.add("  no timeline: the spike is not in the store", .dim)
            return
        }
        let visible = max(1, frame.remaining - 1)
        let first = max(0, min(ui.selected, lines.count - visible))
        for line in lines.dropFirst(first).prefix(visible) { frame.add(" " + Format.clean(line)) }
        frame.add("  lines \(first + 1)–\(min(lines.count, first + visible)) of \(lines.count) · ↑ ↓ scroll · Esc back", .dim)
    }
}

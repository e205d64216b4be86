import Foundation
import OutcryCore

/// Builds a frame from a snapshot and the UI state. Pure: no terminal I/O, so every view is
/// tested with golden text at 80×24 and 160×48.
public enum DashboardRenderer {
    /// - Parameter timeline: the open timeline's text lines (the timeline view).
    public static func render(_ s: DashboardSnapshot, ui: DashboardUI, detail: DashboardSnapshot.Detail? = nil, timeline: [String]? = nil,
                              width: Int, height: Int) -> Frame {
        var frame = Frame(width: max(20, width), height: max(5, height))
        let clock = Timestamp.format(s.now, offset: s.utcOffset) + (s.replayedClock ? " (replayed data)" : "")
        let open = s.topics.filter { $0.spike != nil }.count
        frame.add(" Outcry · \(Format.clean(s.title)) · \(clock) · \(open) open spike\(open == 1 ? "" : "s")", .title)
        let tabs = [("1 Topics", DashboardUI.View.topics), ("2 Alerts", .alerts), ("3 Sources", .sources)]
        frame.add(" " + tabs.map { ui.view == $0.1 || (ui.view == .detail && $0.1 == .topics) || (ui.view == .timeline && $0.1 == ui.timelineReturn) ? "[\($0.0)]" : " \($0.0) " }.joined(separator: " ")
            + (ui.typingFilter || !ui.filter.isEmpty ? "   filter: \(Format.clean(ui.filter))\(ui.typingFilter ? "▏" : "")" : "")
            + (ui.silenceTopic.map { "   silence \(Format.clean($0)) for: \(ui.silenceDuration)▏ (Enter, Esc)" } ?? ""),
            ui.silenceTopic == nil ? .dim : .selected)
        var body = Frame(width: frame.width, height: frame.height - 3)
        switch ui.view {
        case .topics: TopicsView.render(s, ui, into: &body)
        case .detail: DetailView.render(detail, s, ui, into: &body)
        case .alerts: AlertsView.render(s, ui, into: &body)
        case .sources: SourcesView.render(s, ui, into: &body)
        case .help: HelpView.render(into: &body)
        case .timeline: TimelineView.render(timeline, ui, into: &body)
        }
        body.finish()
        frame.lines += body.lines
        frame.add(statusLine(s, ui, width: frame.width), ui.message == nil ? .dim : .good)
        frame.finish()
        return width < frame.width || height < frame.height ? frame.cropped(width: max(1, width), height: max(1, height)) : frame
    }

    static func statusLine(_ s: DashboardSnapshot, _ ui: DashboardUI, width: Int) -> String {
        if let m = ui.message { return " " + Format.clean(m) }
        let failing = s.sources.filter { $0.consecutiveFailures > 0 }.count
        let sources = s.sources.isEmpty ? "no sources" : "sources \(s.sources.count - failing) ok" + (failing > 0 ? " / \(failing) FAILING" : "")
        let rate = s.ingestRate.map { String(format: "%.0f posts/min", $0) } ?? "\(Format.count(s.posts)) posts"
        let unacked = s.alerts.filter { $0.open && $0.acknowledgedBy == nil }.count
        return " \(Format.clean(s.store)) · \(sources) · \(rate) · \(unacked) unacked · updated \(Timestamp.format(s.readAt, offset: s.utcOffset).dropFirst(11).prefix(8)) · ? help  q quit"
    }
}

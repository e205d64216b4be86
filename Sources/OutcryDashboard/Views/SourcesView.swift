import Foundation
import OutcryCore

/// Feed health, so a silent feed is never mistaken for a quiet topic.
enum SourcesView {
    static func render(_ s: DashboardSnapshot, _ ui: DashboardUI, into frame: inout Frame) {
        frame.add("  SOURCE               HEALTH   HTTP  ITEMS  LAST OK       NEXT POLL     ERROR", .header)
        if s.sources.isEmpty { frame.add("  no source polled yet (outcry run writes their state)", .dim) }
        for (i, src) in s.sources.enumerated().prefix(max(1, frame.remaining)) {
            let selected = i == ui.selected
            let line = DisplayWidth.pad(Format.clean(src.id), 21) + DisplayWidth.pad(src.health, 9)
                + DisplayWidth.pad(src.lastStatus.map(String.init) ?? "-", 6) + DisplayWidth.padLeft(String(src.totalItems), 5) + "  "
                + DisplayWidth.pad(src.lastSuccessAt.map { Format.clock($0, s.utcOffset) } ?? "never", 14)
                + DisplayWidth.pad(Format.clock(src.nextPollAt, s.utcOffset), 14) + Format.clean(src.lastError ?? "")
            frame.add((selected ? "▶ " : "  ") + line, selected ? .selected : src.consecutiveFailures > 0 ? .bad : src.health == "ok" ? .normal : .warning)
        }
    }
}

/// The keys, for `?`.
enum HelpView {
    static let keys: [(String, String)] = [
        ("↑ ↓ j k, PgUp PgDn, g G", "move"), ("Enter", "open the selected topic's spike"), ("Esc", "back / clear the filter"),
        ("/", "filter topics (type, Enter)"), ("1 2 3, Tab", "topics · alerts · sources"), ("a", "acknowledge the selected alert"),
        ("s", "silence the selected topic (type a duration: 30m, 2h, 1d; Enter)"), ("t", "the incident timeline of the selected alert or spike"),
        ("?", "this help"), ("q, Ctrl-C", "quit"),
    ]

    static func render(into frame: inout Frame) {
        frame.add("  KEYS", .header)
        for (k, v) in keys { frame.add("  \(DisplayWidth.pad(k, 26))\(v)") }
        frame.add("")
        frame.add("  Colours: red critical, yellow warning, cyan watch. NO_COLOR=1 turns them off; --ascii draws without Unicode blocks.", .dim)
    }
}

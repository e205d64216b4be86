import Foundation
import OutcryCore

/// Alerts, open ones first: severity, age, topic, receivers, delivery state, acknowledgement.
enum AlertsView {
    static func rows(_ s: DashboardSnapshot) -> [DashboardSnapshot.AlertRow] {
        s.alerts.enumerated().sorted { a, b in
            a.element.open != b.element.open ? a.element.open : a.offset < b.offset
        }.map(\.element)
    }

    static func summary(_ r: DashboardSnapshot.AlertRow, _ s: DashboardSnapshot) -> String {
        let a = r.alert
        let delivery = r.dead > 0 ? "\(r.dead) DEAD" : r.waiting > 0 ? "\(r.waiting) waiting" : r.delivered > 0 ? "sent ×\(r.delivered)" : "not routed"
        return "\(DisplayWidth.pad(a.severity.rawValue.uppercased(), 9))\(DisplayWidth.padLeft(Format.age(s.now.timeIntervalSince(a.detectedAt)), 6))  "
            + "\(DisplayWidth.pad(Format.clean(a.topic), 16)) \(DisplayWidth.pad(r.receivers.joined(separator: ","), 12)) "
            + "\(DisplayWidth.pad(delivery, 12)) \(r.acknowledgedBy.map { "ack " + Format.clean($0) } ?? (r.open ? "UNACKED" : "closed"))"
    }

    static func render(_ s: DashboardSnapshot, _ ui: DashboardUI, into frame: inout Frame) {
        let rows = rows(s)
        frame.add("  SEVERITY    AGE  TOPIC            RECEIVERS    DELIVERY     ACK", .header)
        if rows.isEmpty { frame.add("  no alerts yet", .dim) }
        let visible = max(1, frame.remaining - 4)
        let first = max(0, min(ui.selected - visible + 1, rows.count - visible))
        for (i, r) in rows.enumerated().dropFirst(first).prefix(visible) {
            let selected = i == ui.selected
            frame.add((selected ? "▶ " : "  ") + summary(r, s), selected ? .selected : r.open ? Format.style(r.alert.severity) : .dim)
        }
        if rows.indices.contains(ui.selected), frame.remaining > 2 {
            let a = rows[ui.selected].alert
            frame.add("")
            frame.add("  \(a.id): top ticket \(a.linkedTickets.first.map { "\(Format.clean($0.id)) — \(Format.clean($0.reasons.first ?? ""))" } ?? "none")", .dim)
            frame.add("  a acknowledge · s silence its topic · t timeline (outcry timeline \(a.spikeID))", .dim)
        }
    }
}

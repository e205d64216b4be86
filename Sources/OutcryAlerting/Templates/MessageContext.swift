import Foundation
import OutcryCore

/// Builds what templates see for one notification: the alerts with their numbers formatted for
/// the receiver's language and clock, the top posts by reach and the linked tickets with their
/// reasons. Text from posts and tickets goes in raw; the template's format escapes it.
public struct MessageContext: Sendable {
    public var language: MessageLanguage
    public var utcOffset: Int
    /// Posts shown per alert, by reach.
    public var postLimit = 3

    public init(language: MessageLanguage, utcOffset: Int) {
        self.language = language
        self.utcOffset = utcOffset
    }

    public func build(_ n: AlertNotification, alerts: [Alert], posts: [String: Post], tickets: [String: Ticket]) -> TemplateValue {
        let items = alerts.map { alert(for: $0, posts: posts, tickets: tickets, isNew: n.newAlertIDs.contains($0.id)) }
        let worst = alerts.map(\.severity).max() ?? .watch
        let groupText = n.groupLabels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
        return .object([
            "kind": .text(n.kind.rawValue),
            "is_test": .flag(n.kind == .test),
            "is_reminder": .flag(n.kind == .reminder),
            "is_escalation": .flag(n.kind == .escalation),
            "receiver": .text(n.receiver),
            "group": .text(groupText),
            "count": .text(String(alerts.count)),
            "several": .flag(alerts.count > 1),
            "severity": .text(worst.rawValue),
            "SEVERITY": .text(worst.rawValue.uppercased()),
            "severity_label": .text(label(worst)),
            "alerts": .list(items),
            "first": items.first ?? .object([:]),
            "sent_at": .text(Timestamp.format(n.createdAt, offset: utcOffset)),
            "notification_id": .text(n.id),
        ])
    }

    func alert(for a: Alert, posts: [String: Post], tickets: [String: Ticket], isNew: Bool) -> TemplateValue {
        let ratio = a.baseline > 0 ? Double(a.volume) / a.baseline : 0
        let top = a.samplePosts.compactMap { posts[$0] }.sorted { ($0.reach, $1.id) > ($1.reach, $0.id) }.prefix(postLimit)
        let postItems: [TemplateValue] = top.map { p in
            .object([
                "id": .text(p.id),
                "author": .text(p.author),
                "followers": .text(CompactCount.format(p.followers ?? 0)),
                "text": .text(TerminalText.clip(p.text, 280)),
                "url": .text(p.url ?? ""),
                "time": .text(Timestamp.format(p.createdAt, offset: utcOffset)),
            ])
        }
        let ticketItems: [TemplateValue] = a.linkedTickets.enumerated().map { i, t in
            .object([
                "rank": .text(String(i + 1)),
                "id": .text(t.id),
                "score": .text(String(format: "%.2f", t.score)),
                "subject": .text(tickets[t.id].map { TerminalText.clip($0.subject, 120) } ?? ""),
                "reasons": .list(t.reasons.prefix(5).map { .text($0) }),
            ])
        }
        return .object([
            "id": .text(a.id),
            "spike": .text(a.spikeID),
            "topic": .text(a.topic),
            "severity": .text(a.severity.rawValue),
            "SEVERITY": .text(a.severity.rawValue.uppercased()),
            "severity_label": .text(label(a.severity)),
            "is_new": .flag(isNew),
            "is_source": .flag(a.isSourceHealth),
            "source_problem": .text(a.isSourceHealth ? (a.topTerms.first ?? "") : ""),
            "volume": .text(String(a.volume)),
            "baseline": .text(String(format: "%.1f", a.baseline)),
            "ratio": .text(ratio >= 10 ? String(format: "%.0f", ratio) : String(format: "%.1f", ratio)),
            "complaint_pct": .text(String(Int((a.negativeShare * 100).rounded()))),
            "complaints": .text(String(a.complaints)),
            "usual_complaints": .text(a.usualComplaints.map { String(format: "%.1f", $0) } ?? "?"),
            "spike_start": .text(Timestamp.format(a.spikeStart, offset: utcOffset)),
            "detected_at": .text(Timestamp.format(a.detectedAt, offset: utcOffset)),
            "since_start": .text(Self.span(a.detectedAt.timeIntervalSince(a.spikeStart), language)),
            "top_terms": .list(a.isSourceHealth ? [] : a.topTerms.map { .text($0) }),
            "posts": .list(postItems),
            "tickets": .list(ticketItems),
            "timeline_command": .text("outcry timeline \(a.spikeID)"),
            "ack_command": .text("outcry alerts ack \(a.id)"),
        ])
    }

    func label(_ s: Severity) -> String {
        switch (language, s) {
        case (.en, _): s.rawValue
        case (.zhHans, .watch): "关注"
        case (.zhHans, .warning): "警告"
        case (.zhHans, .critical): "严重"
        }
    }

    static func span(_ seconds: TimeInterval, _ language: MessageLanguage) -> String {
        let m = max(0, Int(seconds / 60))
        switch language {
        case .en: return m >= 120 ? "\(m / 60) h \(m % 60) min" : "\(m) min"
        case .zhHans: return m >= 120 ? "\(m / 60) 小时 \(m % 60) 分钟" : "\(m) 分钟"
        }
    }

    /// A realistic alert for validating templates and for `outcry alerts test`.
    public static func sample(at time: Date) -> (AlertNotification, [Alert], [String: Post], [String: Ticket]) {
        let spike = Spike(id: "S-test-\(Int(time.timeIntervalSince1970))", topic: "test-topic", start: time.addingTimeInterval(-1800),
                          detectedAt: time, severity: .warning, score: 9.5, volume: 120, baseline: 6.5, negativeShare: 0.62, usualComplaints: 0.8,
                          reach: 1_200_000, topTerms: ["Outcry test", "测试告警"], samplePosts: ["test-post-1"])
        let alert = Alert(spike: spike, at: time, linkedTickets: [
            LinkedTicket(id: "TEST-1", score: 0.9, reasons: ["this is a test alert from outcry alerts test"]),
        ])
        let post = Post(id: "test-post-1", source: "test", author: "outcry", followers: 1_200_000,
                        text: "This is a test alert: no action needed. 这是一条测试告警。", createdAt: time)
        let ticket = Ticket(id: "TEST-1", createdAt: time.addingTimeInterval(-86400), status: .open,
                            subject: "Test ticket", body: "", events: [])
        let n = AlertNotification(id: "N-test-\(Int(time.timeIntervalSince1970))", receiver: "test", groupKey: "test",
                                  groupLabels: ["topic": "test-topic"], kind: .test, alertIDs: [alert.id],
                                  newAlertIDs: [alert.id], createdAt: time, sequence: 1)
        return (n, [alert], [post.id: post], [ticket.id: ticket])
    }
}

import Foundation
import OutcryCore

/// Decides who is told what and when, with Alertmanager's semantics: alerts are routed down
/// the tree into groups; a new group waits `group_wait` to gather company; a changed group is
/// notified at most every `group_interval`, except that a severity upgrade goes out at once; an
/// unchanged, unacknowledged group is reminded every `repeat_interval`; silenced and inhibited
/// alerts are left out; a warning-or-worse alert unacknowledged past `escalate.after` also goes
/// to the escalation receiver.
///
/// Pure state machine over an injected time: the ``Monitor`` feeds it alerts and ticks and
/// commits its notifications and changed groups in the same transaction.
public struct AlertRouter: Sendable {
    public let config: AlertingConfig
    private let nodes: [String: Route]
    private var groups: [String: AlertGroup] = [:]
    private var acknowledged: Set<String> = []
    private var silences: [(Silence, [LabelMatcher])] = []
    private var changed: Set<String> = []

    public init(config: AlertingConfig) {
        self.config = config
        nodes = Dictionary(config.route.allNodes.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
    }

    // MARK: rules

    /// The labels of an alert for this spike, or nil when no rule admits it.
    public func admit(_ spike: Spike, at time: Date) -> [String: String]? {
        guard let rule = config.rules.first(where: { $0.appliesTo(topic: spike.topic) }), rule.refusal(spike, at: time) == nil else {
            return nil
        }
        return rule.labels.merging(["topic": spike.topic, "severity": spike.severity.rawValue, "kind": "spike",
                                    "spike": spike.id, "rule": rule.name]) { _, new in new }
    }

    public static func labels(sourceAlert alert: Alert) -> [String: String] {
        ["topic": alert.topic, "severity": alert.severity.rawValue, "kind": "source", "spike": alert.spikeID]
    }

    // MARK: input

    /// Places an alert in the group of every route that takes it.
    public mutating func accept(_ alert: Alert, labels: [String: String], at time: Date) {
        for node in config.route.match(labels) {
            let groupLabels = node.groupLabels(labels)
            let key = node.path + "|" + node.receiver + "|" + groupLabels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
            var group = groups[key] ?? AlertGroup(key: key, routePath: node.path, receiver: node.receiver, labels: groupLabels, createdAt: time)
            if let old = group.members[alert.spikeID], old.active {
                guard old.alertID != alert.id else { continue }
                if alert.severity > old.severity { group.urgent = true }
            }
            group.members[alert.spikeID] = AlertGroup.Member(alertID: alert.id, spikeID: alert.spikeID, severity: alert.severity, labels: labels)
            groups[key] = group
            changed.insert(key)
        }
    }

    /// The spike is over: its alert leaves every group; an empty group is forgotten.
    public mutating func resolve(spikeID: String) {
        for (key, var group) in groups where group.members[spikeID]?.active == true {
            group.members[spikeID]?.active = false
            groups[key] = group.activeMembers.isEmpty ? nil : group
            changed.insert(key)
        }
    }

    /// The alerts in the groups now: the ones whose acknowledgements matter.
    public var activeAlertIDs: Set<String> {
        Set(groups.values.lazy.flatMap(\.activeMembers).map(\.alertID))
    }

    /// Acknowledgements and silences as the store has them now (another process may add them).
    public mutating func update(acknowledged: Set<String>, silences: [Silence]) {
        self.acknowledged = acknowledged
        self.silences = silences.compactMap { s in
            let m = s.matchers.compactMap { try? LabelMatcher.parse($0) }
            return m.count == s.matchers.count ? (s, m) : nil
        }
    }

    // MARK: decisions

    /// The notifications due at `now`, in a stable order.
    public mutating func tick(at now: Date) -> [AlertNotification] {
        let firing = groups.values.flatMap { $0.activeMembers }
        var out: [AlertNotification] = []
        for key in groups.keys.sorted() {
            guard var group = groups[key], let node = nodes[group.routePath] else { continue }
            let visible = group.activeMembers.filter { m in
                !isSilenced(m.labels, at: now) && !isInhibited(m, among: firing)
            }
            if let n = notification(&group, visible: visible, node: node, now: now) {
                out.append(n)
                changed.insert(key)
            }
            if let e = escalation(&group, visible: visible, node: node, now: now) {
                out.append(e)
                changed.insert(key)
            }
            groups[key] = group
        }
        return out
    }

    private func notification(_ g: inout AlertGroup, visible: [AlertGroup.Member], node: Route, now: Date) -> AlertNotification? {
        guard !visible.isEmpty else { return nil }
        let current = visible.map(\.alertID)
        let fresh = current.filter { !g.lastSent.contains($0) }
        var kind = AlertNotification.Kind.firing
        if let last = g.lastNotifiedAt {
            if !fresh.isEmpty {
                guard g.urgent || now >= last.addingTimeInterval(node.groupInterval) else { return nil }
            } else {
                guard node.repeatInterval > 0, now >= last.addingTimeInterval(node.repeatInterval),
                      visible.contains(where: { !acknowledged.contains($0.alertID) }) else { return nil }
                kind = .reminder
            }
        } else {
            guard now >= g.createdAt.addingTimeInterval(node.groupWait) || g.urgent else { return nil }
        }
        g.sequence += 1
        g.lastNotifiedAt = now
        g.lastSent = current.sorted()
        g.urgent = false
        for m in visible where g.members[m.spikeID]?.firstNotifiedAt == nil || fresh.contains(m.alertID) {
            g.members[m.spikeID]?.firstNotifiedAt = now
            g.members[m.spikeID]?.escalated = false
        }
        return AlertNotification(id: Self.id("N", g.key, g.createdAt, String(g.sequence)), receiver: g.receiver, groupKey: g.key,
                                 groupLabels: g.labels, kind: kind, alertIDs: current, newAlertIDs: kind == .firing ? fresh : [],
                                 createdAt: now, sequence: g.sequence)
    }

    private func escalation(_ g: inout AlertGroup, visible: [AlertGroup.Member], node: Route, now: Date) -> AlertNotification? {
        guard let e = node.escalation else { return nil }
        let due = visible.filter { m in
            m.severity >= .warning && !m.escalated && !acknowledged.contains(m.alertID)
                && (g.members[m.spikeID]?.firstNotifiedAt.map { now >= $0.addingTimeInterval(e.after) } ?? false)
        }
        guard !due.isEmpty else { return nil }
        for m in due { g.members[m.spikeID]?.escalated = true }
        let ids = due.map(\.alertID)
        return AlertNotification(id: Self.id("E", g.key, g.createdAt, ids.joined(separator: ",")), receiver: e.receiver,
                                 groupKey: g.key, groupLabels: g.labels, kind: .escalation, alertIDs: ids, newAlertIDs: ids,
                                 createdAt: now, sequence: 1)
    }

    func isSilenced(_ labels: [String: String], at now: Date) -> Bool {
        silences.contains { s, matchers in s.isActive(at: now) && matchers.allSatisfy { $0.matches(labels) } }
    }

    func isInhibited(_ m: AlertGroup.Member, among firing: [AlertGroup.Member]) -> Bool {
        config.inhibitRules.contains { rule in
            firing.contains { $0.alertID != m.alertID && rule.inhibits(m.labels, by: $0.labels) }
        }
    }

    /// Deterministic, so re-running a replay over the same store inserts nothing twice.
    static func id(_ prefix: String, _ key: String, _ created: Date, _ suffix: String) -> String {
        "\(prefix)-" + String(format: "%016llx", StableHash.fnv1a("\(key)|\(Int(created.timeIntervalSince1970 * 1000))|\(suffix)"))
    }

    // MARK: persistence

    /// Groups changed since the last call, as (key, JSON) — nil for a forgotten group.
    public mutating func takeChanges() -> [(key: String, state: String?)] {
        defer { changed.removeAll() }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return changed.sorted().map { key in
            (key, groups[key].flatMap { try? encoder.encode($0) }.map { String(decoding: $0, as: UTF8.self) })
        }
    }

    /// Restores the groups a previous run saved.
    public mutating func restore(_ saved: [(key: String, state: String)]) {
        for (key, state) in saved {
            if let g = try? JSONDecoder().decode(AlertGroup.self, from: Data(state.utf8)), nodes[g.routePath] != nil {
                groups[key] = g
            }
        }
    }

    /// Channels a receiver delivers to.
    public func channels(of receiver: String) -> [String] {
        config.receiver(named: receiver)?.channels.map(\.name) ?? []
    }
}

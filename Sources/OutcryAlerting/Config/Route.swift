import Foundation

/// A node of the routing tree (Alertmanager semantics). An alert enters at the root and
/// descends into the first child whose matchers all hold (and on into further children when a
/// matching child says `continue`); the deepest matching nodes receive it. Children inherit
/// the receiver, grouping and timing they do not set.
public struct Route: Sendable, Hashable {
    /// Optional name, for `outcry alerts test ROUTE` and messages.
    public var name: String?
    public var receiver: String
    public var matchers: [LabelMatcher] = []
    /// Labels whose values split alerts into groups; `["..."]` groups by every label.
    public var groupBy: [String] = ["topic"]
    /// Wait before the first notification of a new group, to gather alerts that arrive together.
    public var groupWait: TimeInterval = 30
    /// Wait before notifying a group again about new or changed alerts.
    public var groupInterval: TimeInterval = 300
    /// Re-send an unchanged, unacknowledged group after this long; 0 never repeats.
    public var repeatInterval: TimeInterval = 4 * 3600
    public var `continue` = false
    /// A warning-or-worse alert still unacknowledged this long after it was first sent also
    /// goes to `escalation.receiver`.
    public var escalation: Escalation?
    public var routes: [Route] = []
    /// Where the node was written, for messages.
    public var path: String = "route"
    public var line: Int?

    public struct Escalation: Sendable, Hashable {
        public var after: TimeInterval
        public var receiver: String
        /// The route that wrote it (children inherit it), for messages.
        public var definedAt: String
        public var line: Int?
        public init(after: TimeInterval, receiver: String, definedAt: String = "route", line: Int? = nil) {
            self.after = after
            self.receiver = receiver
            self.definedAt = definedAt
            self.line = line
        }
    }

    public init(receiver: String) { self.receiver = receiver }

    /// The nodes that take an alert with these labels (usually one).
    public func match(_ labels: [String: String]) -> [Route] {
        guard matchers.allSatisfy({ $0.matches(labels) }) else { return [] }
        var found: [Route] = []
        for child in routes {
            let m = child.match(labels)
            if m.isEmpty { continue }
            found += m
            if !child.continue { break }
        }
        return found.isEmpty ? [self] : found
    }

    /// Every node, depth first (for validation and `alerts test`).
    public var allNodes: [Route] { [self] + routes.flatMap(\.allNodes) }

    /// The group an alert falls into under this node.
    public func groupLabels(_ labels: [String: String]) -> [String: String] {
        if groupBy == ["..."] { return labels }
        var out: [String: String] = [:]
        for key in groupBy { out[key] = labels[key] ?? "" }
        return out
    }
}

/// Mutes alerts while a more important one is firing: while an alert matching `source` is
/// active, alerts matching `target` with the same values of the `equal` labels are not sent
/// (a critical on a topic mutes its warnings).
public struct InhibitRule: Sendable, Hashable {
    public var source: [LabelMatcher]
    public var target: [LabelMatcher]
    public var equal: [String]

    public init(source: [LabelMatcher], target: [LabelMatcher], equal: [String]) {
        self.source = source
        self.target = target
        self.equal = equal
    }

    public func inhibits(_ target: [String: String], by source: [String: String]) -> Bool {
        guard self.target.allSatisfy({ $0.matches(target) }), self.source.allSatisfy({ $0.matches(source) }) else { return false }
        guard equal.allSatisfy({ target[$0] == source[$0] }) else { return false }
        return target != source
    }
}

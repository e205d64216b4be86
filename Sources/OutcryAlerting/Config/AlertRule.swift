import Foundation
import OutcryCore

/// Decides when a spike becomes an alert. Rules are tried in order; the first whose topic
/// pattern matches decides. A spike no rule admits is still recorded (timeline, dashboard) but
/// raises no alert.
public struct AlertRule: Sendable, Hashable {
    public var name: String
    /// Topic ids or glob patterns (`jd-*`); empty means every topic.
    public var topics: [String] = []
    public var minSeverity: Severity = .watch
    public var minVolume = 0
    public var minNegativeShare = 0.0
    /// Reach (followers summed over the spike's posts).
    public var minReach = 0
    public var quietHours: QuietHours?
    /// Added to the alert's labels, for routes and inhibition (`team: logistics`).
    public var labels: [String: String] = [:]

    public init(name: String) { self.name = name }

    public func appliesTo(topic: String) -> Bool {
        topics.isEmpty || topics.contains { Glob.matches($0, topic) }
    }

    /// Why this rule refuses the spike, or nil when it admits it.
    public func refusal(_ spike: Spike, at time: Date) -> String? {
        if spike.severity < minSeverity { return "severity \(spike.severity.rawValue) below \(minSeverity.rawValue)" }
        if spike.volume < minVolume { return "volume \(spike.volume) below \(minVolume)" }
        if spike.negativeShare < minNegativeShare {
            return "complaint share \(Int(spike.negativeShare * 100))% below \(Int(minNegativeShare * 100))%"
        }
        if spike.reach < minReach { return "reach \(spike.reach) below \(minReach)" }
        if let q = quietHours, q.contains(time), spike.severity < q.minSeverity {
            return "quiet hours: only \(q.minSeverity.rawValue) alerts"
        }
        return nil
    }
}

/// Hours of the day (in the audience's UTC offset) when only severe spikes alert. Spans
/// midnight when `from > to` (23:00–07:00).
public struct QuietHours: Sendable, Hashable {
    /// Minutes after local midnight.
    public var from: Int
    public var to: Int
    public var utcOffset: Int
    /// The lowest severity that still alerts during quiet hours.
    public var minSeverity: Severity = .critical

    public init(from: Int, to: Int, utcOffset: Int, minSeverity: Severity = .critical) {
        self.from = from
        self.to = to
        self.utcOffset = utcOffset
        self.minSeverity = minSeverity
    }

    public func contains(_ time: Date) -> Bool {
        let local = Int(time.timeIntervalSince1970) + utcOffset
        let minute = ((local % 86400 + 86400) % 86400) / 60
        return from <= to ? (minute >= from && minute < to) : (minute >= from || minute < to)
    }
}

/// Shell-style `*` and `?` patterns for topic ids.
public enum Glob {
    public static func matches(_ pattern: String, _ text: String) -> Bool {
        let p = Array(pattern.unicodeScalars), t = Array(text.unicodeScalars)
        var pi = 0, ti = 0, star = -1, mark = 0
        while ti < t.count {
            if pi < p.count && (p[pi] == "?" || p[pi] == t[ti]) {
                pi += 1; ti += 1
            } else if pi < p.count && p[pi] == "*" {
                star = pi; mark = ti; pi += 1
            } else if star >= 0 {
                pi = star + 1; mark += 1; ti = mark
            } else {
                return false
            }
        }
        while pi < p.count && p[pi] == "*" { pi += 1 }
        return pi == p.count
    }
}

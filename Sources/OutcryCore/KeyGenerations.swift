import Foundation

/// Keys remembered for a span of time in generations: forgetting drops the oldest generation
/// whole — no pass over the table, no pause on the ingest path — so memory follows the posts of
/// `span × kept` to `span × (kept + 1)` of time.
public struct KeyGenerations<Value: Sendable>: Sendable {
    public let span: TimeInterval
    public let kept: Int
    private var current: [UInt64: Value] = [:]
    /// Newest first.
    private var previous: [[UInt64: Value]] = []
    private var start: Date?

    public init(span: TimeInterval, kept: Int) {
        self.span = span
        self.kept = kept
    }

    /// Starts new generations as time passes (times before the current generation change nothing).
    public mutating func advance(to time: Date) {
        guard let s = start else { start = time; return }
        let elapsed = time.timeIntervalSince(s)
        guard elapsed >= span else { return }
        let steps = Int(min(elapsed / span, Double(kept + 1)))
        previous.insert(current, at: 0)
        current = [:]
        for _ in 1..<steps { previous.insert([:], at: 0) }
        if previous.count > kept { previous.removeLast(previous.count - kept) }
        start = s.addingTimeInterval(span * (elapsed / span).rounded(.down))
    }

    public func value(for key: UInt64) -> Value? {
        if let v = current[key] { return v }
        for g in previous { if let v = g[key] { return v } }
        return nil
    }

    public func contains(_ key: UInt64) -> Bool { value(for: key) != nil }

    public mutating func insert(_ key: UInt64, _ value: Value) { current[key] = value }
}


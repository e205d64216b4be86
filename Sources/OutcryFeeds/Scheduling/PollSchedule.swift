import Foundation
import OutcryCore

/// How often a source may be polled.
public struct PollPolicy: Sendable, Hashable {
    public var minInterval: TimeInterval = 60
    public var maxInterval: TimeInterval = 3600
    public var initialInterval: TimeInterval = 300
    public init() {}

    /// `interval` within the configured bounds: a `max_interval` below the 300 s a source starts
    /// at, or bounds changed since a saved state was written, hold from the next poll on.
    public func clamped(_ interval: TimeInterval) -> TimeInterval {
        min(maxInterval, max(minInterval, interval))
    }
}

/// What one poll came to.
public enum PollOutcome: Sendable, Hashable {
    case fetched(newItems: Int)
    case notModified
    /// 429 or 503: the server asked us to slow down, perhaps saying for how long.
    case throttled(status: Int, retryAfter: TimeInterval?)
    case failed(status: Int?, message: String)
}

/// The pure scheduling rule: given an outcome, when to poll next. No I/O, no clock reads.
///
/// New items halve the interval (down to the minimum); nothing new stretches it by half (up to
/// the maximum), so each source settles near its own update rate. Throttling honours
/// `Retry-After`; failures back off exponentially with jitter that is deterministic per source,
/// so a restart does not synchronize every source into a thundering herd.
public enum PollSchedule {
    public static func record(_ outcome: PollOutcome, on state: inout SourceState, at now: Date, policy: PollPolicy) {
        state.lastAttemptAt = now
        switch outcome {
        case .fetched(let n):
            state.lastStatus = 200
            state.lastSuccessAt = now
            state.lastError = nil
            state.consecutiveFailures = 0
            state.newItemsLastPoll = n
            state.totalItems += n
            if n > 0 {
                if let last = state.lastNewItemAt {
                    let gap = now.timeIntervalSince(last)
                    state.meanNewItemGap = state.meanNewItemGap.map { 0.8 * $0 + 0.2 * gap } ?? gap
                }
                state.lastNewItemAt = now
            }
            state.interval = policy.clamped(n > 0 ? state.interval / 2 : state.interval * 1.5)
            state.nextPollAt = now.addingTimeInterval(state.interval)
        case .notModified:
            state.lastStatus = 304
            state.lastSuccessAt = now
            state.lastError = nil
            state.consecutiveFailures = 0
            state.newItemsLastPoll = 0
            state.interval = policy.clamped(state.interval * 1.5)
            state.nextPollAt = now.addingTimeInterval(state.interval)
        case .throttled(let status, let retryAfter):
            state.lastStatus = status
            state.lastError = "HTTP \(status): asked to slow down"
            state.consecutiveFailures += 1
            let wait = max(retryAfter ?? 0, backoff(state, policy: policy))
            state.nextPollAt = now.addingTimeInterval(wait)
        case .failed(let status, let message):
            state.lastStatus = status
            state.lastError = message
            state.consecutiveFailures += 1
            state.nextPollAt = now.addingTimeInterval(backoff(state, policy: policy))
        }
    }

    /// Exponential in consecutive failures, capped at the maximum interval, ±25% jitter.
    static func backoff(_ state: SourceState, policy: PollPolicy) -> TimeInterval {
        let base = min(policy.maxInterval, policy.minInterval * pow(2, Double(max(0, state.consecutiveFailures - 1))))
        let unit = Double(StableHash.fnv1a(state.id + "#" + String(state.consecutiveFailures)) % 1000) / 1000
        return base * (0.75 + 0.5 * unit)
    }

    /// How long to pause when rate-limit headers say the budget is spent (`remaining` 0 or less):
    /// until the reset (seconds from now, or an epoch/ISO time), at least a minute.
    public static func rateLimitPause(_ headers: [String: String], now: Date) -> TimeInterval? {
        guard let remaining = headers["x-ratelimit-remaining"].flatMap(Double.init), remaining < 1 else { return nil }
        guard let reset = headers["x-ratelimit-reset"] else { return 60 }
        if let v = Double(reset) {
            // Reddit sends seconds until reset; an epoch time is far larger.
            return max(60, v > 1_000_000_000 ? v - now.timeIntervalSince1970 : v)
        }
        return max(60, FeedDate.parse(reset).map { $0.timeIntervalSince(now) } ?? 60)
    }

    /// `Retry-After` as seconds or an HTTP date.
    public static func retryAfter(_ header: String?, now: Date) -> TimeInterval? {
        guard let h = header?.trimmingCharacters(in: .whitespaces), !h.isEmpty else { return nil }
        if let s = Double(h) { return max(0, s) }
        return FeedDate.parse(h).map { max(0, $0.timeIntervalSince(now)) }
    }
}

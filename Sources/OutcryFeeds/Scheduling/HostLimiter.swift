import Foundation

/// Politeness per host: at most one request at a time and a minimum delay between requests
/// (Weibo through RSSHub blocks clients faster than about 500 ms).
public actor HostLimiter {
    private var nextAllowed: [String: Date] = [:]
    public let defaultDelay: TimeInterval
    private let delays: [String: TimeInterval]

    public init(defaultDelay: TimeInterval = 1, delays: [String: TimeInterval] = [:]) {
        self.defaultDelay = defaultDelay
        self.delays = delays
    }

    /// Waits until `host` may be contacted, and books the slot.
    public func acquire(host: String) async {
        let now = Date()
        let slot = max(now, nextAllowed[host] ?? now)
        nextAllowed[host] = slot.addingTimeInterval(delays[host] ?? defaultDelay)
        let wait = slot.timeIntervalSince(now)
        if wait > 0 { try? await Task.sleep(nanoseconds: UInt64(wait * 1e9)) }
    }
}

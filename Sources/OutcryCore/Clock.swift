import Foundation
import Synchronization

/// The source of "now" for every stage.
///
/// Injected everywhere instead of calling `Date()`, so that replay (simulated time), tests
/// (time moves only when the test says so) and live runs share one code path.
public protocol WallClock: Sendable {
    func now() -> Date
}

/// Real time.
public struct SystemClock: WallClock {
    public init() {}
    public func now() -> Date { Date() }
}

/// Time that moves only when told to: replay advances it to each post's `created_at`.
public final class SimulatedClock: WallClock {
    private let current: Mutex<Date>

    public init(_ start: Date) { current = Mutex(start) }

    public func now() -> Date { current.withLock { $0 } }

    /// Moves the clock forward; never backwards, so causality cannot be violated by a late caller.
    public func advance(to date: Date) {
        current.withLock { if date > $0 { $0 = date } }
    }

    public func advance(by seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }
}

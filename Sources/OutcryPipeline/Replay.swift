import Foundation
import OutcryAlerting
import OutcryCore
import OutcryStorage

/// Runs recorded data through the pipeline in simulated time.
public enum Replay {
    /// Feeds every post through a ``Monitor`` driven by a simulated clock, then lets time run on
    /// past the last post so open spikes can close. `pace` is called before each post (the demo
    /// uses it to slow the replay down to watchable speed).
    public static func run(_ input: ReplayInput, store: any Store, notifiers: [any Notifier],
                           alerting: AlertingConfig? = nil,
                           options: Monitor.Options = Monitor.Options(), tail: TimeInterval = 6 * 3600,
                           onAlert: Monitor.AlertObserver? = nil,
                           pace: (@Sendable (Date) async -> Void)? = nil) async throws -> Monitor.Stats {
        guard let first = input.first else { return Monitor.Stats() }
        let clock = SimulatedClock(first)
        let monitor = Monitor(topics: input.topics, tickets: input.tickets, store: store, notifiers: notifiers,
                              clock: clock, utcOffset: input.utcOffset, options: options, alerting: alerting, onAlert: onAlert)
        var posts = try input.posts()
        var last = first
        while let post = try posts.next() {
            if let pace { await pace(post.createdAt) }
            try await monitor.ingest(post)
            last = post.createdAt
        }
        try await monitor.advance(to: last.addingTimeInterval(tail))
        return await monitor.stats
    }
}

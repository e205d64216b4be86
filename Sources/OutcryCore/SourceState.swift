import Foundation

/// What Outcry remembers about one source between polls and across restarts: validators for
/// conditional GET, a cursor, its health, and when to poll next.
public struct SourceState: Sendable, Hashable, Codable {
    public var id: String
    public var url: String
    public var etag: String?
    public var lastModified: String?
    /// Opaque resume point (max_id, after, time_us …) for APIs that page.
    public var cursor: String?
    /// The format last seen at the URL (`rss20`, `mastodon` …), which decides how the cursor is used.
    public var apiVersion: String?
    /// Where the source said it moved permanently (301/308); polled instead of `url` until the
    /// configuration changes.
    public var movedTo: String?
    public var lastAttemptAt: Date?
    public var lastSuccessAt: Date?
    public var lastStatus: Int?
    public var lastError: String?
    public var consecutiveFailures: Int
    public var newItemsLastPoll: Int
    public var totalItems: Int
    /// Current poll interval, adapted to how often the source has something new.
    public var interval: TimeInterval
    public var nextPollAt: Date
    /// When a poll last brought something new, and the usual gap between such polls.
    public var lastNewItemAt: Date?
    public var meanNewItemGap: TimeInterval?
    /// The newest post time this source has given: its next posts are late (stored, not counted
    /// as current volume) only against this, so a source whose clock or zone runs hours behind
    /// still counts what it publishes, while items older than what it gave before do not.
    public var newestPostAt: Date?
    /// The id of the health alert raised for the current problem, so it is raised once.
    public var healthAlertID: String?

    public init(id: String, url: String, interval: TimeInterval, nextPollAt: Date) {
        self.id = id
        self.url = url
        consecutiveFailures = 0
        newItemsLastPoll = 0
        totalItems = 0
        self.interval = interval
        self.nextPollAt = nextPollAt
    }

    /// OK, failing, or silent: a silent feed must never be mistaken for a quiet topic.
    public var health: String {
        if consecutiveFailures > 0 { return "failing" }
        if lastSuccessAt == nil { return "pending" }
        if healthAlertID != nil { return "silent" }
        return "ok"
    }

    /// A problem worth an alert at `now`: three failures in a row, or no new item for far longer
    /// than this source's own rhythm (at least 6 hours, and 5× its usual gap).
    public func healthProblem(at now: Date) -> (since: Date, message: String)? {
        if consecutiveFailures >= 3 {
            let since = lastSuccessAt ?? lastAttemptAt ?? now
            return (since, "source \(id) is failing: \(lastError ?? "no response") (\(consecutiveFailures) attempts)")
        }
        if let last = lastNewItemAt {
            let limit = max(6 * 3600, 5 * (meanNewItemGap ?? 0))
            if now.timeIntervalSince(last) > limit {
                return (last, "source \(id) has been silent since \(Timestamp.utc(last)) (usually a new item every \(Int((meanNewItemGap ?? 0) / 60)) min)")
            }
        }
        return nil
    }
}

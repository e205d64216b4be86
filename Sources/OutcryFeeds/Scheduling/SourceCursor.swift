import Foundation
import OutcryCore

/// High-water marks for APIs that page, so each poll asks only for what is newer than the last
/// one saw: Mastodon `min_id`, Reddit `before`, Hacker News `created_at_i>`. The cursor is kept
/// in ``SourceState`` and committed with the posts, so a restart neither refetches nor skips.
public enum SourceCursor {
    /// The URL to request, given the saved cursor.
    public static func request(_ url: String, version: String?, cursor: String?) -> String {
        guard let cursor, !cursor.isEmpty, var c = URLComponents(string: url) else { return url }
        var items = c.queryItems ?? []
        func set(_ name: String, _ value: String) {
            items.removeAll { $0.name == name }
            items.append(URLQueryItem(name: name, value: value))
        }
        switch version {
        case "mastodon": set("min_id", cursor)
        case "bluesky-jetstream": set("cursor", cursor)
        case "reddit": set("before", cursor)
        case "hackernews":
            let filter = "created_at_i>\(cursor)"
            if let i = items.firstIndex(where: { $0.name == "numericFilters" }), let v = items[i].value, !v.contains("created_at_i") {
                items[i].value = v + "," + filter
            } else {
                set("numericFilters", filter)
            }
        default: return url
        }
        c.queryItems = items
        return c.string ?? url
    }

    /// The Jetstream cursor after a session: the newest `time_us` of any event received (deletes
    /// and other collections included, so the next session does not replay them), else the old one.
    public static func jetstream(_ messages: [[UInt8]], old: String?) -> String? {
        var newest = old.flatMap { UInt64($0) } ?? 0
        for m in messages {
            guard case .object(let o)? = JSONValue.parse(m), case .number(let t)? = o["time_us"], let us = UInt64(t) else { continue }
            newest = max(newest, us)
        }
        return newest > 0 ? String(newest) : old
    }

    /// Pages a poll may follow to catch up after a pause, beyond the first.
    public static let maxCatchUpPages = 10

    /// The next newer page when a poll is catching up: Mastodon's `Link: <…>; rel="prev"` after a
    /// page requested with `min_id` came back full, so a burst larger than one page is read
    /// entirely now instead of being skipped or trickling in one page per poll.
    public static func catchUpPage(_ feed: ParsedFeed, requestedURL: String, linkHeader: String?) -> String? {
        guard feed.version == "mastodon", !feed.entries.isEmpty,
              let items = URLComponents(string: requestedURL)?.queryItems, items.contains(where: { $0.name == "min_id" }) else { return nil }
        let limit = items.first { $0.name == "limit" }?.value.flatMap(Int.init) ?? 20
        guard feed.entries.count >= limit else { return nil }
        return LinkHeader.relations(linkHeader)["prev"]
    }

    /// The new cursor after a fetch: the newest item's id (or time), else the old cursor.
    public static func advance(_ feed: ParsedFeed, old: String?) -> String? {
        switch feed.version {
        case "mastodon":
            // Mastodon ids are snowflakes: numerically ordered.
            let ids = feed.entries.compactMap { $0.cursorID }.compactMap { UInt64($0) }
            return ids.max().map(String.init) ?? old
        case "reddit":
            return feed.entries.first?.id ?? old   // listings are newest first
        case "hackernews":
            let newest = feed.entries.compactMap(\.published).max().map { String(Int($0.timeIntervalSince1970)) }
            return newest ?? old
        default:
            return old
        }
    }
}

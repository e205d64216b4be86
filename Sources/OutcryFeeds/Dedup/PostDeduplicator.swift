import Foundation
import OutcryCore

/// Recognizes a post already seen, across sources and re-fetches: by id, by canonical link
/// (tracking parameters stripped), and by the same author saying the same thing (content hash),
/// which catches one Weibo post arriving through RSSHub and through an archive.
///
/// Different authors posting the same text (reposts) are *not* duplicates: they are the surge.
/// Memory is bounded: keys older than `horizon` before the newest post are forgotten.
public struct PostDeduplicator: Sendable {
    public var horizon: TimeInterval
    /// The same author saying the same thing counts as one post only within this interval:
    /// an account repeating its notice days later has posted again.
    public var contentWindow: TimeInterval = 3600
    private var seen: [String: Date] = [:]
    private var newest = Date.distantPast
    private var insertions = 0

    public init(horizon: TimeInterval = 7 * 86_400) {
        self.horizon = horizon
    }

    /// True the first time a post is offered; false for a duplicate.
    public mutating func isNew(_ post: Post) -> Bool {
        let keys = Self.keys(for: post)
        let duplicate = keys.contains { key in
            guard let at = seen[key] else { return false }
            return !key.hasPrefix("content:") || abs(at.timeIntervalSince(post.createdAt)) <= contentWindow
        }
        if duplicate { return false }
        for k in keys { seen[k] = post.createdAt }
        newest = max(newest, post.createdAt)
        insertions += 1
        if insertions % 10_000 == 0 { forgetOld() }
        return true
    }

    private mutating func forgetOld() {
        let cutoff = newest.addingTimeInterval(-horizon)
        seen = seen.filter { $0.value >= cutoff }
    }

    static func keys(for post: Post) -> [String] {
        var keys = ["id:" + post.id]
        if let url = post.url, let canonical = canonicalLink(url) { keys.append("url:" + canonical) }
        let text = post.text.lowercased().filter { !$0.isWhitespace && !$0.isPunctuation }
        if text.count >= 8 {
            keys.append("content:" + StableHash.hex(post.author.lowercased() + "\u{0}" + text))
        }
        return keys
    }

    /// Query parameters that identify a campaign or a click, not the content.
    static let trackingParameters: Set<String> = [
        "utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content", "utm_id", "fbclid", "gclid", "dclid",
        "mc_cid", "mc_eid", "spm", "from", "isappinstalled", "share_token", "ref", "ref_src", "igshid", "si",
    ]

    /// Lower-cased scheme and host, no fragment, no default port, tracking parameters removed,
    /// remaining parameters sorted, no trailing slash.
    public static func canonicalLink(_ raw: String) -> String? {
        guard var c = URLComponents(string: raw.trimmedWhitespace),
              let scheme = c.scheme?.lowercased(), scheme == "http" || scheme == "https", let host = c.host else { return nil }
        c.scheme = "https"
        c.host = host.lowercased().hasPrefix("www.") ? String(host.lowercased().dropFirst(4)) : host.lowercased()
        if c.port == 80 || c.port == 443 { c.port = nil }
        c.fragment = nil
        if c.path.count > 1, c.path.hasSuffix("/") { c.path.removeLast() }
        let items = (c.queryItems ?? []).filter { !trackingParameters.contains($0.name.lowercased()) && !$0.name.lowercased().hasPrefix("utm_") }
        c.queryItems = items.isEmpty ? nil : items.sorted { ($0.name, $0.value ?? "") < ($1.name, $1.value ?? "") }
        var s = c.string ?? raw
        if s.hasSuffix("/") { s.removeLast() }
        return s
    }
}

import Foundation
import OutcryCore

/// Turns feed entries into ``Post``s: a feed item is a post whose author has unknown reach.
public enum FeedPostAdapter {
    /// Entries without any date are skipped (they cannot be placed in time) and counted.
    public static func posts(from feed: ParsedFeed, source: String) -> (posts: [Post], undated: Int) {
        var posts: [Post] = []
        var undated = 0
        for entry in feed.entries {
            guard let created = entry.published ?? entry.updated else {
                undated += 1
                continue
            }
            let title = entry.title.map(HTMLText.plain) ?? ""
            let bodyHTML = entry.content.first?.value ?? entry.summary ?? ""
            let body = HTMLText.plain(bodyHTML)
            let text = body.hasPrefix(title) ? body : [title, body].filter { !$0.isEmpty }.joined(separator: " — ")
            let id = entry.id ?? entry.link ?? "\(source)#\(Int(created.timeIntervalSince1970))-\(StableHash.hex(title))"
            posts.append(Post(id: id, source: source, author: entry.author ?? feed.title ?? source, followers: entry.followers,
                              text: text, url: entry.link, createdAt: created, reposts: entry.reposts, comments: entry.comments,
                              likes: entry.likes, lang: entry.language ?? feed.language))
        }
        return (posts, undated)
    }
}

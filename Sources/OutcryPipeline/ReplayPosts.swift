import Foundation
import OutcryCore
import OutcryFeeds

/// The posts of several sources merged into one `created_at` order, each source read as the
/// merge reaches it. Equal times keep source order, then file order; a post whose id another
/// source already gave (within a day of replayed time) is dropped.
public struct ReplayPosts {
    private var cursors: [any PostCursor]
    private var heads: [Post?]
    /// Ids (hashed) seen within a day or two of replayed time.
    private var recent = KeyGenerations<Void>(span: 86_400, kept: 1)
    /// Posts dropped so far because an earlier one had the same id.
    public private(set) var duplicates = 0

    init(_ cursors: [any PostCursor]) throws {
        self.cursors = cursors
        heads = []
        for i in self.cursors.indices { heads.append(try self.cursors[i].next()) }
    }

    public mutating func next() throws -> Post? {
        while true {
            var earliest: Int?
            for i in heads.indices {
                guard let head = heads[i] else { continue }
                if let e = earliest, heads[e]!.createdAt <= head.createdAt { continue }
                earliest = i
            }
            guard let e = earliest, let post = heads[e] else { return nil }
            heads[e] = try cursors[e].next()
            recent.advance(to: post.createdAt)
            let key = FNV1a.hash(post.id)
            if !recent.contains(key) {
                recent.insert(key, ())
                return post
            }
            duplicates += 1
        }
    }
}

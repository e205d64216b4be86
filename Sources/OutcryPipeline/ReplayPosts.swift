import Foundation
import OutcryCore
import OutcryFeeds

/// The posts of several sources merged into one `created_at` order, each source read as the
/// merge reaches it. Equal times keep source order, then file order; a post whose id another
/// source already gave (within a day of replayed time) is dropped.
public struct ReplayPosts {
    private var cursors: [any PostCursor]
    private var heads: [Post?]
    private var recent = RecentIDs(horizon: 86_400)
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
            if recent.insert(post.id, at: post.createdAt) { return post }
            duplicates += 1
        }
    }
}

/// Ids seen within a horizon of time, as 64-bit hashes in two generations: memory follows the
/// posts of one to two horizons, not of the whole recording.
struct RecentIDs {
    let horizon: TimeInterval
    private var current = Set<UInt64>(), previous = Set<UInt64>()
    private var generationStart: Date?

    init(horizon: TimeInterval) { self.horizon = horizon }

    /// False if the id was seen within the horizon.
    mutating func insert(_ id: String, at time: Date) -> Bool {
        if let start = generationStart, time.timeIntervalSince(start) >= horizon {
            previous = current
            current.removeAll(keepingCapacity: true)
            generationStart = time
        } else if generationStart == nil {
            generationStart = time
        }
        let key = FNV1a.hash(id)
        guard !previous.contains(key) else { return false }
        return current.insert(key).inserted
    }
}

import OutcryCore

/// Posts pulled one at a time, in the order their source holds them.
///
/// Replay merges several sources by time through these, so a recorded month of posts streams
/// through the pipeline instead of being loaded first.
public protocol PostCursor {
    /// The next post, or `nil` when the source is exhausted.
    mutating func next() throws -> Post?
}

/// Posts already in memory (a parsed feed file, or a JSONL file that had to be sorted).
public struct HeldPostCursor: PostCursor {
    private let posts: [Post]
    private var index = 0

    public init(_ posts: [Post]) { self.posts = posts }

    public mutating func next() throws -> Post? {
        guard index < posts.count else { return nil }
        defer { index += 1 }
        return posts[index]
    }
}

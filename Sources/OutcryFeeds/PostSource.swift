import Foundation
import OutcryCore

/// Anything that yields posts: a JSONL file, a feed file, a fetched URL.
///
/// The stage boundary between fetching and scoring: the pipeline only sees ``Post``s.
public protocol PostSource: Sendable {
    /// A short name for logs and `source` fields.
    var name: String { get }
    /// Posts currently available from the source.
    func fetch() async throws -> [Post]
}

/// A local file: Post JSONL (`.jsonl`) or an RSS/Atom document (anything else).
public struct FilePostSource: PostSource {
    public let name: String
    public let path: String

    public init(name: String, path: String) {
        self.name = name
        self.path = path
    }

    public func fetch() async throws -> [Post] {
        try read()
    }

    /// What a live job's poll takes from the file: for Post JSONL, which grows by appending,
    /// the lines after `mark` (at most `limit` of them; ``JSONLAppendReader``), with the mark to
    /// go on from; a feed document, whole, with no mark.
    public func read(after mark: JSONLMark?, limit: Int) throws -> (posts: [Post], mark: JSONLMark?, more: Bool) {
        guard path.hasSuffix(".jsonl") else { return (try read(), nil, false) }
        let read = try JSONLAppendReader.read(path: path, after: mark, limit: limit)
        return (read.posts, read.mark, read.more)
    }

    /// Synchronous read, for replay.
    public func read() throws -> [Post] {
        if path.hasSuffix(".jsonl") {
            return try JSONLPostReader.read(path: path)
        }
        let data = try JSONLines.read(path)
        let feed = try FeedParser.parse(data, source: path)
        return FeedPostAdapter.posts(from: feed, source: name).posts
    }
}

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

import Foundation
import OutcryCore
import OutcryFeeds
import OutcryLinking

/// Everything a replay needs, loaded and validated up front: a bad file fails the job before
/// anything is written.
public struct ReplayInput: Sendable {
    public var posts: [Post]
    public var tickets: [Ticket]
    public var topics: [Topic]
    public var utcOffset: Int
    /// Posts dropped because an earlier source had the same id.
    public var duplicates: Int

    /// Loads posts from several sources, merging them into one `created_at` order.
    public static func load(sources: [any PostSource & FileReadable], ticketFiles: [String], topicsFile: String,
                            utcOffset: Int?) throws -> ReplayInput {
        let topics = try TopicsFile.load(topicsFile)
        var posts: [Post] = []
        var seen = Set<String>()
        var duplicates = 0
        var offset = utcOffset
        for source in sources {
            let read = try source.readAll()
            if offset == nil { offset = read.offset }
            for p in read.posts {
                if seen.insert(p.id).inserted { posts.append(p) } else { duplicates += 1 }
            }
        }
        // Stable: equal timestamps keep file order.
        posts = posts.enumerated().sorted { ($0.element.createdAt, $0.offset) < ($1.element.createdAt, $1.offset) }.map(\.element)
        var tickets: [Ticket] = []
        for f in ticketFiles { tickets += try TicketReader.readJSONL(path: f) }
        return ReplayInput(posts: posts, tickets: tickets, topics: topics, utcOffset: offset ?? 0, duplicates: duplicates)
    }
}

/// A source that can be read whole from disk (replay and the demo).
public protocol FileReadable {
    /// All posts, and the UTC offset the source writes its times in, when it says.
    func readAll() throws -> (posts: [Post], offset: Int?)
}

extension FilePostSource: FileReadable {
    public func readAll() throws -> (posts: [Post], offset: Int?) {
        let posts = try read()
        var offset: Int?
        if path.hasSuffix(".jsonl"), let data = FileManager.default.contents(atPath: path) {
            // The offset written on the first post's created_at.
            if let line = JSONLines.lines(of: data.prefix(4096)).first,
               let f = try? JSONFields.parseLine(line.1, file: path, line: line.0),
               let text = try? f.optionalString("created_at") {
                offset = Timestamp.parseWithOffset(text)?.offset
            }
        }
        return (posts, offset)
    }
}

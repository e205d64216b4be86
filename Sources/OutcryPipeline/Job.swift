import Foundation
import OutcryCore
import OutcryFeeds
import OutcryLinking

/// Everything a replay needs, checked up front: a bad file fails the job before anything is
/// written. Posts are not held: JSONL files already in `created_at` order (the recorded case)
/// are streamed from disk when the replay runs — memory does not grow with the recording — and
/// only feed files and out-of-order JSONL are held, sorted.
public struct ReplayInput: Sendable {
    public var tickets: [Ticket]
    public var topics: [Topic]
    public var utcOffset: Int
    /// Posts in all sources (before replay drops repeated ids, see ``ReplayPosts/duplicates``).
    public var count: Int
    /// The earliest and latest `created_at` over all sources.
    public var first: Date?
    public var last: Date?
    private var sources: [Source]

    enum Source: Sendable {
        case ordered(path: String)
        case held([Post])
    }

    /// Reads every source once to check it, and learns its order and time span.
    public static func load(sources files: [FilePostSource], ticketFiles: [TicketFile], topicsFile: String,
                            utcOffset: Int?) throws -> ReplayInput {
        let topics = try TopicsFile.load(topicsFile)
        var input = ReplayInput(tickets: [], topics: topics, utcOffset: 0, count: 0, sources: [])
        var offset = utcOffset
        for file in files {
            if offset == nil { offset = file.declaredOffset() }
            let source = try Self.check(file)
            input.sources.append(source.source)
            input.count += source.count
            if let f = source.first { input.first = min(input.first ?? f, f) }
            if let l = source.last { input.last = max(input.last ?? l, l) }
        }
        for f in ticketFiles { input.tickets += try f.read().tickets }
        input.utcOffset = offset ?? 0
        return input
    }

    private static func check(_ file: FilePostSource) throws -> (source: Source, count: Int, first: Date?, last: Date?) {
        if file.path.hasSuffix(".jsonl") {
            var cursor = try JSONLPostCursor(path: file.path)
            var count = 0, ordered = true
            var first: Date?, last: Date?
            while let post = try cursor.next() {
                count += 1
                if let l = last, post.createdAt < l { ordered = false }
                first = min(first ?? post.createdAt, post.createdAt)
                last = max(last ?? post.createdAt, post.createdAt)
            }
            if ordered { return (.ordered(path: file.path), count, first, last) }
        }
        // Stable: equal timestamps keep file order.
        let posts = try file.read().enumerated()
            .sorted { ($0.element.createdAt, $0.offset) < ($1.element.createdAt, $1.offset) }.map(\.element)
        return (.held(posts), posts.count, posts.first?.createdAt, posts.last?.createdAt)
    }

    /// A fresh pass over the posts of all sources, merged into one `created_at` order.
    public func posts() throws -> ReplayPosts {
        try ReplayPosts(sources.map { source -> any PostCursor in
            switch source {
            case .ordered(let path): try JSONLPostCursor(path: path)
            case .held(let posts): HeldPostCursor(posts)
            }
        })
    }
}

extension FilePostSource {
    /// The UTC offset a JSONL source writes its first post's `created_at` in, if it says.
    func declaredOffset() -> Int? {
        guard path.hasSuffix(".jsonl"), let lines = try? LineCursor(path: path) else { return nil }
        while let line = try? lines.withNextLine({ Array($0) }) {
            guard !line.withUnsafeBufferPointer(JSONLines.isBlank) else { continue }
            let fields = line.withUnsafeBufferPointer { try? JSONFields.parseLine($0, file: path, line: lines.lineNumber) }
            guard let text = try? fields?.optionalString("created_at") else { return nil }
            return Timestamp.parseWithOffset(text)?.offset
        }
        return nil
    }
}

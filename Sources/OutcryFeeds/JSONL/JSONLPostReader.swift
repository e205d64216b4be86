import Foundation
import OutcryCore

/// Reads the Post JSONL format. All-or-nothing: any bad line fails the whole file with its line
/// number and field, so nothing is half-ingested.
public enum JSONLPostReader {
    public static func read(path: String) throws -> [Post] {
        var cursor = try JSONLPostCursor(path: path)
        var posts: [Post] = []
        while let post = try cursor.next() { posts.append(post) }
        return posts
    }
}

/// Post JSONL read line by line from disk; blank lines are skipped, as ``JSONLines`` does.
public struct JSONLPostCursor: PostCursor {
    private let lines: LineCursor

    public init(path: String) throws { lines = try LineCursor(path: path) }

    public mutating func next() throws -> Post? {
        let lines = self.lines
        while true {
            let read = try lines.withNextLine { line -> Post? in
                guard !JSONLines.isBlank(line) else { return nil }
                return try Post(fields: JSONFields.parseLine(line, file: lines.file, line: lines.lineNumber))
            }
            guard let read else { return nil }
            if let post = read { return post }
        }
    }
}

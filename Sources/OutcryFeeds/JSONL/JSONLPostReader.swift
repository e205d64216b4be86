import Foundation
import OutcryCore

/// Reads the Post JSONL format. All-or-nothing: any bad line fails the whole file with its line
/// number and field, so nothing is half-ingested.
public enum JSONLPostReader {
    public static func read(path: String) throws -> [Post] {
        try read(data: JSONLines.read(path), file: path)
    }

    public static func read(data: Data, file: String) throws -> [Post] {
        var posts: [Post] = []
        for (number, line) in JSONLines.lines(of: data) {
            posts.append(try Post(fields: JSONFields.parseLine(line, file: file, line: number)))
        }
        return posts
    }
}

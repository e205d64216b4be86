import Foundation
import OutcryCore
import OutcryFeeds
import OutcryTesting
import Testing

/// A growing Post JSONL archive is read by what was appended, whole lines only.
@Suite struct JSONLAppendReaderTests {
    func line(_ n: Int) -> String {
        #"{"id": "p\#(n)", "source": "archive", "author": "a\#(n)", "text": "京东 第\#(n)条", "created_at": "2018-03-14T09:\#(String(format: "%02d", n)):00+08:00"}"#
    }

    func file(_ lines: [String]) throws -> String {
        let path = try Fixtures.temporaryDirectory() + "/archive.jsonl"
        try lines.map { $0 + "\n" }.joined().write(toFile: path, atomically: false, encoding: .utf8)
        return path
    }

    func append(_ text: String, to path: String) throws {
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data(text.utf8))
        handle.closeFile()
    }

    @Test func readsOnlyWhatWasAppended() throws {
        let path = try file((0..<3).map(line))
        let first = try JSONLAppendReader.read(path: path, after: nil)
        #expect(first.posts.map(\.id) == ["p0", "p1", "p2"] && first.fromStart)
        #expect(try JSONLAppendReader.read(path: path, after: first.mark).posts.isEmpty)

        try append(line(3) + "\n\n" + line(4) + "\n", to: path)
        let second = try JSONLAppendReader.read(path: path, after: first.mark)
        #expect(second.posts.map(\.id) == ["p3", "p4"] && !second.fromStart)
        #expect(second.mark.line == 6)
        // The mark survives as a source cursor (a restart goes on from it).
        #expect(JSONLMark(cursor: second.mark.cursor) == second.mark)
        #expect(JSONLMark(cursor: "1000") == nil && JSONLMark(cursor: nil) == nil)
    }

    /// A large archive is taken in parts.
    @Test func readsInPartsOfAtMostTheLimit() throws {
        let path = try file((0..<5).map(line))
        let first = try JSONLAppendReader.read(path: path, after: nil, limit: 2)
        #expect(first.posts.map(\.id) == ["p0", "p1"] && first.more)
        let second = try JSONLAppendReader.read(path: path, after: first.mark, limit: 2)
        #expect(second.posts.map(\.id) == ["p2", "p3"] && second.more && !second.fromStart)
        let last = try JSONLAppendReader.read(path: path, after: second.mark, limit: 2)
        #expect(last.posts.map(\.id) == ["p4"] && !last.more)
    }

    /// A writer caught in the middle of a line: no error, and the line is read whole next time.
    /// A file that simply ends without a newline still gives its last post.
    @Test func anUnfinishedLastLineWaitsForTheRest() throws {
        let path = try file([line(0)])
        let whole = line(1)
        try append(String(whole.prefix(30)), to: path)
        let first = try JSONLAppendReader.read(path: path, after: nil)
        #expect(first.posts.map(\.id) == ["p0"] && first.mark.line == 1)
        try append(String(whole.dropFirst(30)), to: path)
        let second = try JSONLAppendReader.read(path: path, after: first.mark)
        #expect(second.posts.map(\.id) == ["p1"])
        try append("\n" + line(2) + "\n", to: path)
        #expect(try JSONLAppendReader.read(path: path, after: second.mark).posts.map(\.id) == ["p2"])
    }

    /// Rewritten, truncated or replaced: the file no longer continues the mark.
    @Test func aReplacedFileIsReadFromTheStart() throws {
        let path = try file((0..<4).map(line))
        let mark = try JSONLAppendReader.read(path: path, after: nil).mark
        try ([line(9)] + (1..<4).map(line)).map { $0 + "\n" }.joined().write(toFile: path, atomically: true, encoding: .utf8)
        let rewritten = try JSONLAppendReader.read(path: path, after: mark)
        #expect(rewritten.fromStart && rewritten.posts.map(\.id) == ["p9", "p1", "p2", "p3"])
        try line(5).write(toFile: path, atomically: true, encoding: .utf8)
        let truncated = try JSONLAppendReader.read(path: path, after: rewritten.mark)
        #expect(truncated.fromStart && truncated.posts.map(\.id) == ["p5"])
    }

    /// A bad line in the appended part names its line in the whole file; nothing is taken.
    @Test func aBadAppendedLineNamesItsLineInTheFile() throws {
        let path = try file((0..<3).map(line))
        let mark = try JSONLAppendReader.read(path: path, after: nil).mark
        try append(line(3) + "\n" + #"{"id": "p4", "source": "archive"}"# + "\n" + line(5) + "\n", to: path)
        #expect {
            _ = try JSONLAppendReader.read(path: path, after: mark)
        } throws: { error in
            "\(error)".contains("archive.jsonl:5")
        }
    }
}

import Foundation
import Testing
import OutcryCore
import OutcryFeeds
import OutcryPipeline
import OutcryTesting

/// Replay reads its sources as it goes: merged by time, repeated ids dropped, out-of-order files
/// still replayed in order, and bad input refused before anything is replayed.
@Suite struct ReplayInputTests {
    let topics = Fixtures.repo("feeds/demo/topics.yml")

    private func line(_ id: String, _ time: String, source: String = "s", text: String = "hello") -> String {
        #"{"id": "\#(id)", "source": "\#(source)", "author": "a", "text": "\#(text)", "created_at": "\#(time)"}"#
    }

    private func write(_ lines: [String], to path: String) throws {
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    }

    private func replayed(_ input: ReplayInput) throws -> (ids: [String], duplicates: Int) {
        var posts = try input.posts(), ids: [String] = []
        while let post = try posts.next() { ids.append(post.id) }
        return (ids, posts.duplicates)
    }

    @Test func sourcesAreMergedByTimeWithTiesInSourceOrder() throws {
        let dir = try Fixtures.temporaryDirectory()
        try write([line("a1", "2018-03-01T10:00:00+08:00"), line("a2", "2018-03-01T10:05:00+08:00"),
                   "", line("a3", "2018-03-01T10:20:00+08:00")], to: dir + "/a.jsonl")
        try write([line("b1", "2018-03-01T09:59:00+08:00"), line("b2", "2018-03-01T10:05:00+08:00"),
                   line("a3", "2018-03-01T10:20:00+08:00"), line("b3", "2018-03-01T11:00:00+08:00")], to: dir + "/b.jsonl")
        let input = try ReplayInput.load(sources: [FilePostSource(name: "a", path: dir + "/a.jsonl"),
                                                   FilePostSource(name: "b", path: dir + "/b.jsonl")],
                                         ticketFiles: [], topicsFile: topics, utcOffset: nil)
        #expect(input.count == 7)
        #expect(input.utcOffset == 8 * 3600)
        #expect(input.first == Timestamp.parse("2018-03-01T09:59:00+08:00"))
        #expect(input.last == Timestamp.parse("2018-03-01T11:00:00+08:00"))
        let (ids, duplicates) = try replayed(input)
        #expect(ids == ["b1", "a1", "a2", "b2", "a3", "b3"])
        #expect(duplicates == 1)
        // A second pass reads the files again from the start.
        #expect(try replayed(input).ids == ids)
    }

    @Test func aFileOutOfOrderIsStillReplayedInOrder() throws {
        let dir = try Fixtures.temporaryDirectory()
        try write([line("late", "2018-03-01T12:00:00Z"), line("early", "2018-03-01T08:00:00Z"),
                   line("tie-1", "2018-03-01T10:00:00Z"), line("tie-2", "2018-03-01T10:00:00Z")], to: dir + "/p.jsonl")
        let input = try ReplayInput.load(sources: [FilePostSource(name: "p", path: dir + "/p.jsonl")],
                                         ticketFiles: [], topicsFile: topics, utcOffset: nil)
        #expect(try replayed(input).ids == ["early", "tie-1", "tie-2", "late"])
    }

    @Test func aBadLineInALaterSourceFailsTheLoad() throws {
        let dir = try Fixtures.temporaryDirectory()
        try write([line("a1", "2018-03-01T10:00:00Z")], to: dir + "/a.jsonl")
        try write([line("b1", "2018-03-01T10:00:00Z"), line("b2", "2018-03-01T10:01:00Z"), #"{"id": "b3", "#], to: dir + "/b.jsonl")
        let error = #expect(throws: InputError.self) {
            try ReplayInput.load(sources: [FilePostSource(name: "a", path: dir + "/a.jsonl"),
                                           FilePostSource(name: "b", path: dir + "/b.jsonl")],
                                 ticketFiles: [], topicsFile: topics, utcOffset: nil)
        }
        #expect(error?.file == dir + "/b.jsonl")
        #expect(error?.line == 3)
    }

    @Test func lineCursorHandsOutLinesAcrossBlockBoundaries() throws {
        let dir = try Fixtures.temporaryDirectory()
        let lines = (0..<200).map { i in String(repeating: "x", count: i * 7 % 45) + "\(i)" }
        try (lines.joined(separator: "\n")).write(toFile: dir + "/l.txt", atomically: true, encoding: .utf8)
        let cursor = try LineCursor(path: dir + "/l.txt", blockSize: 16)
        var read: [String] = []
        while let l = try cursor.withNextLine({ String(decoding: $0, as: UTF8.self) }) { read.append(l) }
        #expect(read == lines)
        #expect(cursor.lineNumber == 200)
    }
}

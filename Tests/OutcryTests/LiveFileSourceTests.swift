import Foundation
import OutcryCore
import OutcryPipeline
import OutcryStorage
import OutcryTesting
import Testing

/// `outcry run`'s file sources and poll cycles: several sources counted as one stream in time
/// order, a growing archive read by what was appended, saved states under new bounds.
@Suite struct LiveFileSourceTests {
    let now = Date()

    func line(_ id: String, minutesAgo: Int) -> String {
        let at = ISO8601DateFormatter().string(from: now.addingTimeInterval(Double(-minutesAgo * 60)))
        return #"{"id": "\#(id)", "source": "archive", "author": "\#(id)", "text": "京东的快递到了 \#(id)", "created_at": "\#(at)"}"# + "\n"
    }

    /// A config dir with the given files and sources.yml body (topic `jd`).
    func job(_ files: [String: String], sources: String, store existing: SQLiteStore? = nil) throws -> (LiveJob, Monitor, SQLiteStore, String) {
        let dir = try Fixtures.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: dir + "/feeds", withIntermediateDirectories: true)
        try "topics:\n  - id: jd\n    name: JD\n    terms: [京东]\n".write(toFile: dir + "/feeds/topics.yml", atomically: true, encoding: .utf8)
        for (name, text) in files { try text.write(toFile: dir + "/feeds/" + name, atomically: true, encoding: .utf8) }
        try ("topics: topics.yml\nsources:\n" + sources).write(toFile: dir + "/feeds/sources.yml", atomically: true, encoding: .utf8)
        return try reopen(dir, store: existing ?? SQLiteStore(path: dir + "/outcry.db"))
    }

    func reopen(_ dir: String, store: SQLiteStore, linesPerPoll: Int = 50_000) throws -> (LiveJob, Monitor, SQLiteStore, String) {
        let config = try SourcesConfig.load(dir + "/feeds/sources.yml")
        let monitor = Monitor(topics: try TopicsFile.load(config.topics), tickets: [], store: store, notifiers: [], clock: SystemClock(),
                              utcOffset: 0)
        return (try LiveJob(config: config, monitor: monitor, store: store, fileLinesPerPoll: linesPerPoll), monitor, store, dir)
    }

    /// Two sources that each bring three hours (the first cycle after downtime): none of it is
    /// late, as it would be if one source's hours were counted after the other's.
    @Test func aCycleOfSeveralSourcesIsCountedInTimeOrder() async throws {
        let a = stride(from: 180, to: 0, by: -2).map { line("a\($0)", minutesAgo: $0) }.joined()
        let b = stride(from: 179, to: 0, by: -2).map { line("b\($0)", minutesAgo: $0) }.joined()
        let (job, monitor, store, _) = try job(["a.jsonl": a, "b.jsonl": b], sources: "  - name: a\n    file: a.jsonl\n  - name: b\n    file: b.jsonl\n")
        #expect(try await job.pollDue(at: now, force: true) == 180)
        let stats = await monitor.stats
        #expect(stats.posts == 180 && stats.late == 0)
        #expect(try store.postCount() == 180)
    }

    /// A source whose times are hours ahead (local times read as UTC) does not move the
    /// detector into the future: its posts count as arriving now, and so do the other
    /// sources' posts of the last minutes, which would otherwise all be late.
    @Test func postsDatedAheadCountAsArrivingNow() async throws {
        let (job, monitor, store, dir) = try job(["ahead.jsonl": line("ahead", minutesAgo: -8 * 60), "b.jsonl": line("b", minutesAgo: 5)],
                                               sources: "  - name: ahead\n    file: ahead.jsonl\n  - name: b\n    file: b.jsonl\n")
        #expect(try await job.pollDue(at: now, force: true) == 2)
        #expect(await monitor.stats.late == 0)
        let stored = try #require(try store.posts(ids: ["ahead"]).first)
        #expect(stored.createdAt <= Date() && stored.createdAt >= now)
        // The next cycle's posts, a minute old, are not late either.
        let path = dir + "/feeds/b.jsonl"
        let later = try #require(FileHandle(forWritingAtPath: path))
        later.seekToEndOfFile()
        later.write(Data(line("b2", minutesAgo: 1).utf8))
        later.closeFile()
        try FileManager.default.setAttributes([.modificationDate: now.addingTimeInterval(1)], ofItemAtPath: path)
        #expect(try await job.pollDue(at: now, force: true) == 1)
        #expect(await monitor.stats.late == 0)
    }

    /// A source whose times run hours behind (local times west of UTC read as UTC) still counts
    /// what it publishes: lateness is judged against the newest post that source gave before.
    @Test func aSourceHoursBehindStillCounts() async throws {
        let (job, monitor, _, dir) = try job(["behind.jsonl": line("b1", minutesAgo: 5 * 60 + 10), "a.jsonl": line("a1", minutesAgo: 10)],
                                             sources: "  - name: a\n    file: a.jsonl\n  - name: behind\n    file: behind.jsonl\n")
        #expect(try await job.pollDue(at: now, force: true) == 2)
        let path = dir + "/feeds/behind.jsonl"
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data(line("b2", minutesAgo: 5 * 60).utf8))
        handle.closeFile()
        try FileManager.default.setAttributes([.modificationDate: now.addingTimeInterval(1)], ofItemAtPath: path)
        #expect(try await job.pollDue(at: now, force: true) == 1)
        #expect(await monitor.stats.late == 0)
        let newest = try #require(await job.sourceStates.first { $0.id == "behind" }?.newestPostAt)
        #expect(abs(newest.timeIntervalSince(now.addingTimeInterval(-5 * 3600))) < 1)
    }

    /// Appended lines are all a poll reads, in this run and after a restart; a rewritten
    /// archive is read again, and what it repeats is not new.
    @Test func aGrowingArchiveIsReadByWhatWasAppended() async throws {
        let (job, running, store, dir) = try job(["archive.jsonl": (1...20).reversed().map { line("p\($0)", minutesAgo: $0 * 60) }.joined()],
                                           sources: "  - name: archive\n    file: archive.jsonl\n")
        let path = dir + "/feeds/archive.jsonl"
        func append(_ text: String, modifiedIn seconds: Double) throws {
            let handle = try #require(FileHandle(forWritingAtPath: path))
            handle.seekToEndOfFile()
            handle.write(Data(text.utf8))
            handle.closeFile()
            try FileManager.default.setAttributes([.modificationDate: now.addingTimeInterval(seconds)], ofItemAtPath: path)
        }
        #expect(try await job.pollDue(at: now, force: true) == 20)
        try append(line("p0", minutesAgo: 0), modifiedIn: 1)
        #expect(try await job.pollDue(at: now, force: true) == 1)
        #expect(await running.stats.duplicates == 0, "only the appended line was read")
        #expect(try store.sourceStates().first?.cursor?.hasPrefix("jsonl:") == true)

        let (restarted, _, _, _) = try reopen(dir, store: store)
        try append(line("q0", minutesAgo: 0), modifiedIn: 2)
        #expect(try await restarted.pollDue(at: now, force: true) == 1)

        // Rewritten with one line in front, after another restart: read whole again, and only
        // that line is new (the others were relearned from the store, as `run` does on start).
        let (fresh, monitor, _, _) = try reopen(dir, store: store)
        #expect(try await monitor.warmUp(until: now) == 22)
        try (line("r0", minutesAgo: 0) + String(contentsOfFile: path, encoding: .utf8)).write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.modificationDate: now.addingTimeInterval(3)], ofItemAtPath: path)
        #expect(try await fresh.pollDue(at: now, force: true) == 1)
        #expect(await monitor.stats.duplicates == 22)
        #expect(try store.postCount() == 23)
    }

    /// A large archive is read in parts, each due at once after the last, not at the interval.
    @Test func aLargeArchiveIsReadInPartsWithoutWaiting() async throws {
        let (_, _, store, dir) = try job(["archive.jsonl": (0..<12).map { line("p\($0)", minutesAgo: 60 - $0) }.joined()],
                                         sources: "  - name: archive\n    file: archive.jsonl\n")
        let (job, _, _, _) = try reopen(dir, store: store, linesPerPoll: 5)
        var parts: [Int] = [try await job.pollDue(at: Date(), force: true)]
        while await job.hasMoreToRead { parts.append(try await job.pollDue(at: Date())) }
        #expect(parts == [5, 5, 2])
        #expect(try store.postCount() == 12)
        #expect(try #require(await job.sourceStates.first).nextPollAt > Date(), "read through: back to its interval")
    }

    /// A state saved under wider bounds (an hour's interval, the next poll an hour away) follows
    /// a configuration that now says ten seconds at most.
    @Test func aSavedStateFollowsNewPollingBounds() async throws {
        let (_, _, store, dir) = try job(["archive.jsonl": line("p1", minutesAgo: 1)], sources: "  - name: archive\n    file: archive.jsonl\n    max_interval: 10\n")
        var saved = SourceState(id: "archive", url: dir + "/feeds/archive.jsonl", interval: 3600, nextPollAt: now.addingTimeInterval(3590))
        saved.lastAttemptAt = now.addingTimeInterval(-10)
        var batch = StoreBatch()
        batch.sourceStates = [saved]
        try store.commit(batch)
        let (job, _, _, _) = try reopen(dir, store: store)
        let state = try #require(await job.sourceStates.first)
        #expect(state.interval == 10 && state.nextPollAt == now)
    }
}

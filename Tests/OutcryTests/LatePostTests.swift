import Foundation
import OutcryCore
import OutcryPipeline
import OutcryStorage
import OutcryTesting
import Testing

/// Posts that arrive long after their time — a new source's backlog, an archive or feed read
/// again with items older than the deduplicator remembers — are stored, not counted as now.
@Suite struct LatePostTests {
    let topic = Topic(id: "jd", name: "京东", terms: ["京东"])
    /// Monday 2018-03-05 00:00 UTC.
    let start = Date(timeIntervalSince1970: 1_520_208_000)

    func post(_ id: String, at t: Date, _ text: String = "京东无赖，拒绝退货，我要投诉") -> Post {
        Post(id: id, source: "weibo", author: "user-" + id, followers: 100, text: text, createdAt: t)
    }

    func monitor(_ store: SQLiteStore) -> Monitor {
        Monitor(topics: [topic], tickets: [], store: store, notifiers: [], clock: SimulatedClock(start), utcOffset: 0)
    }

    /// Two quiet days, then the same eighty complaints: posted in the last twenty minutes
    /// they are a spike; posted the day before and arriving now, they are stored but no spike.
    @Test func aBacklogIsStoredButNotCountedAsNow() async throws {
        for late in [false, true] {
            let store = try SQLiteStore(path: try Fixtures.temporaryDirectory() + "/outcry.db")
            let m = monitor(store)
            for i in 0..<(2 * 24 * 6) {
                try await m.ingest(post("q\(i)", at: start.addingTimeInterval(Double(i) * 600), "京东的快递到了"))
            }
            let now = start.addingTimeInterval(2 * 86_400)
            let surgeAt = late ? now.addingTimeInterval(-86_400) : now.addingTimeInterval(-1_200)
            for i in 0..<80 {
                #expect(try await m.ingest(post("s\(i)", at: surgeAt.addingTimeInterval(Double(i) * 15))))
            }
            try await m.flush()
            #expect(await m.stats.spikes == (late ? 0 : 1))
            #expect(await m.stats.late == (late ? 80 : 0))
            #expect(try store.postCount() == 288 + 80)
            let counts = try store.mentionCounts(topics: ["jd"], from: surgeAt, to: surgeAt.addingTimeInterval(1_200))
            // The complaints, and the two quiet posts of those twenty minutes, at their own time.
            #expect(counts["jd"]?.mentions == 82 && counts["jd"]?.complaints == 80)
        }
    }

    /// A stream's posts that mention no topic are dropped unremembered (a firehose would fill
    /// the deduplicator's week); those that do are remembered as ever.
    @Test func aStreamsOtherPostsAreNotRemembered() async throws {
        let m = monitor(try SQLiteStore(path: try Fixtures.temporaryDirectory() + "/outcry.db"))
        let other = post("other", at: start, "my cat and the weather today")
        let mention = post("mention", at: start.addingTimeInterval(1), "京东的快递到了")
        for _ in 0..<2 {
            #expect(try await m.ingest(other, onlyTopics: true) == false)
        }
        #expect(try await m.ingest(mention, onlyTopics: true))
        #expect(try await m.ingest(mention, onlyTopics: true) == false)
        let stats = await m.stats
        #expect(stats.duplicates == 1 && stats.posts == 1)
    }

    /// A post stored long ago, offered again when the deduplicator no longer knows it (a new
    /// process, or more than a week later), is recognised from the store.
    @Test func anOldStoredPostOfferedAgainIsADuplicate() async throws {
        let store = try SQLiteStore(path: try Fixtures.temporaryDirectory() + "/outcry.db")
        let first = monitor(store)
        #expect(try await first.ingest(post("old", at: start)))
        try await first.flush()
        let later = monitor(store)
        #expect(try await later.ingest(post("new", at: start.addingTimeInterval(10 * 86_400))))
        #expect(try await later.ingest(post("old", at: start)) == false)
        let stats = await later.stats
        #expect(stats.duplicates == 1 && stats.late == 0)
    }
}

import Foundation
import OutcryCore
import OutcryPipeline
import OutcryScoring
import OutcryStorage
import OutcryTesting
import Testing

/// A restarted `outcry run` relearns its baselines from the store instead of being blind for a day.
@Suite struct MonitorWarmUpTests {
    let topic = Topic(id: "jd", name: "京东", terms: ["京东"])
    /// Monday 2018-03-05 00:00 UTC.
    let start = Date(timeIntervalSince1970: 1_520_208_000)
    var restartAt: Date { start.addingTimeInterval(2 * 86_400) }

    func post(_ n: Int, at t: Date, _ text: String) -> Post {
        Post(id: "p\(n)", source: "weibo", author: "user\(n % 40)", followers: 100, text: text, createdAt: t)
    }

    func monitor(_ store: SQLiteStore, at t: Date) -> Monitor {
        Monitor(topics: [topic], tickets: [], store: store, notifiers: [], clock: SimulatedClock(t), utcOffset: 0)
    }

    /// Two quiet days as the first run saw them: six mentions an hour.
    func storeWithTwoQuietDays() async throws -> SQLiteStore {
        let store = try SQLiteStore(path: try Fixtures.temporaryDirectory() + "/outcry.db")
        let first = monitor(store, at: start)
        for i in 0..<(2 * 24 * 6) { try await first.ingest(post(i, at: start.addingTimeInterval(Double(i) * 600), "京东的快递到了")) }
        try await first.advance(to: restartAt)
        return store
    }

    /// Eighty complaints in twenty minutes, ten minutes after the restart; the spikes opened.
    func surge(into m: Monitor) async throws -> Int {
        for i in 0..<80 {
            try await m.ingest(post(10_000 + i, at: restartAt.addingTimeInterval(600 + Double(i) * 15), "京东无赖，拒绝退货，我要投诉"))
        }
        return await m.stats.spikes
    }

    @Test func restartedMonitorDetectsAtOnce() async throws {
        let restarted = monitor(try await storeWithTwoQuietDays(), at: restartAt)
        #expect(try await restarted.warmUp(until: restartAt) == 288)
        // A post the first run stored, fetched again after the restart, is not counted twice.
        #expect(try await restarted.ingest(post(287, at: start.addingTimeInterval(287 * 600), "京东的快递到了")) == false)
        #expect(try await surge(into: restarted) == 1)

        // Without the warm-up the same surge falls in the detector's blind first day.
        let cold = monitor(try await storeWithTwoQuietDays(), at: restartAt)
        #expect(try await surge(into: cold) == 0)
    }

    /// Restarted after six hours down, the first cycle brings the six hours it missed, at the
    /// usual rate: counted at their own times they are no surge (moved to the restart, they
    /// would be six hours of posts in one bucket).
    @Test func theGapAfterDowntimeIsCountedAtItsTimes() async throws {
        let back = restartAt.addingTimeInterval(6 * 3600)
        let store = try await storeWithTwoQuietDays()
        let restarted = monitor(store, at: back)
        #expect(try await restarted.warmUp(until: back) == 288)
        for i in 0..<36 {
            #expect(try await restarted.ingest(post(20_000 + i, at: restartAt.addingTimeInterval(Double(i) * 600), "京东的快递到了")))
        }
        let stats = await restarted.stats
        #expect(stats.spikes == 0 && stats.late == 0 && stats.posts == 36)
        try await restarted.advance(to: back.addingTimeInterval(3600))
        let counts = try store.buckets(topic: "jd", from: restartAt, to: back.addingTimeInterval(3600)).map(\.count)
        #expect(counts.reduce(0, +) == 36 && counts.allSatisfy { $0 <= 1 }, "\(counts)")
    }

    /// A standby keeps up in steps while another worker leads: it ends up knowing what one
    /// warm-up at takeover would have taught it, and detects the same surge the same way.
    @Test func warmingUpInStepsLearnsWhatOneWarmUpLearns() async throws {
        let onceStore = try await storeWithTwoQuietDays()
        let once = monitor(onceStore, at: restartAt)
        #expect(try await once.warmUp(until: restartAt) == 288)

        let steppedStore = try await storeWithTwoQuietDays()
        let stepped = monitor(steppedStore, at: restartAt)
        var counts: [Int] = []
        for until in [start.addingTimeInterval(86_400), restartAt.addingTimeInterval(-1_800), restartAt.addingTimeInterval(-1_800), restartAt] {
            counts.append(try await stepped.warmUp(until: until))
        }
        #expect(counts == [144, 141, 0, 3])
        #expect(await stepped.relearned == 288)

        #expect(try await surge(into: once) == 1)
        #expect(try await surge(into: stepped) == 1)
        try await once.advance(to: restartAt.addingTimeInterval(3_600))
        try await stepped.advance(to: restartAt.addingTimeInterval(3_600))
        let shape = { (s: Spike) in "\(s.id) \(s.severity) \(s.volume) \(s.baseline) \(s.score)" }
        let (steppedSpikes, onceSpikes) = (try steppedStore.spikes().map(shape), try onceStore.spikes().map(shape))
        #expect(steppedSpikes == onceSpikes)
        #expect(try steppedStore.alerts().map(\.id) == onceStore.alerts().map(\.id))
    }

    /// A post the leader stored after the standby had read past its time (a feed delivering
    /// it late) is still learned, as the leader learned it: late.
    @Test func warmingUpAgainLearnsPostsStoredLate() async throws {
        let store = try await storeWithTwoQuietDays()
        let standby = monitor(store, at: restartAt)
        #expect(try await standby.warmUp(until: restartAt.addingTimeInterval(-1_800)) == 285)
        var batch = StoreBatch()
        batch.posts = [post(5_000, at: restartAt.addingTimeInterval(-1_800 - 600), "京东的快递到了，晚到的一条"),
                       post(5_001, at: restartAt.addingTimeInterval(-300), "京东的快递到了")]
        try store.commit(batch)
        #expect(try await standby.warmUp(until: restartAt) == 5)   // the half hour's 3, the late one, the recent one
        #expect(try await standby.warmUp(until: restartAt) == 0)
        #expect(await standby.relearned == 290)
    }

    /// A standby builds its monitor while another worker leads and alerts. When it takes over,
    /// the alert groups that worker left are the ones it carries on: when the spike closes,
    /// its group is resolved, not left in the store to be restored by every later start.
    @Test func aStandbyTakesUpTheAlertGroupsOfTheWorkerItReplaces() async throws {
        for resumes in [true, false] {
            let store = try await storeWithTwoQuietDays()
            let standby = monitor(store, at: restartAt)
            let leader = monitor(store, at: restartAt)
            _ = try await leader.warmUp(until: restartAt)
            #expect(try await surge(into: leader) == 1)
            try await leader.flush()
            #expect(try store.alertGroups().count == 1)

            let takeover = restartAt.addingTimeInterval(3_600)
            _ = try await standby.warmUp(until: takeover)
            #expect(await standby.openSpikes.count == 1)
            if resumes { try await standby.resumeAlerting() }
            try await standby.advance(to: takeover.addingTimeInterval(86_400))
            #expect(await standby.openSpikes.isEmpty)
            #expect(try store.alertGroups().isEmpty == resumes)
        }
    }
}

/// The warm-up prepares posts on another thread (`StreamScorer.Prepared`) while the detector
/// takes earlier ones: scoring a prepared post must decide exactly what scoring the post does.
@Suite struct PreparedScoringTests {
    @Test func preparedPostsAreScoredExactlyAsPostsAre() throws {
        let (_, input) = try Demo.load(configDir: Fixtures.root)
        var plain = StreamScorer(topics: input.topics, utcOffset: input.utcOffset)
        var prepared = StreamScorer(topics: input.topics, utcOffset: input.utcOffset)
        var posts = try input.posts(), n = 0, spikes = 0, differing: [String] = [], last = Date.distantPast
        while let post = try posts.next() {
            last = post.createdAt
            let a = plain.score(post)
            let b = prepared.score(StreamScorer.Prepared(post, analyzer: prepared.analyzer))
            if a.analysis != b.analysis || a.folded != b.folded || a.actions != b.actions { differing.append(post.id) }
            spikes += a.actions.count { if case .opened = $0 { true } else { false } }
            n += 1
        }
        #expect(differing.isEmpty, "\(differing.prefix(5))")
        #expect(n == 13_746 && spikes > 0)
        let end = last.addingTimeInterval(2 * 86_400)
        #expect(plain.advance(to: end) == prepared.advance(to: end))
    }
}

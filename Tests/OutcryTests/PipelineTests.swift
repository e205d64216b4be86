import Foundation
import OutcryAlerting
import OutcryCore
import OutcryPipeline
import OutcryStorage
import OutcryTesting
import OutcryTimeline
import Testing

/// Ground truth written by scripts/gen-demo-incident.py.
struct DemoTruth: Decodable {
    var topic: String
    var surge_start: String
    var influencer_post: String
    var response_post: String
    var origin_ticket: String
    var origin_chain: [String]
    var hard_negatives: [String]

    static func load() throws -> DemoTruth {
        try JSONDecoder().decode(DemoTruth.self, from: Data(contentsOf: URL(fileURLWithPath: Fixtures.repo("feeds/demo/truth.json"))))
    }
}

/// The demo incident end to end, through the same path as `outcry demo`.
@Suite(.serialized) struct DemoIncidentTests {
    /// A live job started before the support tickets reached the store (they come later through
    /// `tickets serve`, as `outcry run` picks them up each cycle) links them all the same.
    @Test func ticketsThatArriveWhileTheJobRunsAreLinked() async throws {
        let truth = try DemoTruth.load()
        let surge = try #require(Timestamp.parse(truth.surge_start))
        let (_, input) = try Demo.load(configDir: Fixtures.root)
        func alerts(learningTicketsAt learnAt: Date?) async throws -> [Alert] {
            let recorder = RecordingNotifier(channel: "test")
            let monitor = Monitor(topics: input.topics, tickets: [], store: try SQLiteStore(path: ":memory:"), notifiers: [recorder],
                                  clock: SimulatedClock(input.first!), utcOffset: input.utcOffset)
            var posts = try input.posts(), learned = false, last = input.first!
            while let post = try posts.next() {
                if let learnAt, !learned, post.createdAt >= learnAt {
                    await monitor.learn(tickets: input.tickets)
                    learned = true
                }
                try await monitor.ingest(post)
                last = post.createdAt
            }
            try await monitor.advance(to: last.addingTimeInterval(6 * 3600))
            return recorder.delivered.map(\.alert).filter { $0.topic == truth.topic && $0.detectedAt >= surge }
        }
        let never = try await alerts(learningTicketsAt: nil)
        #expect(!never.isEmpty && never.allSatisfy { $0.linkedTickets.isEmpty })
        let late = try await alerts(learningTicketsAt: surge.addingTimeInterval(-3600))
        #expect(!late.isEmpty)
        for a in late { #expect(a.linkedTickets.prefix(2).map(\.id) == truth.origin_chain) }
    }

    @Test func replayDetectsTheIncidentAndLinksTheOriginTicket() async throws {
        let truth = try DemoTruth.load()
        let surge = try #require(Timestamp.parse(truth.surge_start))
        let (_, input) = try Demo.load(configDir: Fixtures.root)
        #expect(input.count >= 5000)
        #expect(input.tickets.count >= 150)
        var posts = try input.posts(), sources = Set<String>()
        while let post = try posts.next() { sources.insert(post.source) }
        #expect(sources.isSuperset(of: ["consumer-news", "jd-newsroom"]))
        let store = try SQLiteStore(path: ":memory:")
        let recorder = RecordingNotifier(channel: "test")
        let stats = try await Replay.run(input, store: store, notifiers: [recorder])
        let alerts = recorder.delivered.map(\.alert)
        #expect(stats.alerts == alerts.count)

        // Nothing of warning or above in the quiet baseline, for any topic.
        #expect(!alerts.contains { $0.severity >= .warning && $0.detectedAt < surge })
        // The alert for the right topic fires within 2 hours of the first surge post, not before it.
        let first = try #require(alerts.first { $0.topic == truth.topic && $0.detectedAt >= surge })
        #expect(first.detectedAt.timeIntervalSince(surge) <= 2 * 3600)
        #expect(!alerts.contains { $0.topic == truth.topic && $0.detectedAt < surge })
        let warning = try #require(alerts.first { $0.topic == truth.topic && $0.severity >= .warning })
        #expect(warning.detectedAt.timeIntervalSince(surge) <= 2 * 3600)
        // The originating ticket is ranked first in every alert about the incident, its chain next.
        for a in alerts where a.topic == truth.topic {
            #expect(a.linkedTickets.first?.id == truth.origin_ticket)
            #expect(a.linkedTickets.prefix(2).map(\.id) == truth.origin_chain)
            #expect(!a.linkedTickets.isEmpty && a.linkedTickets[0].reasons.contains { $0.contains("comfort u") })
        }
        #expect(alerts.contains { $0.topic == truth.topic && $0.severity == .critical })
        // Every alert reached the outbox and was delivered.
        #expect(try store.outbox(status: .delivered).count == alerts.count)

        // The timeline tells the story in order.
        let spike = try #require(try store.spikes().first { $0.topic == truth.topic && $0.severity == .critical })
        let topic = input.topics.first { $0.id == truth.topic }
        let timeline = try Timeline.build(spike: spike, topic: topic, store: store)
        let kinds = timeline.entries.map(\.kind)
        for kind in [TimelineEntry.Kind.ticket, .firstPost, .influencer, .spikeOpened, .alert, .peak, .response, .closed] {
            #expect(kinds.contains(kind), "missing \(kind)")
        }
        let at = { (k: TimelineEntry.Kind) in timeline.entries.first { $0.kind == k }!.at }
        #expect(at(.ticket) < at(.firstPost))
        #expect(at(.firstPost) < at(.influencer))
        #expect(at(.influencer) == surge)
        #expect(at(.response) > at(.spikeOpened))
        #expect(timeline.entries.first { $0.kind == .response }?.text.contains("六六") == true)
        #expect(timeline.metrics.firstPostToDetection.map { $0 > 0 } == true)

        // The three report formats are the product: compared with golden files
        // (OUTCRY_UPDATE_GOLDEN=1 rewrites them; review the diff).
        try Golden.check("demo-timeline.md", TimelineRenderer.markdown(timeline, utcOffset: 8 * 3600))
        try Golden.check("demo-timeline.html", TimelineRenderer.html(timeline, utcOffset: 8 * 3600))
        try Golden.check("demo-timeline.json", TimelineRenderer.json(timeline))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(TimelineRenderer.json(timeline).utf8)) as? [String: Any])
        let metrics = try #require(json["metrics"] as? [String: Any])
        #expect(metrics["detection_to_first_alert_s"] as? Int == 0)
        #expect((json["volume"] as? [Any])?.isEmpty == false)
    }

    @Test func rerunningIntoTheSameStoreCreatesNoDuplicates() async throws {
        let (_, input) = try Demo.load(configDir: Fixtures.root)
        let path = try Fixtures.temporaryDirectory() + "/outcry.db"
        let recorder = RecordingNotifier(channel: "test")
        _ = try await Replay.run(input, store: try SQLiteStore(path: path), notifiers: [recorder])
        let first = try SQLiteStore(path: path)
        let counts = (try first.postCount(), try first.alerts().count, try first.spikes().count, try first.outbox(status: nil).count)
        _ = try await Replay.run(input, store: try SQLiteStore(path: path), notifiers: [recorder])
        let again = try SQLiteStore(path: path)
        #expect(try again.postCount() == counts.0)
        #expect(try again.alerts().count == counts.1)
        #expect(try again.spikes().count == counts.2)
        #expect(try again.outbox(status: nil).count == counts.3)
        // Delivered once: the outbox remembers.
        #expect(recorder.delivered.count == counts.1)
    }
}

/// Golden files under Tests/Fixtures/golden: output that is the product, checked byte for byte.
enum Golden {
    static func check(_ name: String, _ actual: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let path = Fixtures.path("golden/" + name)
        if ProcessInfo.processInfo.environment["OUTCRY_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(atPath: Fixtures.path("golden"), withIntermediateDirectories: true)
            try actual.write(toFile: path, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOfFile: path, encoding: .utf8)
        if expected != actual {
            let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let b = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let line = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
            Issue.record("\(name) differs from the golden file at line \(line + 1) (OUTCRY_UPDATE_GOLDEN=1 to accept)", sourceLocation: sourceLocation)
        }
    }
}

/// The poll cycle of `outcry run` with a stream among the sources.
@Suite struct LiveJobStreamTests {
    /// A stream session lasts seconds (listen_seconds); it runs in a task of its own, so the
    /// feeds polled in the same cycle are ingested without waiting for it, and what the stream
    /// heard is ingested when its session ends.
    @Test func aListeningStreamDoesNotHoldUpTheFeedsPolledBesideIt() async throws {
        let streams = try LocalHTTPServer.misbehaving()
        let feeds = try LocalHTTPServer(directory: Fixtures.path("feeds"))
        // The stream keeps its connection open for 10 s after its events (the feed takes
        // milliseconds, a loaded test machine a few seconds).
        let ws = streams.url("jetstream?wantedCollections=app.bsky.feed.post&hold=10").replacingOccurrences(of: "http://", with: "ws://")
        let dir = try Fixtures.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: dir + "/feeds", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Fixtures.path("topics.yml"), toPath: dir + "/feeds/topics.yml")
        try """
            topics: topics.yml
            sources:
              - name: bsky
                url: \(ws)
                listen_seconds: 20
              - name: shop-news
                url: \(feeds.url("rss20.xml"))
                host_delay: 0.01
            """.write(toFile: dir + "/feeds/sources.yml", atomically: true, encoding: .utf8)
        let config = try SourcesConfig.load(dir + "/feeds/sources.yml")
        let store = try SQLiteStore(path: dir + "/outcry.db")
        let monitor = Monitor(topics: try TopicsFile.load(config.topics), tickets: [], store: store, notifiers: [], clock: SystemClock(),
                              utcOffset: 0)
        let job = try LiveJob(config: config, monitor: monitor, store: store)

        let polled = try await job.pollDue(at: Date(), force: true)
        #expect(polled == 3, "the feed's items, without waiting for the stream")
        #expect(await job.sourceStates.first { $0.id == "shop-news" }?.lastSuccessAt != nil)
        #expect(await job.sourceStates.first { $0.id == "bsky" }?.lastAttemptAt == nil, "the stream is still listening")
        #expect(await job.secondsUntilNextPoll(from: Date(), cap: 5) > 0, "a listening stream is not due again")
        #expect(try await job.pollDue(at: Date()) == 0, "no second session on a stream that is listening")

        #expect(try await job.finishStreams() == 30)
        #expect(await job.sourceStates.first { $0.id == "bsky" }?.cursor == "1000000000000030")
    }
}

import Foundation
import GRDB
import OutcryCore
import OutcryPipeline
import OutcryStorage
import OutcryTesting
import Testing

/// Every backend answers every read of the `Store` protocol exactly as SQLite in memory does,
/// after the same writes: a differential test, so a second backend cannot drift from the first.
@Suite struct StoreConformanceTests {
    static let t0 = StoreTests.t0

    /// The sample batch, then a second poll that updates, re-sends and adds to it — every table,
    /// hostile text included.
    static func batches() -> [StoreBatch] {
        var second = StoreBatch()
        second.posts = [Post(id: "p1", source: "weibo", author: "六六", followers: 13_000_000, text: "无赖京东 '); DROP TABLE post; --",
                             createdAt: t0, reposts: 5_000, comments: 40_000, likes: 90_000),
                        Post(id: "p3", source: "zhihu", author: "o'brien \"quoted\"", text: "京东 \\ 反斜杠 $1 ? %s 😡\u{0}x".replacingOccurrences(of: "\u{0}", with: ""),
                             url: "https://zhihu.com/q/1?a=1&b=2", createdAt: t0.addingTimeInterval(0.125), lang: "zh")]
        second.mentions = [("p3", "jd", true), ("p1", "jd", true)]
        second.buckets = [Bucket(topic: "jd", start: t0, count: 3, complaints: 2, reach: 13_000_002, topAuthor: "六六", topAuthorFollowers: 13_000_000),
                          Bucket(topic: "other", start: t0.addingTimeInterval(300), count: 1, complaints: 0, reach: 1, topAuthor: nil, topAuthorFollowers: 0)]
        var spike = StoreTests.sampleBatch().spikes[0]
        spike.severity = .critical
        spike.state = .closed
        spike.closedAt = t0.addingTimeInterval(7_200)
        (spike.peakComplaints, spike.peakUsualComplaints) = (31, 2.25)
        second.spikes = [spike]
        second.spikeEvents = [SpikeEvent(spikeID: spike.id, at: t0.addingTimeInterval(600), kind: .escalated, severity: .critical, volume: 40)]
        second.links = [(spike.id, [LinkedTicket(id: "TK-2", score: 0.7, reasons: ["订单 7235"]), LinkedTicket(id: "TK-1", score: 0.5, reasons: [])])]
        second.tickets = [Ticket(id: "TK-2", createdAt: t0.addingTimeInterval(-7_200), updatedAt: t0, status: .open, channel: .email,
                                 customer: "c@example.com", orderId: "7235", subject: "<b>退货</b>", body: "非质量问题不退货", events: [])]
        second.notes = [IncidentNote(spikeID: spike.id, at: t0.addingTimeInterval(900), author: "pr", text: "statement posted"),
                        IncidentNote(spikeID: spike.id, at: t0.addingTimeInterval(900), author: "cx", text: "same second, second note")]
        var state = SourceState(id: "weibo-jd", url: "https://rsshub.example/weibo/keyword/京东", interval: 60, nextPollAt: t0)
        state.etag = "\"abc\""
        state.consecutiveFailures = 2
        second.sourceStates = [state]
        second.alertGroups = [("route|pr|topic=jd", "{\"n\":1}"), ("route|cx|topic=jd", "{}")]
        let alertID = StoreTests.sampleBatch().alerts[0].id
        second.acknowledgements = [Acknowledgement(alertID: alertID, spikeID: spike.id, at: t0.addingTimeInterval(1_200), author: "pr", comment: "on it")]
        second.silences = [Silence(id: "SIL-1", matchers: ["topic=jd"], startsAt: t0, endsAt: t0.addingTimeInterval(3_600), author: "pr", comment: "known")]
        var third = StoreBatch()
        third.alertGroups = [("route|cx|topic=jd", nil)]
        // A topic found again: its mentions in a period removed before the batch's are written.
        third.appliedTopics = [("jd", Topic(id: "jd", name: "京东", terms: ["京东"]).matchingDefinition), ("other", "'); DROP TABLE mention; --")]
        third.mentionsRefound = [("jd", t0, t0.addingTimeInterval(0.1))]
        third.mentions = [("p1", "other", false), ("p2", "other", true)]
        third.mentionedPostTimes = ["p2": t0.addingTimeInterval(60)]   // given, as a refind does, instead of looked up
        var fourth = StoreBatch()
        fourth.appliedTopics = [("jd", Topic(id: "jd", name: "京东", terms: ["京东", "jd"], exclude: ["京东方"]).matchingDefinition)]
        return [StoreTests.sampleBatch(), second, third, fourth]
    }

    /// Writes the batches and changes the outbox the way the dispatcher does.
    static func fill(_ store: any Store) throws {
        for b in batches() { try store.commit(b) }
        try store.commit(batches()[0])   // idempotent
        let due = try store.dueOutbox(at: t0.addingTimeInterval(60), limit: 10)
        #expect(due.count == 2)
        try store.markDelivered([due[0].id], at: t0.addingTimeInterval(61))
        try store.markFailed(due[1].id, error: "HTTP 500 from hooks.example", retryAt: t0.addingTimeInterval(120))
        try store.markFailed(due[1].id, error: "HTTP 410: gone", retryAt: nil)
    }

    @Test(arguments: StoreBackend.allCases.filter { $0 != .memory })
    func readsMatchSQLiteInMemory(_ backend: StoreBackend) throws {
        let reference = try SQLiteStore(path: ":memory:")
        let store = try backend.open()
        try Self.fill(reference)
        try Self.fill(store)
        let spike = "S-jd-1"
        let from = Self.t0.addingTimeInterval(-86_400), to = Self.t0.addingTimeInterval(86_400)
        func same<T: Equatable>(_ read: (any Store) throws -> T, _ what: String) throws {
            let expected = try read(reference), actual = try read(store)
            #expect(actual == expected, "\(what)")
        }
        try same({ try $0.postCount() }, "postCount")
        try same({ try $0.postCountForDisplay() }, "postCountForDisplay")
        try same({ try $0.posts(ids: ["p3", "missing", "p1"]) }, "posts(ids:)")
        try same({ try $0.posts(from: from, to: to, after: nil, limit: 2) }, "posts(from:to:) first page")
        try same({ try $0.posts(from: from, to: to, after: (Self.t0, "p1"), limit: 10) }, "posts(from:to:) after a key")
        try same({ try $0.posts(topic: "jd", from: from, to: to, limit: 10) }, "posts(topic:)")
        try same({ try $0.complaintPosts(topic: "jd", from: from, to: to, limit: 10) }, "complaintPosts")
        try same({ try $0.tickets() }, "tickets")
        try same({ try $0.tickets(ids: ["TK-2", "nope", "TK-1"]) }, "tickets(ids:)")
        // Opened in a closed range: both ends included.
        try same({ try $0.tickets(createdFrom: Self.t0.addingTimeInterval(-7_200), to: Self.t0) }, "tickets(createdFrom:to:)")
        #expect(try store.tickets(createdFrom: Self.t0.addingTimeInterval(-7_200), to: Self.t0).map(\.id) == ["TK-2"])
        #expect(try store.tickets(createdFrom: .distantPast, to: Self.t0.addingTimeInterval(-86_400)).map(\.id) == ["TK-1"])
        // More ids than one statement may bind (PostgreSQL: 65,535): an import of a
        // large export asks for this many. Read in chunks, still in the order asked.
        let absent = (0..<70_000).map { "TK-x\($0)" }
        #expect(try store.tickets(ids: absent + ["TK-2"] + absent.prefix(15_000) + ["TK-1"]).map(\.id) == ["TK-2", "TK-1"])
        #expect(try store.posts(ids: ["p3"] + absent + ["p1"]).map(\.id) == ["p3", "p1"])
        try same({ try $0.tickets(storedSince: .distantPast) }, "tickets(storedSince: long ago)")
        try same({ try $0.tickets(storedSince: .distantFuture) }, "tickets(storedSince: the future)")
        try same({ try $0.tickets(storedSince: .distantPast, createdFrom: Self.t0.addingTimeInterval(-7_200)) }, "tickets(storedSince:createdFrom:)")
        #expect(try store.tickets(storedSince: .distantPast, createdFrom: Self.t0.addingTimeInterval(-7_200)).map(\.id) == ["TK-2"])
        try same({ try $0.buckets(topic: "jd", from: from, to: to) }, "buckets(topic:)")
        try same({ try $0.buckets(from: from, to: to) }, "buckets")
        try same({ try $0.bucketCounts(from: from, to: to).map { "\($0.topic) \($0.start.timeIntervalSince1970) \($0.count)" }.sorted() }, "bucketCounts")
        try same({ try $0.lastPostAt() }, "lastPostAt")
        try same({ try $0.spikes() }, "spikes")
        for filter: SpikeFilter in [.id(spike), .topic("jd"), .openAt(Self.t0.addingTimeInterval(60)), .topicOverlapping("jd", from: from, to: to)] {
            try same({ try $0.spikes(filter) }, "spikes(\(filter))")
        }
        try same({ try $0.spikeEvents(spikeID: spike) }, "spikeEvents")
        try same({ try $0.links(spikeID: spike) }, "links")
        try same({ try $0.alerts(since: nil) }, "alerts")
        try same({ try $0.alerts(since: Self.t0.addingTimeInterval(1)) }, "alerts(since:)")
        try same({ try $0.alert(id: $0.alerts(since: nil)[0].id) }, "alert(id:)")
        try same({ try $0.alerts(spikeID: spike) }, "alerts(spikeID:)")
        try same({ try $0.deliveries(alertIDs: $0.alerts(since: nil).map(\.id) + ["none"]) }, "deliveries(alertIDs:)")
        try same({ try $0.acknowledgements(spikeID: spike) }, "acknowledgements(spikeID:)")
        try same({ try $0.topicSummaries() }, "topicSummaries")
        try same({ try $0.mentionCounts(topics: ["jd", "other", "none"], from: from, to: to).mapValues { "\($0.mentions)/\($0.complaints)" } }, "mentionCounts")
        try same({ try $0.sourceStates() }, "sourceStates")
        try same({ try $0.appliedTopics() }, "appliedTopics")
        try same({ try $0.mentionCounts(topics: ["jd", "other"], from: Self.t0, to: Self.t0.addingTimeInterval(1)).mapValues { "\($0.mentions)/\($0.complaints)" } }, "mentionCounts after a refind")
        try same({ try $0.notes(spikeID: spike) }, "notes")
        try same({ try $0.outbox(status: nil) }, "outbox")
        try same({ try $0.outbox(status: .dead) }, "outbox(dead)")
        try same({ try $0.outbox(since: Self.t0) }, "outbox(since:)")
        try same({ try $0.dueOutbox(at: Self.t0.addingTimeInterval(3_600), limit: 10) }, "dueOutbox")
        try same({ try $0.notification(id: "N-1") }, "notification(id:)")
        try same({ try $0.notifications(since: nil) }, "notifications")
        try same({ try $0.alertGroups().map { "\($0.key)=\($0.state)" } }, "alertGroups")
        try same({ try $0.acknowledgements(since: nil) }, "acknowledgements")
        try same({ try $0.silences() }, "silences")
        try same({ try $0.silences(endingAfter: Self.t0.addingTimeInterval(3_599)) }, "silences(endingAfter:)")
        try same({ try $0.acknowledgements(alertIDs: ["none"] + $0.alerts(since: nil).map(\.id)) }, "acknowledgements(alertIDs:)")
        try same({ try $0.claimDueOutbox(at: Self.t0.addingTimeInterval(3_600), channels: ["webhook", "console"], limit: 10, lease: 60, worker: "w1") }, "claim")
        try same({ try $0.claimDueOutbox(at: Self.t0.addingTimeInterval(3_659), channels: ["webhook", "console"], limit: 10, lease: 60, worker: "w2") }, "claim while held")
        try same({ try $0.outboxHolders(at: Self.t0.addingTimeInterval(3_600)) }, "outboxHolders")
        // Redrive last: it changes the outbox.
        try same({ try $0.redrive(ids: nil, at: Self.t0.addingTimeInterval(4_000)) }, "redrive(all dead)")
        try same({ try $0.redrive(ids: ["N-1|console", "N-1|webhook"], at: Self.t0.addingTimeInterval(4_001)) }, "redrive(ids:)")
        try same({ try $0.outbox(status: nil) }, "outbox after redrive")
        // A peak's complaints round-trip (the fill's repeated first batch reset the sample's).
        var peaked = Self.batches()[1].spikes[0]
        peaked.id = "S-peak"
        var batch = StoreBatch()
        batch.spikes = [peaked]
        try reference.commit(batch)
        try store.commit(batch)
        try same({ try $0.spikes() }, "spikes with a peak's complaints")
        #expect(try store.spikes().first { $0.id == "S-peak" }.map { "\($0.peakComplaints.map(String.init) ?? "nil") vs \($0.peakUsualComplaints.map { "\($0)" } ?? "nil")" } == "31 vs 2.25")
    }

    @Test func aPasswordInTheLocationIsRefused() {
        for uri in ["postgres://outcry:hunter2@db.example/outcry", "postgresql://db.example/outcry?password=hunter2"] {
            #expect(throws: PostgresError.self) { try PostgresStore(uri: uri) }
            do { _ = try PostgresStore(uri: uri) } catch {
                #expect("\(error)".contains("PGPASSWORD"))
                #expect(!"\(error)".contains("hunter2"))
            }
        }
        #expect(throws: StoreLocationError.self) { try StoreLocation.open("") }
    }

    @Test func anUnreachableServerIsAClearError() {
        do {
            _ = try PostgresStore(uri: "postgres://outcry@127.0.0.1:1/outcry?connect_timeout=2")
            Issue.record("connected to port 1")
        } catch {
            #expect("\(error)".hasPrefix("postgres: cannot connect"))
        }
    }

    /// Several workers share one database: a second connection sees the first's commits, and
    /// opening it migrates nothing twice.
    @Test(.enabled(if: StoreBackend.postgresURL != nil))
    func twoWorkersShareOneDatabase() throws {
        let schema = StoreBackend.freshSchema()
        let a = try PostgresStore(uri: StoreBackend.postgresURL!, schema: schema)
        let b = try PostgresStore(uri: StoreBackend.postgresURL!, schema: schema)
        try a.commit(StoreTests.sampleBatch())
        #expect(try b.postCount() == 2)
        #expect(try b.outbox(status: .pending).count == 2)
        try b.markDelivered(["N-1|console"], at: Self.t0)
        #expect(try a.outbox(status: .delivered).map(\.id) == ["N-1|console"])
    }

    /// A second run over the same store — a replay again, by a build whose timing differs —
    /// records a spike's steps again at other times: each step keeps its first record, so a
    /// timeline shows it once; steps the first run did not reach are added.
    @Test(arguments: StoreBackend.allCases)
    func aSpikesStepsAreRecordedOnce(_ backend: StoreBackend) throws {
        let store = try backend.open()
        let first = StoreTests.sampleBatch()
        try store.commit(first)
        let spikeID = first.spikes[0].id
        let recorded = try store.spikeEvents(spikeID: spikeID)
        #expect(recorded == first.spikeEvents)
        let critical = SpikeEvent(spikeID: spikeID, at: Self.t0.addingTimeInterval(900), kind: .escalated, severity: .critical, volume: 40)
        var again = StoreBatch()
        again.spikes = first.spikes
        again.spikeEvents = recorded.map { SpikeEvent(spikeID: $0.spikeID, at: $0.at.addingTimeInterval(180), kind: $0.kind,
                                                      severity: $0.severity, volume: $0.volume + 1) } + [critical]
        try store.commit(again)
        #expect(try store.spikeEvents(spikeID: spikeID) == recorded + [critical])
    }

    /// A store written before steps were kept once, holding a step twice, is mended when opened:
    /// the earlier record stays.
    @Test func anOlderStoreWithRepeatedStepsKeepsTheFirst() throws {
        let path = try Fixtures.temporaryDirectory() + "/outcry.db"
        let batch = StoreTests.sampleBatch()
        try SQLiteStore(path: path).commit(batch)
        let event = batch.spikeEvents[0]
        // Back to the schema before the step, with the repeat a re-run used to add.
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "DROP INDEX spike_event_once; DELETE FROM grdb_migrations WHERE identifier = 'v12-spike-event-once'")
            try db.execute(sql: "INSERT INTO spike_event (spike_id, at, kind, severity, volume) VALUES (?, ?, ?, ?, ?)",
                           arguments: [event.spikeID, event.at.timeIntervalSince1970 + 180, event.kind.rawValue, event.severity.rawValue, 9])
        }
        #expect(try SQLiteStore(path: path).spikeEvents(spikeID: event.spikeID) == [event])
    }

    /// A mention of a post stored by an earlier batch takes the post's time from the store; one
    /// whose post the batch carries takes it from the batch. Both count in their post's period.
    @Test(arguments: StoreBackend.allCases)
    func aMentionOfAnEarlierPostTakesThePostsTime(_ backend: StoreBackend) throws {
        let store = try backend.open()
        try store.commit(StoreTests.sampleBatch())
        var later = StoreBatch()
        later.posts = [Post(id: "p9", source: "weibo", author: "u", text: "京东方", createdAt: Self.t0.addingTimeInterval(7_200))]
        later.mentions = [("p1", "boe", false), ("p9", "boe", true)]
        try store.commit(later)
        let counts = { (from: Double, to: Double) in
            try store.mentionCounts(topics: ["boe"], from: Self.t0.addingTimeInterval(from), to: Self.t0.addingTimeInterval(to))["boe"]
        }
        #expect(try counts(0, 1).map { "\($0.mentions)/\($0.complaints)" } == "1/0")
        #expect(try counts(7_200, 7_201).map { "\($0.mentions)/\($0.complaints)" } == "1/1")
    }

    /// A running job asks what was written since it last looked: new tickets and changed ones.
    @Test(arguments: StoreBackend.allCases)
    func ticketsStoredSinceAMomentAreTheNewAndTheChanged(_ backend: StoreBackend) throws {
        let store = try backend.open()
        try store.commit(StoreTests.sampleBatch())
        Thread.sleep(forTimeInterval: 0.01)
        let mark = Date()
        #expect(try store.tickets(storedSince: mark).isEmpty)
        var changed = StoreTests.sampleBatch().tickets[0]
        changed.events.append(TicketEvent(at: Self.t0, actor: .agent, kind: .message, text: "非质量问题不退货"))
        var later = StoreBatch()
        later.tickets = [changed, Ticket(id: "TK-9", createdAt: Self.t0, status: .open, subject: "new", body: "b", events: [])]
        try store.commit(later)
        #expect(try store.tickets(storedSince: mark).map(\.id) == ["TK-1", "TK-9"])
        #expect(try store.tickets(storedSince: mark).first?.events.count == 2)
    }

    /// What `outcry run` does each cycle: it is told of each ticket written after it started,
    /// and of no ticket twice once its writer's clock slack has passed.
    @Test func aTicketFollowerSeesWhatIsWrittenAfterIt() throws {
        let store = try SQLiteStore(path: ":memory:")
        try store.commit(StoreTests.sampleBatch())
        var follower = TicketFollower(from: Date())
        follower.clockSlack = 0
        #expect(try follower.fresh(in: store).isEmpty)
        var later = StoreBatch()
        later.tickets = [Ticket(id: "TK-9", createdAt: Self.t0, status: .open, subject: "pushed", body: "b", events: [])]
        Thread.sleep(forTimeInterval: 0.01)
        try store.commit(later)
        #expect(try follower.fresh(in: store).map(\.id) == ["TK-9"])
        Thread.sleep(forTimeInterval: 0.01)
        #expect(try follower.fresh(in: store).isEmpty)
    }

    /// Within the clock slack, and when a job's own start-up rewrites the tickets it began with,
    /// nothing already known is handed over again (the linker's index would only grow); a
    /// change is.
    @Test func aTicketFollowerHandsOverOnlyWhatIsNewOrChanged() throws {
        let store = try SQLiteStore(path: ":memory:")
        let startup = StoreTests.sampleBatch().tickets
        var follower = TicketFollower(from: Date(), knowing: startup)
        try store.commit(StoreTests.sampleBatch())   // the job's first commit writes its tickets again
        #expect(try follower.fresh(in: store).isEmpty)
        var changed = startup[0]
        changed.events.append(TicketEvent(at: Self.t0, actor: .agent, kind: .message, text: "已退款"))
        var later = StoreBatch()
        later.tickets = [changed]
        try store.commit(later)
        #expect(try follower.fresh(in: store).map(\.events.count) == [2])
        #expect(try follower.fresh(in: store).isEmpty, "seen within the slack, unchanged")
    }

    /// A job follows the tickets its linker can still use: one opened before that (last year's
    /// export imported again) is neither handed over nor remembered.
    @Test func aTicketFollowerPassesOverTicketsTooOldToLink() throws {
        let store = try SQLiteStore(path: ":memory:")
        let now = Date()
        var follower = TicketFollower(from: now, keeping: 30 * 86_400)
        follower.clockSlack = 0
        var written = StoreBatch()
        written.tickets = [Ticket(id: "TK-old", createdAt: now.addingTimeInterval(-31 * 86_400), status: .closed, subject: "s", body: "b", events: []),
                           Ticket(id: "TK-new", createdAt: now.addingTimeInterval(-29 * 86_400), status: .open, subject: "s", body: "b", events: [])]
        Thread.sleep(forTimeInterval: 0.01)
        try store.commit(written)
        #expect(try follower.fresh(in: store, now: now).map(\.id) == ["TK-new"])
    }

    /// Large batches go through in windows (pipelined); one bad row at the very end of a large
    /// batch still leaves none of it stored.
    @Test(arguments: StoreBackend.allCases)
    func largeBatchesAreAllOrNothing(_ backend: StoreBackend) throws {
        let store = try backend.open()
        func batch(_ prefix: String, _ n: Int) -> StoreBatch {
            var b = StoreBatch()
            b.posts = (0..<n).map { Post(id: "\(prefix)\($0)", source: "weibo", author: "u\($0 % 50)", text: "京东 \($0)", createdAt: Self.t0.addingTimeInterval(Double($0))) }
            b.mentions = b.posts.map { ($0.id, "jd", Int($0.id.dropFirst())! % 3 == 0) }
            return b
        }
        try store.commit(batch("a", 1_500))
        #expect(try store.postCount() == 1_500)
        #expect(try store.mentionCounts(topics: ["jd"], from: Self.t0, to: Self.t0.addingTimeInterval(3_600))["jd"]?.complaints == 500)
        var bad = batch("b", 1_000)
        bad.mentions.append(("no-such-post", "jd", true))
        #expect(throws: (any Error).self) { try store.commit(bad) }
        #expect(try store.postCount() == 1_500)
        try store.commit(batch("b", 1_000))
        #expect(try store.postCount() == 2_500)
    }

    /// A batch is one transaction: when one row fails, none of the batch is stored, and the error
    /// names the server's reason.
    @Test(.enabled(if: StoreBackend.postgresURL != nil))
    func aFailingBatchStoresNothing() throws {
        let store = try StoreBackend.postgres.open()
        var batch = StoreTests.sampleBatch()
        batch.mentions.append(("no-such-post", "jd", true))
        do {
            try store.commit(batch)
            Issue.record("a mention of a missing post was stored")
        } catch let error as PostgresError {
            #expect("\(error)".contains("23503"))   // foreign_key_violation
        }
        #expect(try store.postCount() == 0)
        try store.commit(StoreTests.sampleBatch())
        #expect(try store.postCount() == 2)
    }
}

import Foundation
import OutcryCore
import OutcryDashboard
import OutcryStorage
import OutcryTesting
import Testing

/// The dashboard: frames are a pure function of a snapshot and the UI state (golden text at
/// 80×24 and 160×48 with CJK, emoji and hostile escape sequences), keys, line diffing, and the
/// real thing driven inside tmux while a replay writes the store.
@Suite struct DashboardTests {
    static let t0 = Timestamp.parse("2018-03-14T10:40:00+08:00")!
    static let hostile = "\u{1B}]0;pwned\u{07}\u{1B}[2J<b>bold</b> \u{202E}evil\u{202C}"

    static func snapshot() -> DashboardSnapshot {
        let spike = Spike(id: "S-jd-1", topic: "jd", start: t0.addingTimeInterval(-3180), detectedAt: t0.addingTimeInterval(-3180), severity: .critical,
                          score: 30, volume: 60, baseline: 3.9, negativeShare: 0.78, usualComplaints: 1.2, reach: 12_600_000,
                          topTerms: ["无赖京东", "六六", "comfort u", Self.hostile], samplePosts: ["p1"], peakVolume: 60, peakComplaints: 47, peakUsualComplaints: 1.2)
        let watch = Spike(id: "S-tb-1", topic: "tb", start: t0.addingTimeInterval(-600), detectedAt: t0.addingTimeInterval(-600), severity: .watch,
                          score: 6, volume: 9, baseline: 2, negativeShare: 0.3, reach: 5000, topTerms: ["退款"], samplePosts: [])
        func series(_ tail: [Int]) -> [Int] { [Int](repeating: 1, count: 72 - tail.count) + tail }
        let topics: [DashboardSnapshot.TopicRow] = [
            .init(id: "quiet", name: "苏宁易购", rate: 0, expected: 0.8, complaintShare: 0, series: [Int](repeating: 0, count: 72),
                  topAuthor: nil, topAuthorFollowers: 0, spike: nil),
            .init(id: "tb", name: "淘宝 / 天猫 🛒", rate: 9, expected: 2, complaintShare: 0.33, series: series([2, 3, 5, 9]),
                  topAuthor: "阿小鹿780", topAuthorFollowers: 1995, spike: watch),
            .init(id: "jd", name: "京东 JD.com" + Self.hostile, rate: 94, expected: 3.9, complaintShare: 0.82, series: series([2, 5, 9, 20, 37, 60]),
                  topAuthor: "六六" + Self.hostile, topAuthorFollowers: 12_600_000, spike: spike),
            .init(id: "pdd", name: "拼多多", rate: 2, expected: 0.7, complaintShare: 0.5, series: series([0, 1, 0, 2]),
                  topAuthor: "user", topAuthorFollowers: 56, spike: nil),
        ]
        let alert = Alert(spike: spike, at: t0, linkedTickets: [LinkedTicket(id: "TK-1047", score: 0.99, reasons: ["same order 723504… as TK-1063", Self.hostile])])
        let rows = [DashboardSnapshot.AlertRow(alert: alert, receivers: ["pr-team"], delivered: 2, waiting: 1, dead: 0, acknowledgedBy: nil, open: true)]
        var state = SourceState(id: "weibo-rsshub", url: "http://127.0.0.1/weibo", interval: 300, nextPollAt: t0.addingTimeInterval(120))
        state.consecutiveFailures = 3
        state.lastStatus = 503
        state.lastError = "HTTP 503 \u{1B}[31m"
        var s = DashboardSnapshot(now: t0, utcOffset: 8 * 3600, title: "test", store: "outcry.db", posts: 13_746, topics: topics, alerts: rows,
                                  sources: [state], ingestRate: 120)
        s.readAt = t0
        return s
    }

    static func detail(_ s: DashboardSnapshot) -> DashboardSnapshot.Detail {
        let post = Post(id: "p1", source: "weibo", author: "六六", followers: 12_600_000,
                        text: "【无赖京东】我朋友在京东买了个 Comfort U 腰枕 " + Self.hostile, createdAt: t0.addingTimeInterval(-3180))
        return .init(topic: s.topics[2], series: [1, 1, 2, 1, 3, 8, 20, 37, 60], posts: [post],
                     tickets: [(LinkedTicket(id: "TK-1047", score: 0.99, reasons: ["same order 723504… as TK-1063", "customer said 我要曝光"]),
                                "收到的枕头型号不对，要求退货")],
                     alerts: s.alerts)
    }

    @Test(arguments: [(80, 24), (160, 48)])
    func framesMatchGoldenFiles(_ width: Int, _ height: Int) throws {
        let s = Self.snapshot()
        var ui = DashboardUI()
        let timeline = ["Incident S-jd-1 · jd · critical", "  03-14 09:47  ticket        TK-1047 收到的枕头型号不对 " + Self.hostile,
                        "  03-14 10:40  influencer    @六六 (12.6M) 【无赖京东】", "detection → first alert: 0 min"]
        for view in DashboardUI.View.allCases {
            ui.view = view
            ui.detailTopic = "jd"
            let frame = DashboardRenderer.render(s, ui: ui, detail: Self.detail(s), timeline: timeline, width: width, height: height)
            #expect(frame.lines.count == height)
            #expect(frame.lines.allSatisfy { DisplayWidth.of($0.text) <= width }, "\(view): a line is wider than \(width)")
            #expect(!frame.text.contains("\u{1B}") && !frame.text.contains("\u{202E}") && !frame.text.contains("\u{07}"), "\(view): escapes leaked")
            try Golden.check("dash-\(view.rawValue)-\(width)x\(height).txt", frame.text)
        }
    }

    /// A live dashboard keeps bucket counts between refreshes: new buckets show at the next
    /// refresh; a late change to an older bucket at the next full read; a fresh read sees all.
    @Test func bucketWindowReadsNewBucketsAtOnceAndOlderChangesAtTheNextFullRead() throws {
        let store = try SQLiteStore(path: ":memory:")
        let now = Self.t0
        func commit(_ buckets: [Bucket]) throws {
            var b = StoreBatch()
            b.buckets = buckets
            try store.commit(b)
        }
        let slot = { (ago: Int) in Date(timeIntervalSince1970: (now.timeIntervalSince1970 / 600).rounded(.down) * 600 - Double(ago) * 600) }
        // The sparkline ends with the last complete bucket (slot 1); slot 0 is still filling.
        try commit([Bucket(topic: "jd", start: slot(18), count: 4), Bucket(topic: "jd", start: slot(2), count: 2)])
        let topics = [Topic(id: "jd", name: "京东", terms: ["京东"])]
        let window = BucketWindow(fullEvery: 3600)
        func read(_ w: BucketWindow?) throws -> [Int] {
            try DashboardSnapshot.read(store: store, storeLabel: "mem", topics: topics, now: now, utcOffset: 0, title: "t", window: w).topics[0].series
        }
        let first = try read(window)
        #expect(first.suffix(18).first == 4 && first.suffix(2).first == 2)
        try commit([Bucket(topic: "jd", start: slot(1), count: 9), Bucket(topic: "jd", start: slot(18), count: 40)])
        let live = try read(window)
        #expect(live.last == 9, "the newest bucket shows at the next refresh")
        #expect(live.suffix(18).first == 4, "an older bucket waits for the next full read")
        let fresh = try read(nil)
        #expect(fresh.last == 9 && fresh.suffix(18).first == 40)
    }

    /// Looking back at a spike that has since closed, its detail shows it as its latest alert
    /// then described it — complaints and their usual included — not as it ended.
    @Test func aPastSpikeReadsAsItsAlertThenDescribedIt() throws {
        let store = try SQLiteStore(path: ":memory:")
        var batch = StoreTests.sampleBatch()
        try store.commit(batch)
        var ended = batch.spikes[0]
        (ended.state, ended.closedAt, ended.volume, ended.usualComplaints) = (.closed, StoreTests.t0.addingTimeInterval(7200), 90, 9)
        batch = StoreBatch()
        batch.spikes = [ended]
        try store.commit(batch)
        let then = try DashboardSnapshot.read(store: store, storeLabel: "m", topics: [Topic(id: "jd", name: "京东", terms: ["京东"])],
                                              now: StoreTests.t0.addingTimeInterval(60), utcOffset: 0, title: "t")
        let spike = try #require(then.topics.first?.spike)
        #expect(spike.volume == 2 && spike.usualComplaints == 0.25)
    }

    /// Without an alert by then (the route held it back, or none matched), a past spike reads as
    /// its last step described it, complaints included.
    @Test func aPastSpikeWithoutAnAlertReadsAsItsLastStep() throws {
        let store = try SQLiteStore(path: ":memory:")
        var batch = StoreTests.sampleBatch()
        batch.alerts = []
        batch.notifications = []
        var ended = batch.spikes[0]
        (ended.state, ended.closedAt, ended.volume, ended.negativeShare, ended.usualComplaints) = (.closed, StoreTests.t0.addingTimeInterval(7200), 90, 0.1, 9)
        batch.spikes = [ended]
        try store.commit(batch)
        let then = try DashboardSnapshot.read(store: store, storeLabel: "m", topics: [Topic(id: "jd", name: "京东", terms: ["京东"])],
                                              now: StoreTests.t0.addingTimeInterval(60), utcOffset: 0, title: "t")
        let spike = try #require(then.topics.first?.spike)
        #expect(spike.volume == 2 && spike.complaints == 1 && spike.usualComplaints == 0.25)
    }

    /// The alerts view lists the last week and every spike still open, whatever the history;
    /// an older spike's detail still shows its own alerts.
    @Test func alertsViewReadsTheLastWeekAndOpenSpikesOnly() throws {
        let store = try SQLiteStore(path: ":memory:")
        let now = Self.t0, day = 86_400.0
        func spike(_ id: String, _ topic: String, daysAgo: Double, open: Bool) -> Spike {
            Spike(id: id, topic: topic, start: now.addingTimeInterval(-daysAgo * day), detectedAt: now.addingTimeInterval(-daysAgo * day),
                  severity: .warning, state: open ? .open : .closed, score: 9, volume: 40, baseline: 4, negativeShare: 0.5, reach: 1000,
                  closedAt: open ? nil : now.addingTimeInterval(-daysAgo * day + 3600))
        }
        let spikes = [spike("S-old", "jd", daysAgo: 30, open: false), spike("S-long", "tb", daysAgo: 10, open: true),
                      spike("S-new", "pdd", daysAgo: 1, open: false)]
        var b = StoreBatch()
        b.spikes = spikes
        b.alerts = spikes.map { Alert(spike: $0, at: $0.detectedAt, linkedTickets: []) }
        try store.commit(b)
        let topics = ["jd", "tb", "pdd"].map { Topic(id: $0, name: $0, terms: [$0]) }
        let s = try DashboardSnapshot.read(store: store, storeLabel: "mem", topics: topics, now: now, utcOffset: 0, title: "t")
        #expect(Set(s.alerts.map(\.alert.spikeID)) == ["S-long", "S-new"])
        #expect(try s.detail(topic: "jd", store: store)?.alerts.map(\.alert.spikeID) == ["S-old"])
    }

    @Test func topicsSortBySeverityThenScoreAndColumnsGiveWay() {
        let s = Self.snapshot()
        let wide = DashboardRenderer.render(s, ui: DashboardUI(), width: 160, height: 24).lines.map(\.text)
        #expect(wide[3].contains("京东") && wide[4].contains("淘宝") && wide[3].contains("CRITICAL ×15"))
        #expect(wide[2].contains("LOUDEST") && wide[2].contains("PER 10 MIN"))
        let narrow = DashboardRenderer.render(s, ui: DashboardUI(), width: 50, height: 12).lines.map(\.text)
        #expect(!narrow[2].contains("LOUDEST") && !narrow[2].contains("PER 10 MIN") && narrow[2].contains("30 MIN"))
        // Wide characters line up: every row's state column starts at the same display column.
        let column = { (line: String) -> Int in
            let r = line.range(of: "CRITICAL") ?? line.range(of: "WATCH")!
            return DisplayWidth.of(String(line[..<r.lowerBound]))
        }
        #expect(column(wide[3]) == column(wide[4]))
        var ui = DashboardUI()
        ui.filter = "淘"
        #expect(DashboardRenderer.render(s, ui: ui, width: 80, height: 10).lines.filter { $0.text.contains("CRITICAL") }.isEmpty)
        ui.unicode = false
        ui.filter = ""
        let ascii = DashboardRenderer.render(s, ui: ui, width: 120, height: 10).text
        #expect(!ascii.contains("█") && ascii.contains("#"))
    }

    @Test func displayWidthCountsEastAsianAndEmojiAsTwo() {
        #expect(DisplayWidth.of("京东JD") == 6)
        #expect(DisplayWidth.of("🛒") == 2 && DisplayWidth.of("é") == 1 && DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.of("ＪＤ") == 4)
        #expect(DisplayWidth.pad("京东", 5) == "京东 " && DisplayWidth.fit("京东京东", 5) == "京东…")
    }

    @Test func keysDecodeAndDriveTheUI() {
        #expect(Key.decode(Array("\u{1B}[A\u{1B}[B\u{1B}[6~jk\r/京\u{1B}q\u{03}".utf8))
                == [.up, .down, .pageDown, .char("j"), .char("k"), .enter, .char("/"), .char("京"), .escape, .char("q"), .ctrlC])
        var ui = DashboardUI()
        let ids = ["jd", "tb", "pdd"]
        let keyOf: (Int) -> String? = { ids.indices.contains($0) ? ids[$0] : nil }
        _ = ui.handle(.down, rows: 3, keyOf: keyOf)
        _ = ui.handle(.down, rows: 3, keyOf: keyOf)
        _ = ui.handle(.down, rows: 3, keyOf: keyOf)
        #expect(ui.selected == 2)
        #expect(ui.handle(.enter, rows: 3, keyOf: keyOf) == .openDetail(topic: "pdd") && ui.view == .detail)
        // s asks for a duration (1h offered), typed over, Enter silences; a bad one says so.
        #expect(ui.handle(.char("s"), rows: 0, keyOf: { _ in nil }) == .none && ui.silenceTopic == "pdd" && ui.silenceDuration == "1h")
        for k in [Key.backspace, .backspace, .char("9"), .char("0"), .char("m"), .char("x")] { _ = ui.handle(k, rows: 0, keyOf: { _ in nil }) }
        #expect(ui.silenceDuration == "90m")
        #expect(ui.handle(.enter, rows: 0, keyOf: { _ in nil }) == .silence(topic: "pdd", seconds: 5400) && ui.silenceTopic == nil)
        _ = ui.handle(.char("s"), rows: 0, keyOf: { _ in nil })
        _ = ui.handle(.char("m"), rows: 0, keyOf: { _ in nil })
        #expect(ui.handle(.enter, rows: 0, keyOf: { _ in nil }) == .none && ui.message?.contains("30m, 2h") == true)
        #expect(DurationText.parse("1h30m") == 5400 && DurationText.parse("2d") == 172_800 && DurationText.parse("15") == nil)
        // t opens the spike's timeline from its detail; Esc goes back there.
        _ = ui.handle(.char("t"), rows: 0, keyOf: { _ in nil })
        #expect(ui.view == .timeline && ui.timeline == .topic("pdd"))
        _ = ui.handle(.escape, rows: 0, keyOf: keyOf)
        #expect(ui.view == .detail)
        _ = ui.handle(.escape, rows: 0, keyOf: keyOf)
        _ = ui.handle(.char("2"), rows: 3, keyOf: keyOf)
        #expect(ui.view == .alerts && ui.selected == 0)
        #expect(ui.handle(.char("a"), rows: 1, keyOf: { _ in "A-1" }) == .acknowledge(alertID: "A-1"))
        _ = ui.handle(.char("s"), rows: 1, keyOf: { _ in "A-1" }, topicOf: { _ in "jd" })
        #expect(ui.handle(.enter, rows: 1, keyOf: { _ in "A-1" }) == .silence(topic: "jd", seconds: 3600))
        _ = ui.handle(.char("t"), rows: 1, keyOf: { _ in "A-1" })
        #expect(ui.view == .timeline && ui.timeline == .alert("A-1"))
        _ = ui.handle(.escape, rows: 0, keyOf: keyOf)
        #expect(ui.view == .alerts)
        _ = ui.handle(.char("1"), rows: 3, keyOf: keyOf)
        _ = ui.handle(.char("/"), rows: 3, keyOf: keyOf)
        for c in "jd" { _ = ui.handle(.char(c), rows: 3, keyOf: keyOf) }
        _ = ui.handle(.enter, rows: 3, keyOf: keyOf)
        #expect(ui.filter == "jd" && !ui.typingFilter)
        #expect(ui.handle(.char("q"), rows: 3, keyOf: keyOf) == .quit)
    }

    @Test func writerRedrawsOnlyChangedLinesAndHonoursNoColor() {
        let s = Self.snapshot()
        var writer = FrameWriter(color: true)
        let first = writer.update(to: DashboardRenderer.render(s, ui: DashboardUI(), width: 80, height: 24))
        #expect(first.hasPrefix("\u{1B}[2J") && first.contains("\u{1B}[36m") && first.contains("\u{1B}[7m"))
        var ui = DashboardUI()
        ui.selected = 1
        let second = writer.update(to: DashboardRenderer.render(s, ui: ui, width: 80, height: 24))
        // Only the two rows whose selection changed are rewritten.
        #expect(second.components(separatedBy: "\u{1B}[K").count - 1 == 2)
        #expect(writer.update(to: DashboardRenderer.render(s, ui: ui, width: 80, height: 24)).isEmpty)
        var plain = FrameWriter(color: false)
        let mono = plain.update(to: DashboardRenderer.render(s, ui: DashboardUI(), width: 80, height: 24))
        #expect(!mono.contains("\u{1B}[36m") && !mono.contains("\u{1B}[1;34m") && mono.contains("\u{1B}[7m"))
    }
}

/// `outcry dash` on a real terminal (tmux), reading a store while `outcry replay` writes it.
@Suite(.serialized) struct DashboardTmuxTests {
    /// A tmux server of this test's own: a server left behind by an earlier, killed run would
    /// otherwise receive the keys (and its dashboard, showing the same incident, the ack).
    let socket = "outcry-test-\(getpid())-\(UUID().uuidString.prefix(8))"

    /// Runs a tmux command on the test's own server socket and returns its output. Spawned and
    /// reaped directly: Foundation's `Process` sometimes never notices the exit of a tmux client
    /// whose server it forked (the client stays a zombie and `waitUntilExit` hangs), and a pipe
    /// would be inherited by that server and never reach end-of-file; output goes through a file.
    func tmux(_ args: [String]) throws -> String {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("outcry-tmux-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, out, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ["tmux", "-L", socket] + args
        var cArgs = argv.map { strdup($0) } + [nil]
        defer { cArgs.forEach { free($0) } }
        var pid = pid_t()
        let rc = posix_spawnp(&pid, "tmux", &actions, nil, &cArgs, environ)
        guard rc == 0 else { throw POSIXError(POSIXErrorCode(rawValue: rc) ?? .EIO) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
    }

    /// Waits until the pane shows `text` (the dashboard refreshes every 0.2 s here).
    func screen(containing text: String, timeout: TimeInterval = 15) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try tmux(["capture-pane", "-p", "-t", "dash"])
            if last.contains(text) { return last }
            Thread.sleep(forTimeInterval: 0.1)
        }
        Issue.record("the dashboard never showed '\(text)'; last screen:\n\(last)")
        return last
    }

    @Test func navigateOpenDetailAndAcknowledgeWhileAReplayWrites() throws {
        let dir = try Fixtures.temporaryDirectory()
        let db = dir + "/outcry.db"
        let demo = Fixtures.repo("feeds/demo")
        let replay = Process()
        replay.executableURL = URL(fileURLWithPath: Fixtures.executable)
        replay.arguments = ["replay", "--posts", demo + "/posts.jsonl", "--tickets", demo + "/tickets.jsonl", "--topics", demo + "/topics.yml",
                            "--out", dir + "/alerts.jsonl", "--db", db]
        replay.standardOutput = FileHandle.nullDevice
        _ = FileManager.default.createFile(atPath: dir + "/replay.err", contents: nil)
        replay.standardError = FileHandle(forWritingAtPath: dir + "/replay.err")
        try replay.run()
        defer { if replay.isRunning { replay.terminate() } }
        // Open the dashboard mid-replay: once the first alert is out (day 14 of 18 of the incident).
        let deadline0 = Date().addingTimeInterval(60)
        while Date() < deadline0, ((try? FileManager.default.attributesOfItem(atPath: dir + "/alerts.jsonl")[.size] as? Int) ?? 0) == 0 {
            Thread.sleep(forTimeInterval: 0.02)
        }
        _ = try tmux(["new-session", "-d", "-s", "dash", "-x", "100", "-y", "30",
                      "env USER=tester \(Fixtures.executable) dash --db \(db) --config-dir \(Fixtures.root) --refresh 0.2"])
        defer { _ = try? tmux(["kill-server"]) }
        // Live while the replay writes; then the finished incident.
        #expect(try screen(containing: "京东 JD.com").contains("[1 Topics]"))
        replay.waitUntilExit()
        #expect(replay.terminationStatus == 0, "\((try? String(contentsOfFile: dir + "/replay.err", encoding: .utf8)) ?? "")")
        _ = try screen(containing: "(replayed data)")

        // Filter to the topic and open its spike.
        _ = try tmux(["send-keys", "-t", "dash", "/", "j", "d", "Enter"])
        _ = try screen(containing: "filter: jd")
        _ = try tmux(["send-keys", "-t", "dash", "Enter"])
        let detail = try screen(containing: "LINKED TICKETS")
        #expect(detail.contains("1. TK-1047") && detail.contains("same order 723504"))
        #expect(detail.contains("@六六 (12.6M"))

        // The alerts view, and an acknowledgement that lands in the store.
        _ = try tmux(["send-keys", "-t", "dash", "Escape", "2"])
        _ = try screen(containing: "[2 Alerts]")
        _ = try tmux(["send-keys", "-t", "dash", "a"])
        let acked = try screen(containing: "acknowledged A-jd-")
        #expect(acked.contains("as tester"))
        let row = try screen(containing: "ack tester")
        #expect(row.contains("CRITICAL") && row.contains("sent ×1"))
        // The incident's timeline, from the alert.
        _ = try tmux(["send-keys", "-t", "dash", "t"])
        let timeline = try screen(containing: "Esc back")
        #expect(timeline.contains("TK-1047") && timeline.contains("acknowledged"))
        _ = try tmux(["send-keys", "-t", "dash", "Escape"])
        _ = try screen(containing: "[2 Alerts]")
        let listed = try CLI.run(["alerts", "list", "--db", db])
        #expect(listed.stdout.contains("tester"), "the acknowledgement is not in the store:\n\(listed.stdout)\n\(listed.stderr)")
        // q leaves the alternate screen and exits.
        _ = try tmux(["send-keys", "-t", "dash", "q"])
        let deadline = Date().addingTimeInterval(5)
        while Date() < deadline, (try tmux(["list-sessions"])).contains("dash") { Thread.sleep(forTimeInterval: 0.1) }
        #expect(!(try tmux(["list-sessions"])).contains("dash"))
    }

    @Test func onceAndNonTTYPrintOnePlainFrameSizedToTheEnvironment() throws {
        let dir = try Fixtures.temporaryDirectory()
        let demo = Fixtures.repo("feeds/demo")
        _ = try CLI.run(["replay", "--posts", demo + "/posts.jsonl", "--tickets", demo + "/tickets.jsonl", "--topics", demo + "/topics.yml",
                         "--out", dir + "/a.jsonl", "--db", dir + "/o.db"])
        let r = try CLI.run(["dash", "--db", dir + "/o.db", "--config-dir", Fixtures.root, "--at", "2018-03-14T11:00:00+08:00"],
                            environment: ["COLUMNS": "100", "LINES": "20"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 20 && lines.allSatisfy { DisplayWidth.of(String($0)) <= 100 })
        #expect(!r.stdout.contains("\u{1B}"))
        #expect(lines.contains { $0.contains("京东 JD.com") && $0.contains("CRITICAL ×11") })
        // Smaller than the views' 20×5 layout: what fits of it, never a wrapped line. A size of
        // 0 or garbage is no size at all (80×24).
        for (env, size) in [(["COLUMNS": "12", "LINES": "3"], (12, 3)), (["COLUMNS": "0", "LINES": "x"], (80, 24))] {
            let small = try CLI.run(["dash", "--once", "--db", dir + "/o.db", "--config-dir", Fixtures.root, "--at", "2018-03-14T11:00:00+08:00"],
                                    environment: env)
            let got = small.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            #expect(got.count == size.1 && got.allSatisfy { DisplayWidth.of(String($0)) <= size.0 }, "\(env): \(small.stdout)")
            #expect(got.first?.hasPrefix(" Outcry") == true)
        }
        let alerts = try CLI.run(["dash", "--once", "--view", "alerts", "--db", dir + "/o.db", "--config-dir", Fixtures.root,
                                  "--at", "2018-03-14T11:00:00+08:00"])
        #expect(alerts.stdout.contains("UNACKED") && alerts.stdout.split(separator: "\n", omittingEmptySubsequences: false).count == 25)
        #expect(try CLI.run(["dash", "--db", dir + "/missing.db"]).status == 1)
    }
}

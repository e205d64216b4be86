import Foundation
import OutcryCore
import OutcryFeeds
import OutcryPipeline
import OutcryStorage
import OutcryTesting
import Testing

/// The `outcry` executable through its command contracts (DESIGN.md).
@Suite(.serialized) struct CLITests {
    let demo = Fixtures.repo("feeds/demo")

    /// Several recordings replay as one: the demo's posts split in two files give the same alerts.
    @Test func replayMergesSeveralPostFiles() throws {
        let dir = try Fixtures.temporaryDirectory()
        let lines = try String(contentsOfFile: demo + "/posts.jsonl", encoding: .utf8).split(separator: "\n")
        try (lines.enumerated().filter { $0.offset % 3 == 0 }.map(\.element).joined(separator: "\n") + "\n")
            .write(toFile: dir + "/a.jsonl", atomically: true, encoding: .utf8)
        try (lines.enumerated().filter { $0.offset % 3 != 0 }.map(\.element).joined(separator: "\n") + "\n")
            .write(toFile: dir + "/b.jsonl", atomically: true, encoding: .utf8)
        let common = ["--tickets", demo + "/tickets.jsonl", "--topics", demo + "/topics.yml"]
        let whole = try CLI.run(["replay", "--posts", demo + "/posts.jsonl", "--out", dir + "/whole.jsonl"] + common)
        let split = try CLI.run(["replay", "--posts", dir + "/a.jsonl", "--posts", dir + "/b.jsonl", "--out", dir + "/split.jsonl"] + common)
        #expect(whole.status == 0 && split.status == 0, "\(split.stderr)")
        let a = try String(contentsOfFile: dir + "/whole.jsonl", encoding: .utf8)
        #expect(!a.isEmpty)
        #expect(try String(contentsOfFile: dir + "/split.jsonl", encoding: .utf8) == a)
    }

    @Test func replayWritesOneAlertObjectPerLine() throws {
        let dir = try Fixtures.temporaryDirectory()
        let r = try CLI.run(["replay", "--posts", demo + "/posts.jsonl", "--tickets", demo + "/tickets.jsonl",
                             "--topics", demo + "/topics.yml", "--out", dir + "/alerts.jsonl"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = try String(contentsOfFile: dir + "/alerts.jsonl", encoding: .utf8).split(separator: "\n")
        #expect(lines.count >= 2)
        let keys: Set<String> = ["id", "topic", "severity", "spike_start", "detected_at", "score", "volume", "baseline",
                                 "negative_share", "top_terms", "sample_posts", "linked_tickets"]
        for line in lines {
            let o = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(Set(o.keys) == keys)
            #expect((o["detected_at"] as? String)?.hasSuffix("Z") == true)
            let tickets = try #require(o["linked_tickets"] as? [[String: Any]])
            #expect(tickets.first?["id"] as? String == "TK-1047")
            #expect((tickets.first?["reasons"] as? [String])?.isEmpty == false)
        }
    }

    /// `--out` and `--output` are written in place, not replaced by a renamed temporary file: a
    /// replaced path breaks `--out /dev/null` (the machine's /dev/null became a regular file) and
    /// turns a symlink into a file beside its target. A symlink stands in for /dev/null here.
    @Test func outputPathsAreWrittenInPlace() throws {
        let dir = try Fixtures.temporaryDirectory()
        let fm = FileManager.default
        for name in ["alerts", "scores"] {
            try "stale\n".write(toFile: "\(dir)/\(name)-target", atomically: false, encoding: .utf8)
            try fm.createSymbolicLink(atPath: "\(dir)/\(name)", withDestinationPath: "\(dir)/\(name)-target")
        }
        let r = try CLI.run(["replay", "--posts", demo + "/posts.jsonl", "--tickets", demo + "/tickets.jsonl",
                             "--topics", demo + "/topics.yml", "--out", dir + "/alerts"])
        #expect(r.status == 0, "\(r.stderr)")
        try "timestamp,value\n2015-02-26 00:00:00,5\n".write(toFile: dir + "/in.csv", atomically: false, encoding: .utf8)
        #expect(try CLI.run(["detect", "--input", dir + "/in.csv", "--output", dir + "/scores"]).status == 0)
        for name in ["alerts", "scores"] {
            #expect(try fm.destinationOfSymbolicLink(atPath: "\(dir)/\(name)") == "\(dir)/\(name)-target", "\(name) was replaced")
            let written = try String(contentsOfFile: "\(dir)/\(name)-target", encoding: .utf8)
            #expect(!written.contains("stale") && written.count > 40, "\(name): \(written)")
        }
    }

    @Test(arguments: [
        ("bad/posts-malformed.jsonl", "demo/tickets.jsonl", "demo/topics.yml", "posts-malformed.jsonl:2"),
        ("bad/posts-no-offset.jsonl", "demo/tickets.jsonl", "demo/topics.yml", "field 'created_at'"),
        ("demo/posts.jsonl", "bad/tickets-missing-subject.jsonl", "demo/topics.yml", "tickets-missing-subject.jsonl:2: field 'subject'"),
        ("demo/posts.jsonl", "bad/tickets-bad-actor.jsonl", "demo/topics.yml", "field 'events[0].actor'"),
        ("demo/posts.jsonl", "demo/tickets.jsonl", "bad/topics-unknown-key.yml", "topics-unknown-key.yml:5: field 'topics[0].keywords'"),
    ])
    func badInputExitsTwoNamingFileLineAndFieldAndWritesNothing(_ posts: String, _ tickets: String, _ topics: String, _ message: String) throws {
        func resolve(_ p: String) -> String { p.hasPrefix("demo/") ? Fixtures.repo("feeds/" + p) : Fixtures.path(p) }
        let dir = try Fixtures.temporaryDirectory()
        let r = try CLI.run(["replay", "--posts", resolve(posts), "--tickets", resolve(tickets), "--topics", resolve(topics),
                             "--out", dir + "/alerts.jsonl", "--db", dir + "/outcry.db"])
        #expect(r.status == 2)
        #expect(r.stderr.contains(message), "\(r.stderr)")
        if FileManager.default.fileExists(atPath: dir + "/outcry.db") {
            #expect(try SQLiteStore(path: dir + "/outcry.db").postCount() == 0)
        }
    }

    @Test func unknownOptionIsBadUsage() throws {
        let r = try CLI.run(["replay", "--nope"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("Usage: outcry replay"), "\(r.stderr)")
    }

    /// Input a command finds wrong once it runs (a spike the store does not have, a bad value)
    /// is bad input too: one line naming it, not the usage of `outcry` itself.
    @Test func badInputFoundWhileRunningNamesItWithoutTheRootUsage() throws {
        let db = try Fixtures.temporaryDirectory() + "/outcry.db"
        _ = try SQLiteStore(path: db)
        for (args, message) in [(["link", "S-nope", "--db", db], "Error: link: no spike or topic named 'S-nope'"),
                                (["timeline", "jd", "--format", "pdf", "--db", db], "Error: --format: expected md, html, json or text")] {
            let r = try CLI.run(args)
            #expect(r.status == 2)
            #expect(r.stderr.hasPrefix(message), "\(r.stderr)")
            #expect(!r.stderr.contains("Usage:"), "\(r.stderr)")
        }
    }

    /// The whole pipeline on PostgreSQL tells the story SQLite tells: the same alerts, the same
    /// timeline, the same deliveries — through the CLI, in a database of its own.
    @Test(.enabled(if: StoreBackend.postgresURL != nil))
    func theDemoOnPostgreSQLTellsWhatItTellsOnSQLite() throws {
        let name = "demo_" + StoreBackend.freshSchema()
        let psql = try CLI.runTool("/usr/bin/psql", ["-qAt", StoreBackend.postgresURL!, "-c", "CREATE DATABASE \(name)"])
        #expect(psql.status == 0, "\(psql.stderr)")
        let pg = StoreBackend.postgresURL!.replacingOccurrences(of: "/outcry_test", with: "/" + name)
        // Each demo in a directory of its own, its alert log (a channel named by its path) at ./outcry-alerts.jsonl.
        let here = try Fixtures.temporaryDirectory()
        let sqlite = here + "/outcry.db"
        func withoutStore(_ s: String) -> String { s.replacingOccurrences(of: #"Store: .*"#, with: "Store: …", options: .regularExpression) }
        let onSQLite = try CLI.run(["demo", "--no-dash", "--config-dir", Fixtures.root, "--db", "outcry.db"], cwd: here)
        let onPostgres = try CLI.run(["demo", "--no-dash", "--config-dir", Fixtures.root, "--db", pg], cwd: try Fixtures.temporaryDirectory())
        #expect(onPostgres.status == 0, "\(onPostgres.stderr)")
        #expect(onPostgres.stdout.contains("[CRITICAL] jd"))
        #expect(withoutStore(onPostgres.stdout) == withoutStore(onSQLite.stdout))
        for command in [["timeline", "jd", "--format", "json", "--utc-offset", "+08:00"], ["alerts", "list"], ["link", "jd", "--json"]] {
            let a = try CLI.run(command + ["--db", sqlite]), b = try CLI.run(command + ["--db", pg])
            #expect(b.status == 0, "\(command): \(b.stderr)")
            #expect(b.stdout == a.stdout, "\(command)")
        }
    }

    @Test func demoNoDashPrintsAlertsAndTimelineAndLeavesItsStore() throws {
        let dir = try Fixtures.temporaryDirectory()
        let r = try CLI.run(["demo", "--no-dash", "--config-dir", Fixtures.root, "--db", dir + "/outcry.db"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("[CRITICAL] jd"))
        #expect(r.stdout.contains("TK-1047"))
        #expect(r.stdout.contains("Timeline of S-jd-"))
        #expect(!r.stdout.contains("already holds this incident"))
        let store = try SQLiteStore(path: dir + "/outcry.db")
        #expect(try store.postCount() > 5000)
        let t = try CLI.run(["timeline", "jd", "--db", dir + "/outcry.db", "--config-dir", Fixtures.root, "--utc-offset", "+08:00"])
        #expect(t.status == 0, "\(t.stderr)")
        #expect(t.stdout.hasPrefix("# Incident S-jd-"))
        #expect(t.stdout.contains("| 2018-03-06T10:12:00+08:00 | ticket |"))
        // By topic and time range: only what happened between the dates.
        let day = try CLI.run(["timeline", "jd", "--from", "2018-03-14", "--to", "2018-03-15", "--format", "json", "--db", dir + "/outcry.db",
                               "--config-dir", Fixtures.root, "--utc-offset", "+08:00"])
        #expect(day.status == 0, "\(day.stderr)")
        let entries = try #require((try JSONSerialization.jsonObject(with: Data(day.stdout.utf8)) as? [String: Any])?["entries"] as? [[String: Any]])
        let kinds = Set(entries.compactMap { $0["kind"] as? String })
        #expect(kinds.isSuperset(of: ["influencer", "spike_opened", "severity", "peak"]) && !kinds.contains("ticket") && !kinds.contains("closed"))
        #expect(entries.allSatisfy { ($0["at"] as? String ?? "") >= "2018-03-13T16:00:00Z" && ($0["at"] as? String ?? "") <= "2018-03-14T16:00:00Z" })
        let quiet = try CLI.run(["timeline", "jd", "--from", "2018-03-02", "--to", "2018-03-03", "--db", dir + "/outcry.db", "--utc-offset", "+08:00"])
        #expect(quiet.status == 1 && quiet.stderr.contains("no spike of topic 'jd' between"))
        // A second demo into the same store sends nothing again, and says why.
        let again = try CLI.run(["demo", "--no-dash", "--config-dir", Fixtures.root, "--db", dir + "/outcry.db"])
        #expect(again.status == 0 && !again.stdout.contains("[CRITICAL] jd"))
        #expect(again.stdout.contains("already holds this incident from an earlier run"))

        // `link` ranks the chain as the alerts did: the shop ticket, then its platform complaint.
        let l = try CLI.run(["link", "jd", "--db", dir + "/outcry.db", "--utc-offset", "+08:00", "--json"])
        #expect(l.status == 0, "\(l.stderr)")
        let ranked = l.stdout.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(ranked.prefix(2).map { $0["id"] as? String } == ["TK-1047", "TK-1063"])
        #expect((ranked.first?["reasons"] as? [String])?.contains { $0.hasPrefix("same order 723504") } == true)
        let text = try CLI.run(["link", "jd", "--db", dir + "/outcry.db", "--limit", "3"])
        #expect(text.stdout.contains(" 1. TK-1047 (score "))
        // Before TK-1047 existed nothing can name it.
        let early = try CLI.run(["link", "jd", "--db", dir + "/outcry.db", "--at", "2018-03-06T10:00:00+08:00", "--json"])
        #expect(early.status == 0 && !early.stdout.contains("TK-1047"))
        #expect(try CLI.run(["link", "nope", "--db", dir + "/outcry.db"]).status == 2)
        let none = try CLI.run(["link", "jd", "--db", dir + "/outcry.db", "--limit", "0"])
        #expect(none.status == 2 && none.stderr.contains("--limit must be positive"), "\(none.stderr)")
    }

    @Test func classifySpeaksJSONLines() throws {
        let input = """
        {"id":"a","text":"非质量问题不退货，无赖！"}
        {"id":"b","text":"物流很快，好评"}

        """
        let r = try CLI.run(["classify", "--jsonl"], stdin: Data(input.utf8))
        #expect(r.status == 0)
        let rows = r.stdout.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(rows.map { $0["id"] as? String } == ["a", "b"])
        #expect(rows[0]["negative"] as? Bool == true)
        #expect(rows[0]["complaint"] as? Bool == true)
        #expect(rows[1]["negative"] as? Bool == false)
    }

    @Test func feedParsePrintsFeedparserKeys() throws {
        let r = try CLI.run(["feed", "parse", Fixtures.path("feeds/rss20.xml"), "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let o = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(o["version"] as? String == "rss20")
        #expect(o["bozo"] as? Bool == false)
        let entries = try #require(o["entries"] as? [[String: Any]])
        #expect(entries.first?["published"] as? String == "2018-03-15T08:00:00Z")
        #expect(try CLI.run(["feed", "parse", "/nonexistent.xml", "--json"]).status == 2)
    }

    @Test func matchFindsTermsAfterNormalization() throws {
        let dir = try Fixtures.temporaryDirectory()
        try "京东\nJD\n".write(toFile: dir + "/terms.txt", atomically: true, encoding: .utf8)
        let input = "京東這次真的太無賴了\nJDK 升级\nＪＤ快递\n淘宝\n"
        let r = try CLI.run(["match", "--terms", dir + "/terms.txt"], stdin: Data(input.utf8))
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "京東這次真的太無賴了\nＪＤ快递\n")
        #expect(try CLI.run(["match", "--terms", dir + "/terms.txt", "--count"], stdin: Data(input.utf8)).stdout == "2\n")
    }

    @Test func normalizePrintsWhatTheMatcherSees() throws {
        let r = try CLI.run(["normalize"], stdin: Data("ＪＤ的滑鼠壞了\n無賴京東\n".utf8))
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "jd的鼠标坏了\n无赖京东\n")
    }

    /// `score` streams the demo's posts through the scoring stage: the same spike the replay
    /// opens, with no store; and out-of-order input is refused with its line.
    @Test func scoreStreamsPostsIntoBucketsAndSpikes() throws {
        let r = try CLI.run(["score", "--posts", demo + "/posts.jsonl", "--topics", demo + "/topics.yml", "--utc-offset", "+08:00"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(!lines.contains { $0 == nil })
        let events = lines.compactMap { $0 }.filter { $0["spike"] != nil }
        #expect(events.map { $0["event"] as? String } == ["opened", "escalated", "escalated", "closed"])
        #expect(events.first?["topic"] as? String == "jd")
        #expect(events.last?["severity"] as? String == "critical")
        #expect(lines.compactMap { $0 }.filter { $0["bucket"] != nil }.count > 100)
        #expect(r.stderr.contains("13736 posts"))

        let dir = try Fixtures.temporaryDirectory()
        let posts = """
            {"id":"a","author":"x","text":"京东","created_at":"2018-03-14T10:00:00+08:00"}
            {"id":"b","author":"x","text":"京东","created_at":"2018-03-14T09:00:00+08:00"}
            """
        try posts.write(toFile: dir + "/posts.jsonl", atomically: true, encoding: .utf8)
        let bad = try CLI.run(["score", "--posts", dir + "/posts.jsonl", "--topics", demo + "/topics.yml"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("posts.jsonl:2") && bad.stderr.contains("created_at"), "\(bad.stderr)")
    }

    @Test func feedParseWithoutJSONSummarizes() throws {
        let r = try CLI.run(["feed", "parse", Fixtures.path("feeds/rss20.xml")])
        #expect(r.status == 0, "\(r.stderr)")
        let first = r.stdout.split(separator: "\n").first.map(String.init)
        #expect(first?.hasPrefix("rss20, utf-8, ") == true)
        #expect(first?.hasSuffix("entries, well-formed") == true)
        #expect(r.stdout.contains("entries dated 2018-03-12T10:00:00Z to 2018-03-15T08:00:00Z"))
        #expect(!r.stdout.contains("\u{1B}"))
    }
}

extension CLITests {
    @Test func detectWritesOneScoredRowPerInputRow() throws {
        let dir = try Fixtures.temporaryDirectory()
        let rows = try Self.detect(Self.volumeSeries(600, spikeAt: 500), in: dir)
        #expect(rows.first == "timestamp,value,anomaly_score")
        #expect(rows.count == 601)
        #expect(Double(rows[501].split(separator: ",")[2])! > 0.9)
        #expect(try CLI.run(["detect", "--input", "/nonexistent.csv", "--output", dir + "/x.csv"]).status == 2)
    }

    /// A series saved on Windows is scored row for row (it used to come out empty: Swift compares
    /// `"\r\n"` as one Character, so the file was one line); a value that is not a finite number
    /// is an error naming its line, not a NaN carried into every baseline after it.
    @Test func detectReadsWindowsLineEndsAndRefusesNonFiniteValues() throws {
        let dir = try Fixtures.temporaryDirectory()
        let csv = Self.volumeSeries(300, lineEnd: "\r\n")
        let rows = try Self.detect(csv, in: dir)
        #expect(rows.count == 301)
        #expect(rows[1].hasPrefix("2015-02-26 00:00:00,50,"))
        for (bad, shown) in [("nan", "'nan'"), ("inf", "'inf'"), ("x", "'x'")] {
            try (csv + "2015-02-27 01:00:00,\(bad)\r\n").write(toFile: dir + "/bad.csv", atomically: true, encoding: .utf8)
            let e = try CLI.run(["detect", "--input", dir + "/bad.csv", "--output", dir + "/bad-out.csv"])
            #expect(e.status == 2)
            #expect(e.stderr.contains("bad.csv:302: field 'value': \(shown) is not a finite number"), "\(e.stderr)")
        }
    }

    /// Five-minute mention counts from 2015-02-26 00:00 as NAB writes them, one `spikeAt`.
    static func volumeSeries(_ count: Int, lineEnd: String = "\n", spikeAt: Int? = nil) -> String {
        var csv = "timestamp,value" + lineEnd
        for i in 0..<count {
            csv += "2015-02-26 \(String(format: "%02d:%02d", (i / 12) % 24, (i % 12) * 5)):00,\(i == spikeAt ? 5000 : 50 + i % 7)" + lineEnd
        }
        return csv
    }

    /// `outcry detect` over `csv`; the output's lines.
    static func detect(_ csv: String, in dir: String) throws -> [Substring] {
        try csv.write(toFile: dir + "/in.csv", atomically: true, encoding: .utf8)
        let r = try CLI.run(["detect", "--input", dir + "/in.csv", "--output", dir + "/out.csv"])
        #expect(r.status == 0, "\(r.stderr)")
        return try String(contentsOfFile: dir + "/out.csv", encoding: .utf8).split(separator: "\n")
    }

    /// A file that cannot be read says why: missing, or a directory.
    @Test func anUnreadableFileSaysWhy() throws {
        let dir = try Fixtures.temporaryDirectory()
        let missing = try CLI.run(["tickets", "import", dir + "/nope.jsonl", "--db", dir + "/o.db"])
        #expect(missing.status == 2 && missing.stderr == dir + "/nope.jsonl: cannot read file: No such file or directory\n", "\(missing.stderr)")
        let directory = try CLI.run(["score", "--posts", dir, "--topics", Fixtures.path("topics.yml")])
        #expect(directory.status == 2 && directory.stderr == dir + ": cannot read file: it is a directory\n", "\(directory.stderr)")
        let series = try CLI.run(["detect", "--input", dir, "--output", dir + "/out.csv"])
        #expect(series.status == 2 && series.stderr.contains("it is a directory"), "\(series.stderr)")
    }

    /// JSON Lines written on Windows: `\r\n` line ends and a byte-order mark before the first
    /// line (PowerShell's `Out-File`) are read like any other file, by every JSONL reader.
    @Test func jsonLinesFromWindowsAreRead() throws {
        let dir = try Fixtures.temporaryDirectory()
        let mark = "\u{FEFF}"
        let classified = try CLI.run(["classify", "--jsonl"], stdin: Data((mark + "{\"id\":\"a\",\"text\":\"非质量问题不退货，无赖！\"}\r\n{\"id\":\"b\",\"text\":\"物流很快，好评\"}\r\n").utf8))
        #expect(classified.status == 0, "\(classified.stderr)")
        #expect(classified.stdout.split(separator: "\n").count == 2)
        let tickets = mark + "{\"id\":\"T-1\",\"created_at\":\"2018-03-06T10:12:00+08:00\",\"status\":\"open\",\"channel\":\"chat\",\"subject\":\"收到的枕头型号不对\",\"body\":\"要求退货\"}\r\n"
            + "{\"id\":\"T-2\",\"created_at\":\"2018-03-07T10:12:00+08:00\",\"status\":\"open\",\"channel\":\"chat\",\"subject\":\"发错货\",\"body\":\"拒绝退货\"}\r\n"
        try tickets.write(toFile: dir + "/t.jsonl", atomically: true, encoding: .utf8)
        let imported = try CLI.run(["tickets", "import", dir + "/t.jsonl", "--db", dir + "/o.db"])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("2 new"), "\(imported.stdout)")
        let posts = mark + "{\"id\":\"p1\",\"source\":\"weibo\",\"author\":\"a\",\"text\":\"京东发错货\",\"created_at\":\"2018-03-14T09:47:12+08:00\"}\r\n"
        try posts.write(toFile: dir + "/p.jsonl", atomically: true, encoding: .utf8)
        let scored = try CLI.run(["score", "--posts", dir + "/p.jsonl", "--topics", Fixtures.path("topics.yml")])
        #expect(scored.status == 0, "\(scored.stderr)")
        #expect(scored.stderr.contains("1 posts"), "\(scored.stderr)")
    }
}

/// `outcry run` against a local HTTP server: polite polling, conditional GET, a failing
/// source that does not stop the others, state that survives a restart.
@Suite(.serialized) struct RunCommandTests {
    @Test func pollsOnceThenConditionallyAndReportsHealth() throws {
        let server = try LocalHTTPServer(directory: Fixtures.path("feeds"))
        let dir = try Fixtures.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: dir + "/feeds", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Fixtures.path("topics.yml"), toPath: dir + "/feeds/topics.yml")
        try """
        timezone: "+08:00"
        topics: topics.yml
        sources:
          - name: news
            url: \(server.url("rss20.xml"))
            min_interval: 60
            host_delay: 0.1
          - name: broken
            url: \(server.url("missing.xml"))
          - name: newsroom
            url: \(server.url("atom10.xml"))
        """.write(toFile: dir + "/feeds/sources.yml", atomically: true, encoding: .utf8)
        let db = dir + "/outcry.db"
        let first = try CLI.run(["run", "--once", "--config-dir", dir, "--db", db])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("4 new posts"))
        let store = try SQLiteStore(path: db)
        #expect(try store.postCount() == 4)
        let states = Dictionary(try store.sourceStates().map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(states["news"]?.health == "ok" && states["news"]?.lastModified != nil)
        #expect(states["broken"]?.health == "failing" && states["broken"]?.lastError == "HTTP 404")
        // Second run: conditional GET answers 304, nothing is ingested twice.
        let second = try CLI.run(["run", "--once", "--config-dir", dir, "--db", db])
        #expect(second.status == 0)
        #expect(try SQLiteStore(path: db).postCount() == 4)
        #expect(try SQLiteStore(path: db).sourceStates().first { $0.id == "news" }?.lastStatus == 304)
        let status = try CLI.run(["feeds", "status", "--db", db])
        #expect(status.status == 0)
        #expect(status.stdout.contains("broken") && status.stdout.contains("failing") && status.stdout.contains("HTTP 404"))
    }

    /// A config folder for `outcry run`: the fixture topics and a sources file listing `sources`
    /// (YAML list items).
    static func configDir(sources: String) throws -> String {
        let dir = try Fixtures.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: dir + "/feeds", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Fixtures.path("topics.yml"), toPath: dir + "/feeds/topics.yml")
        try ("topics: topics.yml\nsources:\n" + sources).write(toFile: dir + "/feeds/sources.yml", atomically: true, encoding: .utf8)
        return dir
    }

    @Test func catchesUpThroughMastodonLinkPagesAndResumesAfterRestart() throws {
        let server = try LocalHTTPServer.misbehaving()
        // A cursor from an earlier poll (min_id=0), 45 statuses since: three pages of 20, 20 and 5.
        let dir = try Self.configDir(sources: "  - name: tag\n    url: \(server.url("mastodon?limit=20&min_id=0"))\n    host_delay: 0.01\n")
        let db = dir + "/outcry.db"
        let first = try CLI.run(["run", "--once", "--config-dir", dir, "--db", db])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(try SQLiteStore(path: db).postCount() == 45)
        #expect(try SQLiteStore(path: db).sourceStates().first?.cursor == "45")
        // After a restart the cursor asks only for what is newer: nothing is fetched twice.
        let second = try CLI.run(["run", "--once", "--config-dir", dir, "--db", db])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(try SQLiteStore(path: db).postCount() == 45)
        #expect(try SQLiteStore(path: db).sourceStates().first?.newItemsLastPoll == 0)
    }

    /// A Jetstream source over WebSocket: one bounded session per poll, posts kept when they
    /// mention a topic, the cursor saved with them so a restart replays nothing.
    @Test func streamsJetstreamAndResumesFromItsCursorAfterRestart() throws {
        let server = try LocalHTTPServer.misbehaving()
        let ws = server.url("jetstream?wantedCollections=app.bsky.feed.post").replacingOccurrences(of: "http://", with: "ws://")
        let dir = try Self.configDir(sources: "  - name: bsky\n    url: \(ws)\n    listen_seconds: 5\n")
        let db = dir + "/outcry.db"
        let first = try CLI.run(["run", "--once", "--config-dir", dir, "--db", db])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(try SQLiteStore(path: db).postCount() == 30)
        #expect(try SQLiteStore(path: db).sourceStates().first?.cursor == "1000000000000030")
        let second = try CLI.run(["run", "--once", "--config-dir", dir, "--db", db])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(try SQLiteStore(path: db).postCount() == 30)
        #expect(try SQLiteStore(path: db).sourceStates().first?.newItemsLastPoll == 0)
    }

    /// Two `outcry run` on one store: `--once` refuses to share it; a long-running one stands
    /// by, and takes over (fetching, detecting, alerting) when the worker holding it stops.
    @Test func aSecondRunStandsByAndTakesOverWhenTheFirstStops() throws {
        let posts = try Fixtures.temporaryDirectory() + "/recent.jsonl"
        let start = Date().addingTimeInterval(-600)
        try (0..<20).map { i in
            #"{"id": "s\#(i)", "source": "archive", "author": "a\#(i)", "text": "京东的快递 \#(i)", "created_at": "\#(Timestamp.utc(start.addingTimeInterval(Double(i))))"}"#
        }.joined(separator: "\n").write(toFile: posts, atomically: true, encoding: .utf8)
        let dir = try Self.configDir(sources: "  - name: archive\n    file: \(posts)\n")
        let db = dir + "/outcry.db"
        // The first worker (here, this test) holds the store's lease, as a running `outcry run` does.
        var first: SQLiteStore? = try SQLiteStore(path: db)
        #expect(try first!.tryLeadPipeline())
        let once = try CLI.run(["run", "--once", "--config-dir", dir, "--db", db])
        #expect(once.status == 1)
        #expect(once.stderr.contains("another `outcry run` is working on"), "\(once.stderr)")
        #expect(try SQLiteStore(path: db).postCount() == 0)

        // What the first worker stored before and while the second stands by: the standby
        // learns it as it waits, each post once.
        func stored(_ range: Range<Int>) throws {
            var batch = StoreBatch()
            batch.posts = range.map { Post(id: "l\($0)", source: "leader", author: "b\($0)", text: "京东客服 \($0)", createdAt: start.addingTimeInterval(Double($0))) }
            // The leader found their mentions with the topics the standby has.
            batch.appliedTopics = try TopicsFile.load(dir + "/feeds/topics.yml").map { ($0.id, $0.matchingDefinition) }
            try first!.commit(batch)
        }
        try stored(0..<25)

        let standby = try BackgroundCLI(["run", "--config-dir", dir, "--db", db], logPath: dir + "/standby.log")
        func logText() -> String { standby.log }
        #expect(try PipelineLeaseTests.eventually(within: 60) { logText().contains("detector relearned from 25 stored posts") }, "\(logText())")
        try stored(25..<35)
        // The configuration changes on disk while it stands by (a source more, no SIGHUP): it
        // takes over with the configuration as it is then, keeping its detector (same topics).
        let more = dir + "/more.jsonl"
        try (0..<5).map { i in
            #"{"id": "m\#(i)", "source": "more", "author": "m\#(i)", "text": "淘宝 \#(i)", "created_at": "\#(Timestamp.utc(start.addingTimeInterval(Double(i))))"}"#
        }.joined(separator: "\n").write(toFile: more, atomically: true, encoding: .utf8)
        let sources = try String(contentsOfFile: dir + "/feeds/sources.yml", encoding: .utf8)
        try (sources + "  - name: more\n    file: \(more)\n").write(toFile: dir + "/feeds/sources.yml", atomically: true, encoding: .utf8)
        Thread.sleep(forTimeInterval: 1)

        first = nil   // the first worker stops
        #expect(try PipelineLeaseTests.eventually(within: 60) { try SQLiteStore(path: db).postCount() == 60 }, "\(logText())")
        #expect(logText().contains("taking over"))
        #expect(logText().contains("configuration read again on taking over"), "\(logText())")
        #expect(logText().contains("35 stored posts relearned in all"), "\(logText())")
        let status = try CLI.run(["feeds", "status", "--db", db])
        #expect(status.stdout.hasPrefix("pipeline: led by \(WorkerIdentity.current.host)/\(standby.pid)\n"), "\(status.stdout)")
        #expect(standby.stop() == 0, "\(logText())")
        #expect(try CLI.run(["feeds", "status", "--db", db]).stdout.hasPrefix("pipeline: no `outcry run` is working on this store\n"))
    }

    /// SIGHUP reads the configuration again, as daemons do: a valid one replaces the running
    /// job (a new source is polled, a new topic counted, from the stored posts on); an invalid
    /// one is refused with its errors and the job carries on as it was.
    @Test func sighupReloadsAValidConfigurationAndRefusesAnInvalidOne() throws {
        let dir = try Self.configDir(sources: "")
        func posts(_ name: String, _ texts: [String]) throws -> String {
            let path = dir + "/\(name).jsonl"
            try texts.enumerated().map { i, text in
                #"{"id": "\#(name)\#(i)", "source": "\#(name)", "author": "a\#(i)", "text": "\#(text)", "created_at": "\#(Timestamp.utc(Date().addingTimeInterval(Double(i - 60))))"}"#
            }.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }
        let a = try posts("a", ["京东的快递到了", "拼多多的快递到了", "淘宝的快递到了"])
        let b = try posts("b", ["拼多多客服不回复"])
        let sources = dir + "/feeds/sources.yml"
        try "topics: topics.yml\nsources:\n  - name: a\n    file: \(a)\n".write(toFile: sources, atomically: true, encoding: .utf8)
        let db = dir + "/outcry.db"
        let run = try BackgroundCLI(["run", "--config-dir", dir, "--db", db], logPath: dir + "/run.log")
        func logText() -> String { run.log }
        func mentions(_ topic: String) throws -> Int {
            try SQLiteStore(path: db).mentionCounts(topics: [topic], from: Date().addingTimeInterval(-3_600), to: Date().addingTimeInterval(3_600))[topic]?.mentions ?? 0
        }
        #expect(try PipelineLeaseTests.eventually(within: 60) { logText().contains("3 new posts") }, "\(logText())")
        #expect(try mentions("pdd") == 0)

        // A second source and a new topic.
        let topics = try String(contentsOfFile: dir + "/feeds/topics.yml", encoding: .utf8)
        try (topics + "  - id: pdd\n    name: 拼多多\n    terms: [拼多多]\n").write(toFile: dir + "/feeds/topics.yml", atomically: true, encoding: .utf8)
        try "topics: topics.yml\nsources:\n  - name: a\n    file: \(a)\n  - name: b\n    file: \(b)\n".write(toFile: sources, atomically: true, encoding: .utf8)
        run.signal(SIGHUP)
        #expect(try PipelineLeaseTests.eventually(within: 60) { logText().contains("configuration reloaded: 2 sources, 3 topics") }, "\(logText())")
        #expect(try PipelineLeaseTests.eventually(within: 30) { try SQLiteStore(path: db).postCount() == 4 }, "\(logText())")
        // The new topic counts the new source's post and, found again, the stored one.
        #expect(try mentions("pdd") == 2)
        #expect(logText().contains("mentions found again over the stored posts of the last 8 days for new or changed topics: pdd\n"), "\(logText())")
        #expect(logText().contains("detector relearned from 3 stored posts"), "\(logText())")

        // Only a source more: the running detector is kept, nothing is relearned.
        let c = try posts("c", ["京东又发错货"])
        try "topics: topics.yml\nsources:\n  - name: a\n    file: \(a)\n  - name: b\n    file: \(b)\n  - name: c\n    file: \(c)\n"
            .write(toFile: sources, atomically: true, encoding: .utf8)
        run.signal(SIGHUP)
        #expect(try PipelineLeaseTests.eventually(within: 60) { logText().contains("detector kept (topics and detection unchanged): 3 sources, 3 topics") }, "\(logText())")
        #expect(try PipelineLeaseTests.eventually(within: 30) { try SQLiteStore(path: db).postCount() == 5 }, "\(logText())")
        #expect(logText().components(separatedBy: "detector relearned").count == 2, "\(logText())")

        // A broken configuration: refused, every error named, the job still running.
        try "topics: topics.yml\nsources:\n  - name: a\n    url: ftp://example.com/feed\n".write(toFile: sources, atomically: true, encoding: .utf8)
        run.signal(SIGHUP)
        #expect(try PipelineLeaseTests.eventually(within: 30) { logText().contains("reload refused") }, "\(logText())")
        #expect(logText().contains("sources.yml:4: field 'sources[0].url'"), "\(logText())")
        Thread.sleep(forTimeInterval: 0.5)
        #expect(run.isRunning)
        #expect(run.stop() == 0, "\(logText())")
        #expect(logText().hasSuffix("run: stopped; state saved to \(db)\n"), "\(logText())")
    }

    /// A topic whose terms changed between two runs has its mentions found again over the stored
    /// posts: the dashboard and timelines count by the definition the job runs with.
    @Test func aChangedTopicHasItsStoredMentionsFoundAgain() throws {
        let posts = try Fixtures.temporaryDirectory() + "/recent.jsonl"
        try ["京东的快递到了", "京东方的屏幕不错", "淘宝的快递"].enumerated().map { i, text in
            #"{"id": "m\#(i)", "source": "archive", "author": "a\#(i)", "text": "\#(text)", "created_at": "\#(Timestamp.utc(Date().addingTimeInterval(Double(i - 600))))"}"#
        }.joined(separator: "\n").write(toFile: posts, atomically: true, encoding: .utf8)
        let dir = try Self.configDir(sources: "  - name: archive\n    file: \(posts)\n")
        let db = dir + "/outcry.db"
        func jd() throws -> Int {
            try SQLiteStore(path: db).mentionCounts(topics: ["jd"], from: Date().addingTimeInterval(-3_600), to: Date())["jd"]?.mentions ?? 0
        }
        #expect(try CLI.run(["run", "--once", "--config-dir", dir, "--db", db]).status == 0)
        #expect(try jd() == 1)   // 京东方 is excluded

        let topics = dir + "/feeds/topics.yml"
        try (try String(contentsOfFile: topics, encoding: .utf8)).replacingOccurrences(of: "    exclude: [京东方]\n", with: "")
            .write(toFile: topics, atomically: true, encoding: .utf8)
        let changed = try CLI.run(["run", "--once", "--config-dir", dir, "--db", db])
        #expect(changed.stderr.contains("for new or changed topics: jd\n"), "\(changed.stderr)")
        #expect(try jd() == 2)
        let same = try CLI.run(["run", "--once", "--config-dir", dir, "--db", db])
        #expect(!same.stderr.contains("found again"), "\(same.stderr)")
        #expect(try jd() == 2)
    }

    /// The ticket files a job is configured with are merged into the store when it starts:
    /// a restart writes only the tickets those files add or change, not every ticket again.
    @Test func aRestartWritesOnlyTheTicketsItsFilesChange() throws {
        let posts = try Fixtures.temporaryDirectory() + "/recent.jsonl"
        try #"{"id": "q1", "source": "archive", "author": "a", "text": "京东的快递", "created_at": "\#(Timestamp.utc(Date().addingTimeInterval(-60)))"}"#
            .write(toFile: posts, atomically: true, encoding: .utf8)
        let dir = try Self.configDir(sources: "  - name: archive\n    file: \(posts)\n")
        let tickets = dir + "/tickets.jsonl"
        let lines = try String(contentsOfFile: Fixtures.repo("feeds/demo/tickets.jsonl"), encoding: .utf8).split(separator: "\n").map(String.init)
        try lines.joined(separator: "\n").write(toFile: tickets, atomically: true, encoding: .utf8)
        let config = dir + "/feeds/sources.yml"
        try (try String(contentsOfFile: config, encoding: .utf8) + "tickets: [\(tickets)]\n").write(toFile: config, atomically: true, encoding: .utf8)
        let db = dir + "/outcry.db"
        #expect(try CLI.run(["run", "--once", "--config-dir", dir, "--db", db]).status == 0)
        #expect(try SQLiteStore(path: db).tickets().count == lines.count)

        var mark = Date()
        Thread.sleep(forTimeInterval: 0.05)
        let again = try CLI.run(["run", "--once", "--config-dir", dir, "--db", db])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try SQLiteStore(path: db).tickets(storedSince: mark).isEmpty)

        // A new event on one ticket in the file: that ticket, and only it, is written.
        let parsed = try JSONSerialization.jsonObject(with: Data(lines[0].utf8))
        var first = try #require(parsed as? [String: Any])
        var events = first["events"] as? [[String: Any]] ?? []
        events.append(["at": "2018-03-18T12:00:00+08:00", "actor": "agent", "kind": "message", "text": "已补偿并致歉"])
        first["events"] = events
        let changed = String(decoding: try JSONSerialization.data(withJSONObject: first), as: UTF8.self)
        try ([changed] + lines.dropFirst()).joined(separator: "\n").write(toFile: tickets, atomically: true, encoding: .utf8)
        mark = Date()
        Thread.sleep(forTimeInterval: 0.05)
        #expect(try CLI.run(["run", "--once", "--config-dir", dir, "--db", db]).status == 0)
        #expect(try SQLiteStore(path: db).tickets(storedSince: mark).map(\.id) == [first["id"] as? String])
    }

    /// A restart relearns from the store while its first cycle is fetched; what that cycle
    /// fetched again is recognised once the relearning is done, so nothing is ingested twice.
    @Test func aRestartFetchesDuringTheWarmUpAndIngestsNothingTwice() throws {
        let posts = try Fixtures.temporaryDirectory() + "/recent.jsonl"
        let hourAgo = Date().addingTimeInterval(-3600)
        try (0..<200).map { i in
            #"{"id": "r\#(i)", "source": "archive", "author": "a\#(i % 7)", "text": "京东的快递 \#(i)", "created_at": "\#(Timestamp.utc(hourAgo.addingTimeInterval(Double(i) * 10)))"}"#
        }.joined(separator: "\n").write(toFile: posts, atomically: true, encoding: .utf8)
        let dir = try Self.configDir(sources: "  - name: archive\n    file: \(posts)\n")
        let db = dir + "/outcry.db"
        let first = try CLI.run(["run", "--once", "--config-dir", dir, "--db", db])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("200 new posts"), "\(first.stderr)")
        let second = try CLI.run(["run", "--once", "--config-dir", dir, "--db", db])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stderr.contains("relearned from 200 stored posts"), "\(second.stderr)")
        #expect(!second.stderr.contains("new post"), "\(second.stderr)")
        #expect(try SQLiteStore(path: db).postCount() == 200)
    }

    /// A source added later with a backlog of the day before: stored, not counted as now, and
    /// the log says so.
    @Test func aNewSourcesBacklogIsStoredAndNotCounted() throws {
        let dir = try Fixtures.temporaryDirectory()
        func write(_ name: String, from start: Date) throws {
            try (0..<10).map { i in
                #"{"id": "\#(name)\#(i)", "source": "\#(name)", "author": "a\#(i)", "text": "京东的快递 \#(i)", "created_at": "\#(Timestamp.utc(start.addingTimeInterval(Double(i) * 60)))"}"#
            }.joined(separator: "\n").write(toFile: dir + "/\(name).jsonl", atomically: true, encoding: .utf8)
        }
        try write("recent", from: Date().addingTimeInterval(-900))
        try write("backlog", from: Date().addingTimeInterval(-86_400))
        let config = try Self.configDir(sources: "  - name: recent\n    file: \(dir)/recent.jsonl\n")
        let db = config + "/outcry.db"
        #expect(try CLI.run(["run", "--once", "--config-dir", config, "--db", db]).stderr.contains("run: 10 new posts\n"))
        try ("topics: topics.yml\nsources:\n  - name: recent\n    file: \(dir)/recent.jsonl\n  - name: backlog\n    file: \(dir)/backlog.jsonl\n")
            .write(toFile: config + "/feeds/sources.yml", atomically: true, encoding: .utf8)
        let second = try CLI.run(["run", "--once", "--config-dir", config, "--db", db])
        #expect(second.stderr.contains("run: 10 new posts (10 over an hour late: stored, not counted as current volume)"), "\(second.stderr)")
        #expect(try SQLiteStore(path: db).postCount() == 20)
    }

    /// A running job's detector moves on when no post comes: a spike whose topic went quiet
    /// hours ago closes while the job runs, not at the next post or at the stop.
    @Test func aQuietTopicsSpikeClosesWhileRunning() throws {
        let path = try Fixtures.temporaryDirectory() + "/archive.jsonl"
        let surgeAt = Date().addingTimeInterval(-7 * 3600)
        var lines = (0..<288).map { i in
            #"{"id": "q\#(i)", "source": "s", "author": "a\#(i % 40)", "text": "京东的快递到了", "created_at": "\#(Timestamp.utc(surgeAt.addingTimeInterval(Double(i - 288) * 600)))"}"#
        }
        lines += (0..<80).map { i in
            #"{"id": "s\#(i)", "source": "s", "author": "c\#(i)", "text": "京东无赖，拒绝退货，我要投诉", "created_at": "\#(Timestamp.utc(surgeAt.addingTimeInterval(Double(i) * 15)))"}"#
        }
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let dir = try Self.configDir(sources: "  - name: archive\n    file: \(path)\n")
        let db = dir + "/outcry.db"
        let run = try BackgroundCLI(["run", "--config-dir", dir, "--db", db], logPath: dir + "/run.log")
        #expect(try PipelineLeaseTests.eventually(within: 60) { run.log.contains("368 new posts") }, "\(run.log)")
        #expect(try PipelineLeaseTests.eventually(within: 30) {
            try SQLiteStore(path: db).spikes().contains { $0.state == .closed }
        }, "\(run.log)")
        #expect(try SQLiteStore(path: db).spikes().count == 1)
    }

    /// `--once` reads a large archive through, though each cycle takes 50,000 lines of it.
    @Test func runOnceReadsALargeArchiveThrough() throws {
        let path = try Fixtures.temporaryDirectory() + "/firehose.jsonl"
        let at = Timestamp.utc(Date().addingTimeInterval(-600))
        let body = (0..<50_010).map { #"{"id": "f\#($0)", "source": "s", "author": "a", "text": "the weather \#($0)", "created_at": "\#(at)"}"# }
        try (body.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let dir = try Self.configDir(sources: "  - name: stream\n    file: \(path)\n    only_topics: true\n")
        let run = try CLI.run(["run", "--once", "--config-dir", dir, "--db", dir + "/outcry.db"])
        #expect(run.status == 0, "\(run.stderr)")
        let mark = try #require(JSONLMark(cursor: try SQLiteStore(path: dir + "/outcry.db").sourceStates().first?.cursor))
        #expect(mark.line == 50_010)
    }

    @Test func aFailingSourceRaisesItsOwnAlertOnce() throws {
        let server = try LocalHTTPServer(directory: Fixtures.path("feeds"))
        let dir = try Self.configDir(sources: "  - name: broken\n    url: \(server.url("gone.xml"))\n")
        for _ in 0..<4 {
            #expect(try CLI.run(["run", "--once", "--config-dir", dir, "--db", dir + "/outcry.db"]).status == 0)
        }
        let log = try String(contentsOfFile: dir + "/outcry-alerts.jsonl", encoding: .utf8).split(separator: "\n")
        #expect(log.count == 1)
        #expect(log.first?.contains("\"topic\":\"source:broken\"") == true)
        #expect(log.first?.contains("HTTP 404") == true)
        // What a monitoring system reads.
        let status = try CLI.run(["feeds", "status", "--json", "--db", dir + "/outcry.db"])
        let parsed = try JSONSerialization.jsonObject(with: Data(status.stdout.utf8))
        let object = try #require(parsed as? [String: Any])
        #expect(object["leader"] is NSNull)
        let source = try #require((object["sources"] as? [[String: Any]])?.first)
        #expect(source["id"] as? String == "broken" && source["health"] as? String == "failing")
        #expect(source["last_status"] as? Int == 404 && source["consecutive_failures"] as? Int == 4)
        #expect(source["last_success_at"] is NSNull && (source["next_poll_at"] as? String)?.hasSuffix("Z") == true)
    }

    @Test func aMissingTokenIsReportedByNameNeverByValue() throws {
        let server = try LocalHTTPServer(directory: Fixtures.path("json"))
        let dir = try Self.configDir(sources: "  - name: bsky\n    url: \(server.url("bluesky-search.json"))\n    token_env: OUTCRY_TEST_UNSET_TOKEN\n")
        #expect(try CLI.run(["run", "--once", "--config-dir", dir, "--db", dir + "/outcry.db"]).status == 0)
        let status = try CLI.run(["feeds", "status", "--db", dir + "/outcry.db"])
        #expect(status.stdout.contains("OUTCRY_TEST_UNSET_TOKEN is not set"))
    }

    @Test func runRoutesThroughAlertsConfigAndRefusesABadOne() throws {
        let server = try LocalHTTPServer(directory: Fixtures.path("feeds"))
        let dir = try Self.configDir(sources: "  - name: broken\n    url: \(server.url("gone.xml"))\n")
        try FileManager.default.createDirectory(atPath: dir + "/alerts", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Fixtures.repo("alerts/examples/bad-values.yml"), toPath: dir + "/alerts/routes.yml")
        let refused = try CLI.run(["run", "--once", "--config-dir", dir, "--db", dir + "/outcry.db"])
        #expect(refused.status == 2 && refused.stderr.contains("routes.yml:9: field 'route.group_wait'"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/outcry.db"), "nothing ran on a half-loaded configuration")
        // A good configuration: the source alert goes to its receiver's file channel, grouped.
        try """
            route: {receiver: ops, group_by: [topic], group_wait: 0s}
            receivers:
              - name: ops
                channels: [{type: jsonl, path: ops-alerts.jsonl}]
            """.write(toFile: dir + "/alerts/routes.yml", atomically: true, encoding: .utf8)
        for _ in 0..<4 {
            let r = try CLI.run(["run", "--once", "--config-dir", dir, "--db", dir + "/outcry.db"])
            #expect(r.status == 0, "\(r.stderr)")
        }
        let log = try String(contentsOfFile: dir + "/ops-alerts.jsonl", encoding: .utf8).split(separator: "\n")
        #expect(log.count == 1 && log.first?.contains("source:broken") == true)
    }

    @Test func missingConfigurationIsBadInput() throws {
        let dir = try Fixtures.temporaryDirectory()
        let r = try CLI.run(["run", "--once", "--config-dir", dir, "--db", dir + "/x.db"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("feeds/sources.yml"))
    }
}

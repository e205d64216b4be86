import Foundation
import OutcryCore
import OutcryHTTP
import OutcryStorage
import OutcryTesting
import Testing

/// Delivery guarantees end to end, through the `outcry` executable and a real receiver: a
/// receiver that is down for a while gets everything once it is back; SIGKILL in the middle of
/// delivering loses nothing and duplicates nothing beyond what the idempotency key lets the
/// receiver drop; a permanent refusal is dead-lettered and can be re-driven.
@Suite(.serialized) struct AlertDeliveryTests {
    let demo = Fixtures.repo("feeds/demo")
    static let secret = "whsec_" + Data("delivery-test-secret".utf8).base64EncodedString()

    func configDir() throws -> String {
        let dir = try Fixtures.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: dir + "/alerts", withIntermediateDirectories: true)
        try """
            route:
              receiver: hooks
              group_by: [spike]
              group_wait: 0s
              group_interval: 0s
              repeat_interval: 0
            receivers:
              - name: hooks
                channels:
                  - type: webhook
                    url_env: HOOK_URL
                    secret_env: HOOK_SECRET
                    timeout: 10s
            """.write(toFile: dir + "/alerts/routes.yml", atomically: true, encoding: .utf8)
        return dir
    }

    func replay(_ dir: String, hookURL: String) throws -> (alerts: Int, db: String) {
        let r = try CLI.run(["replay", "--posts", demo + "/posts.jsonl", "--tickets", demo + "/tickets.jsonl", "--topics", demo + "/topics.yml",
                             "--out", dir + "/alerts.jsonl", "--db", dir + "/outcry.db", "--config-dir", dir],
                            environment: ["HOOK_URL": hookURL, "HOOK_SECRET": Self.secret])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = try String(contentsOfFile: dir + "/alerts.jsonl", encoding: .utf8).split(separator: "\n")
        return (lines.count, dir + "/outcry.db")
    }

    func get(_ server: LocalHTTPServer, _ path: String) async throws -> Any {
        try JSONSerialization.jsonObject(with: try await HTTPFetcher().fetch(FetchRequest(url: server.url(path))).body)
    }

    /// The receiver's request count once it stops changing (two reads 300 ms apart agree).
    func settledTotal(_ server: LocalHTTPServer) async throws -> Int {
        var last = -1
        for _ in 0..<30 {
            let total = (try await get(server, "_stats") as? [String: Int])?["total"] ?? 0
            if total == last { return total }
            last = total
            try await Task.sleep(nanoseconds: 300_000_000)
        }
        return last
    }

    func mode(_ server: LocalHTTPServer, _ mode: String) async throws {
        var req = FetchRequest(url: server.url("_mode"))
        req.body = Data(JSONText.encode(["prefix": "/hook/", "mode": mode, "times": -1]).utf8)
        _ = try await HTTPFetcher().fetch(req)
    }

    /// `outcry alerts deliver MODE` as a process of its own, sending to `receiver`'s webhook.
    func startDeliveryWorker(_ mode: String, db: String, dir: String, receiver: LocalHTTPServer) throws -> Process {
        let worker = Process()
        worker.executableURL = URL(fileURLWithPath: Fixtures.executable)
        worker.arguments = ["alerts", "deliver", mode, "--db", db, "--config-dir", dir]
        worker.environment = ProcessInfo.processInfo.environment.merging(["HOOK_URL": receiver.url("hook/webhook"), "HOOK_SECRET": Self.secret]) { _, n in n }
        worker.standardOutput = FileHandle.nullDevice
        worker.standardError = FileHandle.nullDevice
        try worker.run()
        return worker
    }

    func hookRows(_ db: String) throws -> [OutboxEntry] {
        try SQLiteStore(path: db).outbox(status: nil).filter { $0.channel == "hooks/webhook" }
    }

    @Test func receiverDownThenBackAndKillDuringDeliveryLoseNothing() async throws {
        let dir = try configDir()
        let receiver = try LocalHTTPServer.alertReceiver(environment: ["RECEIVER_WEBHOOK_SECRET": Self.secret])
        // The receiver is unreachable during the incident: the replay records every alert and
        // keeps the webhook deliveries pending.
        let (alerts, db) = try replay(dir, hookURL: "http://127.0.0.1:1/hook/webhook")
        #expect(alerts >= 3)
        let rows = try hookRows(db)
        #expect(rows.count == alerts && rows.allSatisfy { $0.status == .pending && $0.lastError != nil })

        // It comes back, but slowly: kill the delivery worker while requests are in flight.
        // Hung far longer than the channel's timeout, which is far longer than the kill takes
        // even on a busy machine: no request is answered, none times out and is sent again.
        try await mode(receiver, "hang:60")
        let worker = try startDeliveryWorker("--until-empty", db: db, dir: dir, receiver: receiver)
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline, ((try await get(receiver, "_stats") as? [String: Int])?["total"] ?? 0) == 0 {
            try await Task.sleep(nanoseconds: 50_000_000)
        }
        kill(worker.processIdentifier, SIGKILL)
        worker.waitUntilExit()
        #expect(try hookRows(db).allSatisfy { $0.status == .pending }, "killed before any answer: nothing marked delivered")
        // What the killed worker sent — one window of requests in flight — once the receiver
        // has taken them all.
        let sentBeforeKill = try await settledTotal(receiver)
        #expect((1...8).contains(sentBeforeKill), "\(sentBeforeKill)")

        // Restart with a healthy receiver: everything arrives.
        try await mode(receiver, "ok")
        let r = try CLI.run(["alerts", "deliver", "--until-empty", "--db", db, "--config-dir", dir],
                            environment: ["HOOK_URL": receiver.url("hook/webhook"), "HOOK_SECRET": Self.secret])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try hookRows(db).allSatisfy { $0.status == .delivered })
        let stats = try #require(try await get(receiver, "_stats") as? [String: Int])
        #expect(stats["unique_webhook_ids"] == alerts, "every alert delivered: \(stats)")
        #expect(stats["total"]! - alerts == sentBeforeKill,
                "the only duplicates are the killed worker's requests (they share webhook-ids); the restarted one sends each alert once: \(stats)")
        let records = try #require(try await get(receiver, "_requests") as? [[String: Any]])
        #expect(records.allSatisfy { $0["verified"] as? Bool == true }, "every request carries a valid signature")
    }

    /// Two standing delivery workers (`alerts deliver --follow`) on one store: every alert
    /// arrives once — they claim what they send — and both stop cleanly on SIGTERM.
    @Test func twoStandingDeliveryWorkersSendEachAlertOnce() async throws {
        let dir = try configDir()
        let receiver = try LocalHTTPServer.alertReceiver(environment: ["RECEIVER_WEBHOOK_SECRET": Self.secret])
        let (alerts, db) = try replay(dir, hookURL: "http://127.0.0.1:1/hook/webhook")
        let workers = try (0..<2).map { _ in try startDeliveryWorker("--follow", db: db, dir: dir, receiver: receiver) }
        defer { workers.filter(\.isRunning).forEach { kill($0.processIdentifier, SIGKILL) } }
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, try !hookRows(db).allSatisfy({ $0.status == .delivered }) {
            try await Task.sleep(nanoseconds: 100_000_000)
        }
        #expect(try hookRows(db).allSatisfy { $0.status == .delivered })
        for w in workers { kill(w.processIdentifier, SIGTERM) }
        for w in workers { w.waitUntilExit() }
        #expect(workers.allSatisfy { $0.terminationStatus == 0 })
        let stats = try #require(try await get(receiver, "_stats") as? [String: Int])
        #expect(stats["unique_webhook_ids"] == alerts && stats["total"] == alerts, "each alert once: \(stats)")
    }

    /// A standing delivery worker re-reads alerts/ on SIGHUP: channels it did not have are
    /// delivered from then on; a broken configuration is refused and the worker carries on.
    @Test func aStandingDeliveryWorkerReloadsItsChannelsOnSighup() async throws {
        let dir = try configDir()
        let receiver = try LocalHTTPServer.alertReceiver(environment: ["RECEIVER_WEBHOOK_SECRET": Self.secret])
        let (alerts, db) = try replay(dir, hookURL: "http://127.0.0.1:1/hook/webhook")
        // The worker starts with another receiver's channel: nothing in the outbox is its to send.
        let routes = dir + "/alerts/routes.yml"
        let original = try String(contentsOfFile: routes, encoding: .utf8)
        try original.replacingOccurrences(of: "hooks", with: "others").write(toFile: routes, atomically: true, encoding: .utf8)
        let worker = try BackgroundCLI(["alerts", "deliver", "--follow", "--db", db, "--config-dir", dir], logPath: dir + "/deliver.log",
                                       environment: ["HOOK_URL": receiver.url("hook/webhook"), "HOOK_SECRET": Self.secret])
        try await Task.sleep(nanoseconds: 1_500_000_000)
        #expect(try hookRows(db).allSatisfy { $0.status == .pending })

        try original.write(toFile: routes, atomically: true, encoding: .utf8)
        worker.signal(SIGHUP)
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, try !hookRows(db).allSatisfy({ $0.status == .delivered }) {
            try await Task.sleep(nanoseconds: 100_000_000)
        }
        #expect(try hookRows(db).count == alerts && hookRows(db).allSatisfy { $0.status == .delivered })
        #expect(worker.log.contains("configuration reloaded: 1 channels"), "\(worker.log)")

        try "route: [".write(toFile: routes, atomically: true, encoding: .utf8)
        worker.signal(SIGHUP)
        while Date() < deadline, !worker.log.contains("reload refused") { try await Task.sleep(nanoseconds: 100_000_000) }
        #expect(worker.log.contains("reload refused, still delivering with the previous configuration"), "\(worker.log)")
        #expect(worker.log.contains("routes.yml"), "\(worker.log)")
        #expect(worker.isRunning)
        #expect(worker.stop() == 0, "\(worker.log)")
    }

    @Test func permanentRefusalIsDeadLetteredThenRedriven() async throws {
        let dir = try configDir()
        let receiver = try LocalHTTPServer.alertReceiver()
        try await mode(receiver, "status:400")
        let (alerts, db) = try replay(dir, hookURL: receiver.url("hook/webhook"))
        let dead = try CLI.run(["alerts", "outbox", "--status", "dead", "--db", db])
        #expect(dead.stdout.split(separator: "\n").count == alerts + 1)
        #expect(dead.stdout.contains("answered 400"))
        #expect(!dead.stdout.contains(Self.secret))
        #expect(try CLI.run(["alerts", "outbox", "--redrive-dead", "--db", db]).stdout == "re-queued \(alerts) entries\n")
        try await mode(receiver, "ok")
        let r = try CLI.run(["alerts", "deliver", "--until-empty", "--db", db, "--config-dir", dir],
                            environment: ["HOOK_URL": receiver.url("hook/webhook"), "HOOK_SECRET": Self.secret])
        #expect(r.stdout.hasPrefix("delivered \(alerts);"), "\(r.stdout)\(r.stderr)")
        #expect(try hookRows(db).allSatisfy { $0.status == .delivered })
    }

    @Test func acknowledgeAndSilenceFromTheCommandLine() throws {
        let dir = try configDir()
        let (_, db) = try replay(dir, hookURL: "http://127.0.0.1:1/hook/webhook")
        let list = try CLI.run(["alerts", "list", "--db", db])
        #expect(list.stdout.contains("A-jd-") && list.stdout.contains("1 ok/1 wait/0 dead"))
        let spike = try #require(try SQLiteStore(path: db).alerts().first?.spikeID)
        // Narrowed to a spike, or to a period (a duration back from now, or a time).
        let rows = list.stdout.split(separator: "\n").dropFirst()
        #expect(try CLI.run(["alerts", "list", "--spike", spike, "--db", db]).stdout.split(separator: "\n").dropFirst()
                == rows.filter { $0.hasPrefix("A-" + spike.dropFirst(2)) })
        let unknown = try CLI.run(["alerts", "list", "--spike", "S-none", "--db", db])   // a typo, said as one
        #expect(unknown.status == 2 && unknown.stderr.contains("no spike 'S-none'"), "\(unknown.stderr)")
        #expect(try CLI.run(["alerts", "list", "--since", "7d", "--db", db]).stdout.split(separator: "\n").count == 1)   // replayed 2018
        #expect(try CLI.run(["alerts", "list", "--since", "2018-01-01", "--db", db]).stdout.split(separator: "\n").dropFirst() == rows)
        #expect(try CLI.run(["alerts", "list", "--since", "soon", "--db", db]).status == 2)
        #expect(try CLI.run(["alerts", "list", "--unacknowledged", "--db", db]).stdout.split(separator: "\n").dropFirst() == rows)
        func listed(_ extra: [String] = []) throws -> [[String: Any]] {
            try CLI.run(["alerts", "list", "--json", "--db", db] + extra).stdout.split(separator: "\n").map {
                try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
            }
        }
        let before = try listed()
        #expect(before.map { $0["id"] as? String } == rows.map { String($0.prefix { $0 != " " }) })
        #expect(before.allSatisfy { ($0["deliveries"] as? [String: Int]) == ["delivered": 1, "pending": 1, "dead": 0] && $0["acknowledged"] == nil })
        #expect(before.allSatisfy { $0["topic"] as? String == "jd" && $0["linked_tickets"] is [Any] })
        let ack = try CLI.run(["alerts", "ack", spike, "--author", "alice", "--db", db])
        #expect(ack.status == 0 && ack.stdout.contains("by alice"))
        // Acknowledged: shown as such, and no longer anyone's to handle.
        #expect(try listed().allSatisfy { ($0["acknowledged"] as? [String: Any])?["by"] as? String == "alice" })
        #expect(try listed(["--unacknowledged"]).isEmpty)
        #expect(try SQLiteStore(path: db).acknowledgements().allSatisfy { $0.spikeID == spike && $0.author == "alice" })
        // The acknowledgement is part of the incident's story and its headline metrics.
        let timeline = try CLI.run(["timeline", spike, "--format", "json", "--db", db, "--config-dir", Fixtures.root])
        #expect(timeline.stdout.contains("\"kind\":\"acknowledged\"") && timeline.stdout.contains("acknowledged by alice"))
        #expect(!timeline.stdout.contains("\"detection_to_first_ack_s\":null"))
        let bad = try CLI.run(["silence", "add", "topic", "--comment", "c", "--db", db])
        #expect(bad.status == 2)
        let add = try CLI.run(["silence", "add", "topic=~\"jd-.*\"", "--for", "2h", "--comment", "statement published", "--author", "bob", "--db", db])
        #expect(add.status == 0, "\(add.stderr)")
        let id = String(add.stdout.prefix { $0 != ":" })
        #expect(try CLI.run(["silence", "list", "--db", db]).stdout.contains("\(id)  active"))
        #expect(try CLI.run(["silence", "expire", id, "--db", db]).status == 0)
        #expect(try CLI.run(["silence", "list", "--db", db]).stdout.contains("\(id)  expired"))
    }
}

import ArgumentParser
import Foundation
import OutcryAlerting
import OutcryCore
import OutcryDashboard
import OutcryStorage

/// `outcry alerts …` — check the alerting configuration, send a test, acknowledge, and inspect
/// or re-drive the outbox.
struct AlertsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alerts", abstract: "Alerting: check configuration, test routes, acknowledge, inspect the outbox.",
        subcommands: [AlertsCheckCommand.self, AlertsTestCommand.self, AlertsAckCommand.self, AlertsListCommand.self,
                      AlertsOutboxCommand.self, AlertsDeliverCommand.self])
}

struct AlertsCheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate alerts/*.yml and the templates they use; exit 2 listing every error (file, line, field).")

    @Option(name: .customLong("config-dir"), help: "Directory holding alerts/.") var configDir: String = "."
    @Argument(help: "Check these files as one configuration instead of <config-dir>/alerts/*.yml.") var files: [String] = []

    func run() async throws {
        let paths = files.isEmpty ? nil : files
        let setup = try AlertingSetup.load(configDir: configDir, files: paths, fallback: [])
        for w in setup.warnings { Diagnostics.write("warning: \(w)") }
        guard let config = setup.config else {
            StandardOutput.write("no alerting configuration in \((configDir as NSString).appendingPathComponent("alerts")): every alert goes to the command's own channels\n")
            return
        }
        let channels = config.channels
        StandardOutput.write("ok: \(config.rules.count) rules, \(config.route.allNodes.count) routes, \(config.receivers.count) receivers, "
            + "\(channels.count) channels (\(channels.map(\.name).joined(separator: ", "))), \(config.inhibitRules.count) inhibit rules\n")
    }
}

struct AlertsTestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test", abstract: "Send a clearly marked test alert through a route (or receiver) and report what each channel answered.")

    @Argument(help: "Route name, or receiver name.") var route: String
    @Option(name: .customLong("config-dir"), help: "Directory holding alerts/.") var configDir: String = "."

    func run() async throws {
        let setup = try AlertingSetup.load(configDir: configDir, fallback: [])
        guard let config = setup.config else { throw ValidationError("alerts test: no alerting configuration under \(configDir)/alerts") }
        let receiver = config.route.allNodes.first { $0.name == route }?.receiver ?? config.receiver(named: route)?.name
        guard let receiver, let r = config.receiver(named: receiver) else {
            let names = config.route.allNodes.compactMap(\.name) + config.receivers.map(\.name)
            throw ValidationError("alerts test: no route or receiver named '\(route)' (have: \(names.joined(separator: ", ")))")
        }
        let now = Date()
        var (n, alerts, posts, tickets) = MessageContext.sample(at: now)
        n.receiver = receiver
        let byName = Dictionary(setup.notifiers.map { ($0.channel, $0) }, uniquingKeysWith: { a, _ in a })
        var failed = 0
        for channel in r.channels {
            guard let notifier = byName[channel.name] else { continue }
            let outcome = await notifier.deliver(Delivery(notification: n, alerts: alerts, posts: posts, tickets: tickets,
                                                          idempotencyKey: n.id + "|" + channel.name, now: now))
            switch outcome {
            case .delivered:
                StandardOutput.write("\(channel.name): delivered\n")
            case .failed(let retryable, let message, _):
                failed += 1
                StandardOutput.write("\(channel.name): FAILED (\(retryable ? "retryable" : "permanent")): \(TerminalText.sanitize(message))\n")
            }
        }
        if failed > 0 { throw ExitCode(1) }
    }
}

struct AlertsAckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ack", abstract: "Acknowledge an alert (or every alert of a spike): no more reminders or escalation.")

    @Argument(help: "Alert id (A-…) or spike id (S-…).") var id: String
    @Option(help: "Who acknowledges (default: $USER).") var author: String?
    @Option(help: "Why, or what is being done.") var comment: String = ""
    @OptionGroup var store: StoreOptions

    func run() async throws {
        let db = try store.openExisting("alerts")
        let alerts = try db.alert(id: id).map { [$0] } ?? db.alerts(spikeID: id)
        guard !alerts.isEmpty else { throw ValidationError("alerts ack: no alert or spike '\(id)' in \(store.db)") }
        let who = author ?? ProcessInfo.processInfo.environment["USER"] ?? "team"
        var batch = StoreBatch()
        let now = Date()
        batch.acknowledgements = alerts.map { Acknowledgement(alertID: $0.id, spikeID: $0.spikeID, at: now, author: who, comment: comment) }
        try db.commit(batch)
        for a in alerts { StandardOutput.write("acknowledged \(a.id) (\(a.severity.rawValue), \(TerminalText.sanitize(a.topic))) by \(TerminalText.sanitize(who))\n") }
    }
}

struct AlertsListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List alerts with their acknowledgement and delivery state.")
    @Option(help: "Only alerts detected since then: a duration back from now (12h, 7d) or a time (RFC 3339, or a date like 2018-03-10, UTC).")
    var since: String?
    @Option(help: "Only the alerts of this spike (S-…).") var spike: String?
    @Flag(help: "Only alerts nobody has acknowledged (what is still someone's to handle).") var unacknowledged = false
    @Flag(help: "JSON Lines: each alert as the Alert format has it, with its deliveries and acknowledgement, for scripts.") var json = false
    @OptionGroup var store: StoreOptions

    func run() async throws {
        let from = try since.map { text in
            try DurationText.parse(text).map { Date().addingTimeInterval(-$0) } ?? parseTime(text, "--since", offset: 0)
        }
        let db = try store.openExisting("alerts")
        // A spike's alerts are read whole and cut to the period here; otherwise the store reads the period.
        var alerts = try spike.map { try db.alerts(spikeID: $0).filter { $0.detectedAt >= from ?? .distantPast } } ?? db.alerts(since: from)
        if let spike, alerts.isEmpty, try db.spikes(.id(spike)).isEmpty {
            throw ValidationError("alerts list: no spike '\(spike)' in \(store.db)")   // a typo, not a quiet spike
        }
        let acks = Dictionary(try db.acknowledgements(alertIDs: alerts.map(\.id)).map { ($0.alertID, $0) }, uniquingKeysWith: { a, _ in a })
        if unacknowledged { alerts.removeAll { acks[$0.id] != nil } }
        let deliveries = AlertDeliveries.byAlert(try db.deliveries(alertIDs: alerts.map(\.id)))
        if json {
            StandardOutput.write(alerts.map { Self.jsonLine($0, deliveries[$0.id] ?? AlertDeliveries(), acks[$0.id]) + "\n" }.joined())
            return
        }
        var out = "ALERT                                         SEVERITY  DETECTED               DELIVERIES            ACK\n"
        for a in alerts {
            let d = deliveries[a.id] ?? AlertDeliveries()
            let summary = "\(d.delivered) ok/\(d.pending) wait/\(d.dead) dead"
            out += pad(TerminalText.sanitize(a.id), 46) + pad(a.severity.rawValue, 10) + pad(Timestamp.utc(a.detectedAt), 23)
                + pad(summary, 22) + (acks[a.id].map { "by \(TerminalText.sanitize($0.author))" } ?? "-") + "\n"
        }
        StandardOutput.write(out)
    }

    /// The Alert object with `deliveries` (`{delivered, pending, dead}`) and, once someone has
    /// acknowledged it, `acknowledged` (`{by, at, comment}`).
    static func jsonLine(_ alert: Alert, _ d: AlertDeliveries, _ ack: Acknowledgement?) -> String {
        var object = alert.jsonObject
        object["deliveries"] = ["delivered": d.delivered, "pending": d.pending, "dead": d.dead]
        if let ack { object["acknowledged"] = ["by": ack.author, "at": Timestamp.utc(ack.at), "comment": ack.comment] }
        return JSONText.encode(object)
    }
}

struct AlertsOutboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox", abstract: "Show the delivery queue; --redrive puts dead entries back in it.")

    @Option(help: "Only entries in this state: pending, delivered or dead.") var status: String?
    @Option(parsing: .upToNextOption, help: "Re-queue these entries (ids as shown).") var redrive: [String] = []
    @Flag(name: .customLong("redrive-dead"), help: "Re-queue every dead entry.") var redriveDead = false
    @OptionGroup var store: StoreOptions

    func run() async throws {
        let db = try store.openExisting("alerts")
        if redriveDead || !redrive.isEmpty {
            let n = try db.redrive(ids: redriveDead ? nil : redrive, at: Date())
            StandardOutput.write("re-queued \(n) entr\(n == 1 ? "y" : "ies")\n")
            return
        }
        var filter: OutboxEntry.Status?
        if let status {
            guard let s = OutboxEntry.Status(rawValue: status) else { throw ValidationError("--status: expected pending, delivered or dead") }
            filter = s
        }
        var out = "ID                                   CHANNEL                 STATUS     ATTEMPTS  NEXT ATTEMPT           LAST ERROR\n"
        for e in try db.outbox(status: filter) {
            out += pad(TerminalText.sanitize(e.id), 37) + pad(TerminalText.sanitize(e.channel), 24) + pad(e.status.rawValue, 11)
                + pad(String(e.attempts), 10) + pad(e.status == .pending ? Timestamp.utc(e.nextAttemptAt) : "-", 23)
                + TerminalText.clip(e.lastError ?? "", 80) + "\n"
        }
        StandardOutput.write(out)
    }
}

struct AlertsDeliverCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deliver", abstract: "Deliver what the outbox holds (a delivery-only worker), then exit when nothing is due.")

    @Flag(help: "Keep going until nothing is pending at all (waiting out backoffs).") var untilEmpty = false
    @Flag(help: "Keep delivering as entries fall due until SIGINT/SIGTERM: a standing delivery worker (several may share one store).")
    var follow = false
    @Option(help: "Give up after this many seconds.") var timeout: Double = 600
    @OptionGroup var store: StoreOptions

    func run() async throws {
        let db = try store.openExisting("alerts")
        let setup = try AlertingSetup.load(configDir: store.configDir, fallback: [])
        func delivering(to notifiers: [any Notifier]) -> OutboxDispatcher {
            var d = OutboxDispatcher(store: db, notifiers: notifiers)
            d.baseDelay = 1
            return d
        }
        var dispatcher = delivering(to: setup.notifiers)
        var total = 0
        if follow {
            // SIGHUP re-reads alerts/ (channels, templates, secrets named there); an invalid
            // configuration is refused in the log and the worker keeps the one it has.
            let signals = StopRequest(reloadOnHangup: true)
            while !signals.isRequested {
                total += try await dispatcher.drain(at: Date())
                await signals.sleep(1)
                if let next = signals.reloaded("alerts deliver", keeping: "still delivering with the previous configuration", {
                    try AlertingSetup.load(configDir: store.configDir, fallback: [])
                }) {
                    dispatcher = delivering(to: next.notifiers)
                    Diagnostics.write("alerts deliver: configuration reloaded: \(next.notifiers.count) channels")
                }
            }
            StandardOutput.write("delivered \(total); stopped\n")
            return
        }
        let deadline = Date().addingTimeInterval(timeout)
        repeat {
            total += try await dispatcher.drain(at: Date())
            let pending = try db.outbox(status: .pending).filter { e in setup.notifiers.contains { $0.channel == e.channel } }
            if pending.isEmpty || !untilEmpty { break }
            try await Task.sleep(nanoseconds: 200_000_000)
        } while Date() < deadline
        let dead = try db.outbox(status: .dead).count
        StandardOutput.write("delivered \(total); \(try db.outbox(status: .pending).count) pending, \(dead) dead\n")
    }
}

/// A table cell: cut to leave one space, padded by display width (CJK topics line up).
func pad(_ s: String, _ n: Int) -> String { DisplayWidth.pad(DisplayWidth.fit(s, n - 1), n) }

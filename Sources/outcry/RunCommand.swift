import ArgumentParser
import Foundation
import OutcryAlerting
import OutcryCore
import OutcryDashboard
import OutcryLinking
import OutcryPipeline
import OutcryStorage

/// `outcry run` — the main job: fetch, score, link and alert until stopped.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Poll the sources in feeds/sources.yml, detect surges, link tickets and raise alerts until SIGINT/SIGTERM.")

    @OptionGroup var store: StoreOptions
    @Flag(help: "Poll every source once, then exit (for cron and tests).") var once = false

    func run() async throws {
        let path = (store.configDir as NSString).appendingPathComponent("feeds/sources.yml")
        guard FileManager.default.fileExists(atPath: path) else {
            throw InputError(file: path, "no sources configured (see feeds/demo/sources.yml for the format)")
        }
        let config = try SourcesConfig.load(path)
        let topics = try TopicsFile.load(config.topics)
        var fileTickets: [Ticket] = []
        for f in config.tickets { fileTickets += try TicketReader.readJSONL(path: f) }
        // All configuration is checked before anything is opened or fetched: a bad one never half-runs.
        let alertLog = store.alertLogPath
        let alerting = try AlertingSetup.load(configDir: store.configDir,
                                              fallback: [ConsoleNotifier.standard(utcOffset: config.utcOffset), JSONLFileNotifier(path: alertLog)])
        let db = try StoreLocation.open(store.db)
        var options = Monitor.Options()
        options.detector = config.detector
        let monitor = Monitor(topics: topics, tickets: [], store: db, notifiers: alerting.notifiers, clock: SystemClock(),
                              utcOffset: config.utcOffset, options: options, alerting: alerting.config)
        let stop = StopRequest()
        // A standby keeps its detector warm from the store while it waits, so taking over costs
        // the posts of its last few seconds, not a relearning of days.
        guard let lead = try await Self.lead(db, location: store.db, once: once, stop: stop, keepWarm: {
            try await monitor.warmUp(until: Date())
        }) else {
            FileHandle.standardError.write(Data("run: stopped while standing by\n".utf8))
            return
        }
        if lead == .afterStandingBy { try await monitor.resumeAlerting() }
        // Tickets imported into the store (`outcry tickets import`), updated by the configured
        // files — read now that this worker leads, not while another one may change them.
        let followingFrom = Date()
        var known = Dictionary(try db.tickets().map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let fromFiles = TicketMerge.merge(fileTickets, onto: known).tickets   // only what the files add or change
        for t in fromFiles { known[t.id] = t }
        if !fromFiles.isEmpty {
            var batch = StoreBatch()
            batch.tickets = fromFiles
            try db.commit(batch)
        }
        let tickets = known.values.sorted { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }
        var followTickets = TicketFollower(from: followingFrom, knowing: tickets)
        await monitor.learn(tickets: tickets)
        for w in alerting.warnings { FileHandle.standardError.write(Data("run: warning: \(w)\n".utf8)) }
        let job = try LiveJob(config: config, monitor: monitor, store: db)
        // The detector relearns from the store while the first cycle is fetched; nothing fetched
        // reaches it before it has finished, so posts are still scored in order.
        let started = Date()
        async let relearning = monitor.warmUp(until: started)
        let firstCycle = await job.fetchDue(at: started, force: once)
        let relearned = try await relearning
        if lead == .afterStandingBy {
            let total = await monitor.relearned
            FileHandle.standardError.write(Data("run: detector kept up while standing by: \(total) stored posts relearned in all, \(relearned) on taking over\n".utf8))
        } else if relearned > 0 {
            FileHandle.standardError.write(Data("run: detector relearned from \(relearned) stored posts of the last 8 days\n".utf8))
        }

        FileHandle.standardError.write(Data("run: \(config.sources.count) sources, \(topics.count) topics, store \(store.db)\n".utf8))
        var pending: LiveJob.Fetched? = firstCycle
        repeat {
            var n: Int
            if let fetched = pending {
                n = try await job.ingest(fetched)
                pending = nil
            } else {
                n = try await job.pollDue(at: Date(), force: once)
            }
            if once { n += try await job.finishStreams() }
            if n > 0 { FileHandle.standardError.write(Data("run: \(n) new posts\n".utf8)) }
            // Time passes without posts too: group waits, repeats and escalations fall due.
            // Tickets pushed to `tickets serve` or imported meanwhile are linked from now on.
            let fresh = try followTickets.fresh(in: db)
            if !fresh.isEmpty { await monitor.learn(tickets: fresh) }
            try await monitor.flush()
            if once { break }
            await stop.sleep(await job.secondsUntilNextPoll(from: Date(), cap: 5))
        } while !stop.isRequested
        // Stream sessions end within their listen_seconds; what they heard is kept.
        if !once { try await job.finishStreams() }
        try await monitor.advance(to: Date())
        FileHandle.standardError.write(Data("run: stopped; state saved to \(store.db)\n".utf8))
    }
}

extension RunCommand {
    enum Lead { case immediately, afterStandingBy }

    /// How often a standby catches its detector up with the posts the leading worker stored.
    static let keepWarmInterval: TimeInterval = 5

    /// Takes the store's pipeline lease, standing by while another `outcry run` holds it (one
    /// pipeline per store; this one takes over when that one stops or dies). `--once` does not
    /// wait. While standing by, `keepWarm` runs at once and then every ``keepWarmInterval``.
    /// Returns nil when a stop was requested while standing by.
    static func lead(_ db: any Store, location: String, once: Bool, stop: StopRequest,
                     keepWarm: () async throws -> Int) async throws -> Lead? {
        if try db.tryLeadPipeline() { return .immediately }
        if once { throw RuntimeError("run: another `outcry run` is working on \(location); --once does not wait for it") }
        FileHandle.standardError.write(Data("run: standing by: another `outcry run` is working on \(location); taking over when it stops\n".utf8))
        let relearned = try await keepWarm()
        FileHandle.standardError.write(Data("run: standing by: detector relearned from \(relearned) stored posts of the last 8 days, keeping up every \(Int(keepWarmInterval)) s\n".utf8))
        var warmedAt = Date()
        while try !db.tryLeadPipeline() {
            await stop.sleep(1)
            if stop.isRequested { return nil }
            if Date().timeIntervalSince(warmedAt) >= keepWarmInterval {
                _ = try await keepWarm()
                warmedAt = Date()
            }
        }
        FileHandle.standardError.write(Data("run: taking over \(location)\n".utf8))
        return .afterStandingBy
    }
}

/// `outcry feeds status` — the health of every source, so a silent feed is never mistaken for a quiet topic.
struct FeedsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "feeds", abstract: "Inspect sources.",
                                                    subcommands: [FeedsStatusCommand.self])
}

struct FeedsStatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "Show each source's last fetch, status, errors and next poll.")
    @OptionGroup var store: StoreOptions

    func run() async throws {
        let db = try store.openExisting("feeds")
        let states = try db.sourceStates()
        var out = try db.pipelineLeader().map { "pipeline: led by \(TerminalText.sanitize($0))\n" } ?? "pipeline: no `outcry run` is working on this store\n"
        out += "SOURCE               HEALTH   STATUS  ITEMS   LAST SUCCESS          NEXT POLL             ERROR\n"
        for s in states {
            out += pad(TerminalText.sanitize(s.id), 21) + pad(s.health, 9) + pad(s.lastStatus.map(String.init) ?? "-", 8)
                + pad(String(s.totalItems), 8) + pad(s.lastSuccessAt.map(Timestamp.utc) ?? "never", 22)
                + pad(Timestamp.utc(s.nextPollAt), 22) + TerminalText.clip(s.lastError ?? "", 60) + "\n"
        }
        if states.isEmpty { out += "(no source has been polled yet: run `outcry run`)\n" }
        FileHandle.standardOutput.write(Data(out.utf8))
    }
}

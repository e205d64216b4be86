import ArgumentParser
import Foundation
import OutcryAlerting
import OutcryCore
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
        // All configuration is checked before anything is opened or fetched: a bad one never half-runs.
        var setup = try RunSetup.load(configDir: store.configDir, alertLog: store.alertLogPath)
        let db = try StoreLocation.open(store.db)
        var monitor = setup.monitor(on: db)
        let signals = StopRequest(reloadOnHangup: !once)
        // A standby keeps its detector warm from the store while it waits, so taking over costs
        // the posts of its last few seconds, not a relearning of days.
        guard let lead = try await Self.lead(db, location: store.db, once: once, stop: signals, keepWarm: {
            try await monitor.warmUp(until: Date())
        }) else {
            Diagnostics.write("run: stopped while standing by")
            return
        }
        let takingOver = lead == .afterStandingBy
        if takingOver { try await monitor.resumeAlerting() }
        var start = takingOver ? Start.tookOver : .started
        // A standby takes over with the configuration on disk as it is now (changed since the
        // standby started, whether or not a SIGHUP said so), as a reload would apply it.
        if let next = reloaded(signals, always: takingOver) {
            if takingOver { Diagnostics.write("run: configuration read again on taking over") }
            if !(try await Self.adopt(next, after: setup, monitor: &monitor, db: db)) || !takingOver { start = .reloaded }
            setup = next
        }
        // Topics the store's mentions were found with differently: the whole period is relearned.
        if start == .tookOver, !(try Self.refinding(setup.topics, in: db)).isEmpty {
            (monitor, start) = (setup.monitor(on: db), .started)
        }
        // SIGHUP: the configuration is read again; a valid one replaces the running job (the
        // detector relearns the stored posts with the new topics), an invalid one is refused.
        var followTickets: TicketFollower?
        while case .reload(let next) = try await session(setup, monitor: monitor, db: db, signals: signals, start: start, tickets: &followTickets) {
            start = try await Self.adopt(next, after: setup, monitor: &monitor, db: db) ? .reconfigured : .reloaded
            setup = next
        }
        Diagnostics.write("run: stopped; state saved to \(store.db)")
    }

    /// A new configuration for `monitor`, which ran `setup`: the monitor is kept and given the
    /// new channels and routes when topics and detection are unchanged, else built anew (to
    /// relearn). Returns whether it was kept.
    static func adopt(_ next: RunSetup, after setup: RunSetup, monitor: inout Monitor, db: any Store) async throws -> Bool {
        guard next.keepsDetection(of: setup) else {
            monitor = next.monitor(on: db)
            return false
        }
        try await monitor.reconfigure(notifiers: next.alerting.notifiers, alerting: next.alerting.config)
        return true
    }

    /// How a session's monitor came to be: built at start, warm from standing by, built anew
    /// for a reloaded configuration, or kept through a reload that left detection as it was.
    enum Start { case started, tookOver, reloaded, reconfigured }
    enum SessionEnd { case stopped, reload(RunSetup) }

    /// One configuration's run: tickets, warm-up, then poll cycles until a stop, or a SIGHUP
    /// with a valid new configuration.
    func session(_ setup: RunSetup, monitor: Monitor, db: any Store, signals: StopRequest, start: Start,
                 tickets followTickets: inout TicketFollower?) async throws -> SessionEnd {
        try await handTickets(setup, to: monitor, db: db, start: start, following: &followTickets)
        for w in setup.alerting.warnings { Diagnostics.write("run: warning: \(w)") }
        let job = try LiveJob(config: setup.config, monitor: monitor, store: db)
        let firstCycle = try await relearn(setup, monitor: monitor, db: db, start: start, fetchingWith: job)
        let note = start == .reloaded ? "configuration reloaded: " : start == .reconfigured ? "configuration reloaded, detector kept (topics and detection unchanged): " : ""
        Diagnostics.write("run: \(note)\(setup.config.sources.count) sources, \(setup.topics.count) topics, store \(store.db)")
        var watch = TicketFileWatch(setup.ticketFileVersions)
        let end = try await poll(job, monitor: monitor, db: db, signals: signals, firstCycle: firstCycle, tickets: &followTickets,
                                 files: &watch)
        // Stream sessions end within their listen_seconds; what they heard is kept.
        if !once { try await job.finishStreams() }
        try await monitor.advance(to: Date())
        return end
    }

    /// Tickets imported into the store (`outcry tickets import`), updated by the configured
    /// files — read now that this worker leads, not while another one may change them, and only
    /// those the linker can still link (a store may hold years of helpdesk history). The follower
    /// goes on across sessions: a monitor kept through a reload is handed only the tickets that
    /// changed, one built anew all of them.
    func handTickets(_ setup: RunSetup, to monitor: Monitor, db: any Store, start: Start,
                     following followTickets: inout TicketFollower?) async throws {
        let followingFrom = Date()
        _ = try TicketImport.merge(setup.fileTickets, into: db)   // only what the files add or change is written
        if start == .reconfigured, var following = followTickets {
            await monitor.learn(tickets: try following.fresh(in: db))
            followTickets = following
        } else {
            let horizon = await monitor.ticketHorizon(at: followingFrom)
            let tickets = try db.tickets(createdFrom: horizon, to: .distantFuture)
            followTickets = TicketFollower(from: followingFrom, knowing: tickets, keeping: followingFrom.timeIntervalSince(horizon))
            await monitor.learn(tickets: tickets)
            Diagnostics.write("run: \(await monitor.ticketsForLinking) tickets held for linking (opened since \(Timestamp.format(horizon, offset: setup.config.utcOffset)))")
        }
    }

    /// The detector relearns from the store while the first cycle is fetched (nothing fetched
    /// reaches it before it has finished, so posts are still scored in order); new or changed
    /// topics have their mentions found again meanwhile. Returns the first cycle.
    func relearn(_ setup: RunSetup, monitor: Monitor, db: any Store, start: Start, fetchingWith job: LiveJob) async throws -> LiveJob.Fetched {
        let started = Date()
        let refinding = try Self.refinding(setup.topics, in: db)
        // A monitor kept through a reload has seen every post already.
        async let relearning = start == .reconfigured ? 0 : monitor.warmUp(until: started, refinding: refinding)
        let firstCycle = await job.fetchDue(at: started, force: once)
        let relearned = try await relearning
        if !refinding.isEmpty {
            if relearned > 0 {
                Diagnostics.write("run: mentions found again over the stored posts of the last 8 days for new or changed topics: \(refinding.sorted().joined(separator: ", "))")
            }
            var applied = StoreBatch()
            applied.appliedTopics = setup.topics.filter { refinding.contains($0.id) }.map { ($0.id, $0.matchingDefinition) }
            try db.commit(applied)
        }
        switch start {
        case .tookOver:
            let total = await monitor.relearned
            Diagnostics.write("run: detector kept up while standing by: \(total) stored posts relearned in all, \(relearned) on taking over")
        case .reconfigured:
            break
        case .started, .reloaded:
            if relearned > 0 { Diagnostics.write("run: detector relearned from \(relearned) stored posts of the last 8 days") }
        }
        return firstCycle
    }

    /// Poll cycles until a stop, or a SIGHUP with a valid configuration (`--once`: one cycle).
    func poll(_ job: LiveJob, monitor: Monitor, db: any Store, signals: StopRequest, firstCycle: LiveJob.Fetched,
              tickets followTickets: inout TicketFollower?, files watch: inout TicketFileWatch) async throws -> SessionEnd {
        var pending: LiveJob.Fetched? = firstCycle
        repeat {
            var n: Int
            let lateBefore = await monitor.stats.late
            if let fetched = pending {
                n = try await job.ingest(fetched)
                pending = nil
            } else {
                n = try await job.pollDue(at: Date(), force: once)
            }
            if once {
                // A large archive is read in parts, each its own cycle: --once reads it all.
                while await job.hasMoreToRead { n += try await job.pollDue(at: Date()) }
                n += try await job.finishStreams()
            }
            if n > 0 {
                let late = await monitor.stats.late - lateBefore
                let note = late > 0 ? " (\(late) over an hour late: stored, not counted as current volume)" : ""
                Diagnostics.write("run: \(n) new post\(n == 1 ? "" : "s")\(note)")
            }
            // Time passes without posts too: group waits, repeats and escalations fall due.
            // Tickets pushed to `tickets serve`, imported, or written over a configured file
            // meanwhile are linked from now on.
            try mergeChanged(&watch, into: db)
            let fresh = try followTickets?.fresh(in: db) ?? []
            if !fresh.isEmpty { await monitor.learn(tickets: fresh) }
            // When no post comes, the detector's time still moves, an hour behind the clock (the
            // lateness a post may have and still count): buckets close and a spike whose topic
            // has gone quiet closes, rather than waiting for the next post of any topic.
            try await monitor.advance(to: Date().addingTimeInterval(-Monitor.lateTolerance))
            if once { break }
            await signals.sleep(await job.secondsUntilNextPoll(from: Date(), cap: 5))
            if let next = reloaded(signals) { return .reload(next) }
        } while !signals.isRequested
        return .stopped
    }

    /// Merges the configured ticket files that changed since they were read. A file that cannot
    /// be read now (written as it was read, or broken) is logged with its error and tried again
    /// when it next changes; the tickets merged before are kept.
    func mergeChanged(_ watch: inout TicketFileWatch, into db: any Store) throws {
        for file in watch.changed() {
            let incoming: [Ticket]
            do {
                incoming = try file.read().tickets
            } catch {
                Diagnostics.write("run: tickets: \(error); keeping what was read before, trying again when it changes")
                continue
            }
            let merged = try TicketImport.merge(incoming, into: db)
            Diagnostics.write("run: tickets: \(file.path) changed: \(incoming.count) read, \(merged.summary)")
        }
    }

    /// Topics whose stored mentions were found with another definition, or none: new or changed
    /// since the store last saw them. A store that has never recorded its definitions (written
    /// by `replay` or `demo`, or by a version before 2026-12) is taken to hold the current ones:
    /// finding every topic's mentions again costs about 40 s per million stored posts.
    static func refinding(_ topics: [Topic], in db: any Store) throws -> Set<String> {
        let applied = try db.appliedTopics()
        if applied.isEmpty {
            var adopted = StoreBatch()
            adopted.appliedTopics = topics.map { ($0.id, $0.matchingDefinition) }
            try db.commit(adopted)
            return []
        }
        return Set(topics.filter { applied[$0.id] != $0.matchingDefinition }.map(\.id))
    }

    /// The configuration read again after a SIGHUP (or `always`), or nil (none pending, or
    /// refused and logged).
    func reloaded(_ signals: StopRequest, always: Bool = false) -> RunSetup? {
        signals.reloaded("run", keeping: "still running the previous configuration", always: always) {
            try RunSetup.load(configDir: store.configDir, alertLog: store.alertLogPath)
        }
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
        Diagnostics.write("run: standing by: another `outcry run` is working on \(location); taking over when it stops")
        let relearned = try await keepWarm()
        Diagnostics.write("run: standing by: detector relearned from \(relearned) stored posts of the last 8 days, keeping up every \(Int(keepWarmInterval)) s")
        var warmedAt = Date()
        while try !db.tryLeadPipeline() {
            await stop.sleep(1, wakingForReload: false)   // a SIGHUP is applied on taking over
            if stop.isRequested { return nil }
            if Date().timeIntervalSince(warmedAt) >= keepWarmInterval {
                _ = try await keepWarm()
                warmedAt = Date()
            }
        }
        Diagnostics.write("run: taking over \(location)")
        return .afterStandingBy
    }
}

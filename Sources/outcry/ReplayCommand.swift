import ArgumentParser
import Foundation
import OutcryAlerting
import OutcryCore
import OutcryFeeds
import OutcryLinking
import OutcryPipeline
import OutcryStorage

/// `outcry replay` — the evaluation entry point (DESIGN.md contract).
struct ReplayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Run the pipeline in simulated time over recorded posts and tickets; write one line per alert.")

    @Option(help: "Posts, Post JSONL in created_at order; repeat to merge several recordings (by created_at).")
    var posts: [String]
    @Option(help: "Tickets, Ticket JSONL.") var tickets: String?
    @Option(help: "Topics YAML.") var topics: String
    @Option(help: "Where to write alerts (Alert JSON lines).") var out: String
    @Option(name: .customLong("db"), help: "Keep the replay's store in this SQLite file (default: a temporary one, removed at the end).") var db: String?
    @Option(name: .customLong("utc-offset"), parsing: .unconditional, help: "Audience time zone, e.g. +08:00 (default: the posts' own offset).") var utcOffset: String?
    @Option(name: .customLong("config-dir"),
            help: "Also route the alerts through DIR/alerts/ (rules, routes, real channels) and detect with DIR/feeds/sources.yml's detector: section, e.g. to try a routing or sensitivity change on a past incident.")
    var configDir: String?

    func run() async throws {
        let offset = try utcOffset.map(parseUTCOffset)
        guard !posts.isEmpty else { throw ValidationError("replay: give at least one --posts file") }
        let input = try ReplayInput.load(sources: posts.map { FilePostSource(name: "replay", path: $0) },
                                         ticketFiles: tickets.map { [TicketFile(path: $0, format: .jsonl)] } ?? [], topicsFile: topics, utcOffset: offset)
        do { try OutputFile.write([], to: out) } catch { throw RuntimeError("replay: \(error)") }
        let store: any Store = try db.map { try StoreLocation.open($0) } ?? SQLiteStore.temporary()
        guard try store.tryLeadPipeline() else { throw RuntimeError("replay: an `outcry run` is working on \(db ?? "the store"); give the replay a store of its own") }
        let recorder = JSONLFileNotifier(path: out)
        var notifiers: [any Notifier] = [recorder]
        var alerting: AlertingConfig?
        var options = Monitor.Options()
        if let configDir {
            let sources = (configDir as NSString).appendingPathComponent("feeds/sources.yml")
            if FileManager.default.fileExists(atPath: sources) { options.detector = try SourcesConfig.load(sources).detector }
            let setup = try AlertingSetup.load(configDir: configDir, fallback: [])
            for w in setup.warnings { Diagnostics.write("replay: warning: \(w)") }
            if let config = setup.config {
                alerting = config.addingRecorder(channels: [recorder.channel])
                notifiers += setup.notifiers
            }
        }
        let stats = try await Replay.run(input, store: store, notifiers: notifiers, alerting: alerting, options: options)
        // Only the --out file must be complete now; other channels keep retrying from the outbox.
        let dead = try (store.outbox(status: .dead) + store.outbox(status: .pending)).filter { $0.channel == recorder.channel }.count
        Diagnostics.write("replay: \(stats.posts) posts, \(stats.mentions) mentions, \(stats.spikes) spikes, \(stats.alerts) alerts -> \(out)")
        if dead > 0 { throw RuntimeError("replay: \(dead) alerts could not be written to \(out)") }
    }
}

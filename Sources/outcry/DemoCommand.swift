import ArgumentParser
import Foundation
import OutcryAlerting
import OutcryCore
import OutcryDashboard
import OutcryFeeds
import OutcryPipeline
import OutcryStorage
import OutcryTimeline
import Synchronization

/// `outcry demo` — the bundled Comfort U / 《无赖京东》 incident through the whole pipeline.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Replay the bundled March 2018 incident through fetch, score, link and alert; leaves its store behind.")

    @OptionGroup var store: StoreOptions
    @Option(help: "Simulated seconds per real second in the live view.") var speed: Double = 43_200
    @Flag(name: .customLong("no-dash"), help: "Print alerts and the incident timeline instead of the live view.") var noDash = false

    func run() async throws {
        guard speed > 0 else { throw ValidationError("--speed must be positive") }
        let (config, input) = try Demo.load(configDir: store.configDir)
        let db = try StoreLocation.open(store.db)
        guard try db.tryLeadPipeline() else { throw RuntimeError("demo: an `outcry run` is working on \(store.db); give the demo a store of its own") }
        let outPath = store.alertLogPath
        let notifiers: [any Notifier] = [JSONLFileNotifier(path: outPath)]
        let offset = config.utcOffset
        let live = !noDash && TerminalScreen.isTTY
        // Alerts are never sent twice, so a second demo into the same store has nothing new to say.
        let rerun = try db.spikes().contains { spike in input.topics.contains { $0.id == spike.topic } }
        let rerunNote = "\(store.db) already holds this incident from an earlier run, and its alerts are never sent twice: "
            + (PostgresStore.isLocation(store.db) ? "use an empty database to replay it from scratch" : "remove \(store.db) to replay it from scratch")

        if !live {
            StandardOutput.write("Outcry demo: \(input.count) posts from \(config.sources.count) sources, \(input.tickets.count) tickets, "
                + "\(input.topics.count) topics, \(Timestamp.short(input.first!, offset: offset)) → "
                + "\(Timestamp.short(input.last!, offset: offset)) (UTC\(Timestamp.format(Date(timeIntervalSince1970: 0), offset: offset).suffix(6)))\n\n")
            if rerun { StandardOutput.write("Note: \(rerunNote).\n\n") }
            // Alerts reach the terminal the way `run` prints them: the console channel, text template.
            var options = Monitor.Options()
            options.detector = config.detector
            let stats = try await Replay.run(input, store: db, notifiers: notifiers + [ConsoleNotifier.standard(utcOffset: offset)],
                                             options: options)
            for spike in try db.spikes() where spike.severity > .watch {
                let timeline = try Timeline.build(spike: spike, topic: input.topics.first { $0.id == spike.topic }, store: db)
                StandardOutput.write(TimelineRenderer.text(timeline, utcOffset: offset) + "\n\n")
            }
            StandardOutput.write("\(stats.posts) posts, \(stats.mentions) topic mentions, \(stats.spikes) spikes, \(stats.alerts) alerts. "
                + "Store: \(store.db) · alert log: \(outPath)\n")
            return
        }

        let topics = input.topics
        let session = DashboardSession(store: db, storeLabel: store.db, topics: topics, utcOffset: offset, title: "demo: 无赖京东, March 2018")
        let simulatedNow = Mutex(input.first!)
        session.clock = { simulatedNow.withLock { $0 } }
        let dashboard = LiveDashboard(session: session, color: ProcessInfo.processInfo.environment["NO_COLOR"] == nil,
                                      author: ProcessInfo.processInfo.environment["USER"] ?? "team")
        if rerun { session.ui.message = rerunNote }
        dashboard.start()
        defer { dashboard.stop() }
        let quit = Mutex(false)
        let pacer = Pacer(speed: speed, maxPostsPerSecond: 400)
        var options = Monitor.Options()
        options.detector = config.detector
        options.batchSize = 20   // keep the store (which the view reads) close to the simulated clock
        _ = try await Replay.run(input, store: db, notifiers: notifiers, options: options, pace: { simulated in
            simulatedNow.withLock { $0 = simulated }
            let sleep = pacer.step(simulated: simulated)
            if sleep.draw, !quit.withLock({ $0 }), (try? dashboard.tick(wait: 0)) == false { quit.withLock { $0 = true } }
            if sleep.seconds > 0, !quit.withLock({ $0 }) { try? await Task.sleep(nanoseconds: UInt64(sleep.seconds * 1e9)) }
        })
        // The replay is over: keep the dashboard open on the finished incident until q.
        session.ui.message = "demo finished: explore (Enter, 2 alerts, a ack), q to quit"
        while !quit.withLock({ $0 }), try dashboard.tick(wait: 1) {}
    }
}

/// Keeps a replay at `speed` simulated seconds per wall second, and at most `maxPostsPerSecond`,
/// so quiet days fly by and the surge plays slowly enough to watch. Says when to redraw.
final class Pacer: Sendable {
    private struct State { var wallStart: Date?; var simStart: Date?; var lastDraw = Date.distantPast; var wall = 0.0; var last: Date? }
    private let state = Mutex(State())
    let speed: Double
    let maxPostsPerSecond: Double

    init(speed: Double, maxPostsPerSecond: Double) {
        self.speed = speed
        self.maxPostsPerSecond = maxPostsPerSecond
    }

    func step(simulated: Date) -> (seconds: Double, draw: Bool) {
        state.withLock { s in
            let now = Date()
            if s.wallStart == nil { s.wallStart = now; s.simStart = simulated; s.last = simulated }
            // Wall time this post should take: its share of simulated time, but no less than one post's slot.
            s.wall += max(simulated.timeIntervalSince(s.last!) / speed, 1 / maxPostsPerSecond)
            s.last = simulated
            let ahead = s.wall - now.timeIntervalSince(s.wallStart!)
            let draw = now.timeIntervalSince(s.lastDraw) >= 0.1
            if draw { s.lastDraw = now }
            return (max(0, min(ahead, 0.2)), draw)
        }
    }
}

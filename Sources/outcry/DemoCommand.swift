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
        let db = try SQLiteStore(path: store.db)
        let outPath = ((store.db as NSString).deletingLastPathComponent as NSString)
            .appendingPathComponent("outcry-alerts.jsonl")
        let notifiers: [any Notifier] = [JSONLFileNotifier(path: outPath.hasPrefix("/") || outPath.hasPrefix(".") ? outPath : "./" + outPath)]
        let subjects = Dictionary(input.tickets.map { ($0.id, $0.subject) }, uniquingKeysWith: { a, _ in a })
        let offset = config.utcOffset
        let live = !noDash && TerminalScreen.isTTY

        if !live {
            StandardOutput.write("Outcry demo: \(input.posts.count) posts from \(config.sources.count) sources, \(input.tickets.count) tickets, "
                + "\(input.topics.count) topics, \(Timestamp.short(input.posts.first!.createdAt, offset: offset)) → "
                + "\(Timestamp.short(input.posts.last!.createdAt, offset: offset)) (UTC\(Timestamp.format(Date(timeIntervalSince1970: 0), offset: offset).suffix(6)))\n\n")
            let stats = try await Replay.run(input, store: db, notifiers: notifiers, onAlert: { alert in
                StandardOutput.write(AlertText.render(alert, utcOffset: offset, ticketLabels: subjects) + "\n\n")
            })
            for spike in try db.spikes() where spike.severity > .watch {
                let timeline = try Timeline.build(spike: spike, topic: input.topics.first { $0.id == spike.topic }, store: db)
                StandardOutput.write(TimelineRenderer.text(timeline, utcOffset: offset) + "\n\n")
            }
            StandardOutput.write("\(stats.posts) posts, \(stats.mentions) topic mentions, \(stats.spikes) spikes, \(stats.alerts) alerts. "
                + "Store: \(store.db) · alert log: \(outPath)\n")
            return
        }

        let screen = TerminalScreen()
        screen.enter()
        let restore = DispatchSource.makeSignalSource(signal: SIGINT, queue: .main)
        signal(SIGINT, SIG_IGN)
        restore.setEventHandler {
            screen.leave()
            Foundation.exit(130)
        }
        restore.resume()
        defer { screen.leave() }
        let pacer = Pacer(speed: speed, maxPostsPerSecond: 400)
        let topics = input.topics
        var options = Monitor.Options()
        options.batchSize = 20   // keep the store (which the view reads) close to the simulated clock
        _ = try await Replay.run(input, store: db, notifiers: notifiers, options: options, pace: { simulated in
            let sleep = pacer.step(simulated: simulated)
            if sleep.draw {
                let size = screen.size
                if let snap = try? DashboardSnapshot.read(store: db, topics: topics, now: simulated, utcOffset: offset, title: "demo: 无赖京东, March 2018") {
                    screen.draw(FrameRenderer.render(snap, width: size.width, height: size.height))
                }
            }
            if sleep.seconds > 0 { try? await Task.sleep(nanoseconds: UInt64(sleep.seconds * 1e9)) }
        })
        let size = screen.size
        if let last = input.posts.last, let snap = try? DashboardSnapshot.read(store: db, topics: topics, now: last.createdAt, utcOffset: offset, title: "demo finished — press Enter") {
            screen.draw(FrameRenderer.render(snap, width: size.width, height: size.height))
        }
        _ = readLine()
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

import ArgumentParser
import Foundation
import OutcryCore
import OutcryDashboard
import OutcryPipeline
import OutcryStorage

/// `outcry dash` — the live terminal dashboard over the store that `run`, `demo` or `replay`
/// writes; `--once` (or output that is not a terminal) prints one plain frame.
struct DashCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dash",
        abstract: "Live terminal dashboard: topics, spike detail, alerts (ack, silence) and source health, read from the store.")

    @OptionGroup var store: StoreOptions
    @Flag(help: "Print one frame as plain text, sized to $COLUMNS×$LINES (default 80×24), and exit.") var once = false
    @Option(help: "Seconds between refreshes.") var refresh: Double = 1
    @Option(help: "Show the store as of this time (RFC 3339) instead of now.") var at: String?
    @Option(name: .customLong("utc-offset"), parsing: .unconditional, help: "Show times at this offset (default: the sources' timezone, else +00:00).") var utcOffset: String?
    @Flag(help: "Draw with ASCII only (no Unicode blocks).") var ascii = false
    @Option(help: "Start in this view: topics, alerts, sources.") var view: String = "topics"

    func run() async throws {
        guard refresh > 0 else { throw ValidationError("--refresh must be positive") }
        guard let startView = DashboardUI.View(rawValue: view), [.topics, .alerts, .sources].contains(startView) else {
            throw ValidationError("--view: expected topics, alerts or sources")
        }
        let db = try store.openExisting("dash", hint: " (run outcry run or outcry demo first)")
        var topics = (try? Demo.topics(configDir: store.configDir)) ?? []
        if topics.isEmpty {
            // No configuration at hand: the topics the store has seen.
            topics = try db.topicSummaries().map { Topic(id: $0.topic, name: $0.topic, terms: [$0.topic]) }
        }
        let offset = try utcOffset.map(parseUTCOffset) ?? sourcesOffset()
        let session = DashboardSession(store: db, storeLabel: store.db, topics: topics, utcOffset: offset, title: "dashboard")
        session.ui.view = startView
        session.ui.unicode = !ascii
        if let at {
            guard let t = Timestamp.parse(at) else { throw ValidationError("--at: expected an RFC 3339 time with an offset") }
            session.clock = { t }
        }
        if once || !TerminalScreen.isTTY {
            let env = ProcessInfo.processInfo.environment
            // Unset, empty or non-positive sizes mean "not told": 80×24, as terminals default.
            func size(_ name: String, _ fallback: Int) -> Int { env[name].flatMap(Int.init).flatMap { $0 > 0 ? $0 : nil } ?? fallback }
            let width = size("COLUMNS", 80), height = size("LINES", 24)
            StandardOutput.write(try session.frame(width: width, height: height).text)
            return
        }
        let dashboard = LiveDashboard(session: session, color: ProcessInfo.processInfo.environment["NO_COLOR"] == nil,
                                      author: ProcessInfo.processInfo.environment["USER"] ?? "team")
        dashboard.start()
        defer { dashboard.stop() }
        while try dashboard.tick(wait: refresh) {}
    }

    /// The audience's offset from feeds/sources.yml (or the demo's), else UTC.
    func sourcesOffset() -> Int {
        for path in ["feeds/sources.yml", "feeds/demo/sources.yml"] {
            let full = (store.configDir as NSString).appendingPathComponent(path)
            if let c = try? SourcesConfig.load(full) { return c.utcOffset }
        }
        return 0
    }
}

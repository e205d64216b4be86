import ArgumentParser
import Foundation
import OutcryCore
import OutcryPipeline
import OutcryStorage
import OutcryTimeline

/// `outcry timeline INCIDENT` — the story of one spike, from the store.
struct TimelineCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "timeline",
                                                    abstract: "Reconstruct an incident's timeline (INCIDENT: a spike id, or a topic for its latest spike).")

    @Argument(help: "Spike id (S-…) or topic id.") var incident: String
    @Option(help: "md or text.") var format: String = "md"
    @Option(name: .customLong("utc-offset"), help: "Show times at this offset, e.g. +08:00.") var utcOffset: String = "+00:00"
    @OptionGroup var store: StoreOptions

    func run() async throws {
        guard let offset = Timestamp.parseWithOffset("2000-01-01T00:00:00" + utcOffset)?.offset else {
            throw ValidationError("--utc-offset: expected an offset like +08:00")
        }
        guard FileManager.default.fileExists(atPath: store.db) else { throw RuntimeError("timeline: no store at \(store.db)") }
        let db = try SQLiteStore(path: store.db)
        guard let spike = try IncidentLookup.spike(incident, in: db) else {
            throw ValidationError("timeline: no spike or topic named '\(incident)' in \(store.db)")
        }
        let topics = (try? Demo.topics(configDir: store.configDir)) ?? []
        let timeline = try Timeline.build(spike: spike, topic: topics.first { $0.id == spike.topic }, store: db)
        switch format {
        case "md": print(TimelineRenderer.markdown(timeline, utcOffset: offset), terminator: "")
        case "text": print(TimelineRenderer.text(timeline, utcOffset: offset))
        default: throw ValidationError("--format: expected md or text")
        }
    }
}

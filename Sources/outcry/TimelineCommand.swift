import ArgumentParser
import Foundation
import OutcryCore
import OutcryPipeline
import OutcryStorage
import OutcryTimeline

/// `outcry timeline INCIDENT` — the story of one spike, from the store.
struct TimelineCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "timeline",
                                                    abstract: "Reconstruct an incident's timeline (INCIDENT: a spike id, or a topic for its latest spike, or with --from/--to every spike of the topic in that range).")

    @Argument(help: "Spike id (S-…) or topic id.") var incident: String
    @Option(help: "md, html (one self-contained page with a chart), json or text.") var format: String = "md"
    @Option(name: .customLong("utc-offset"), parsing: .unconditional, help: "Show times at this offset, e.g. +08:00.") var utcOffset: String = "+00:00"
    @Option(help: "With a topic: the range's start (RFC 3339, or a date like 2018-03-10 at --utc-offset).") var from: String?
    @Option(help: "With a topic: the range's end (default: now).") var to: String?
    @OptionGroup var store: StoreOptions

    func run() async throws {
        let offset = try parseUTCOffset(utcOffset)
        guard ["md", "html", "json", "text"].contains(format) else { throw ValidationError("--format: expected md, html, json or text") }
        let db = try store.openExisting("timeline")
        let topics = (try? Demo.topics(configDir: store.configDir)) ?? []
        let timeline: Timeline
        if from != nil || to != nil {
            let start = try from.map { try parseTime($0, "--from", offset: offset) } ?? .distantPast
            let end = try to.map { try parseTime($0, "--to", offset: offset) } ?? Date()
            guard start < end else { throw ValidationError("timeline: --from must be before --to") }
            guard let t = try Timeline.build(topic: incident, from: start, to: end, topicConfig: topics.first { $0.id == incident }, store: db) else {
                throw RuntimeError("timeline: no spike of topic '\(incident)' between \(Timestamp.format(start, offset: offset)) and \(Timestamp.format(end, offset: offset))")
            }
            timeline = t
        } else {
            guard let spike = try IncidentLookup.spike(incident, in: db) else {
                throw ValidationError("timeline: no spike or topic named '\(incident)' in \(store.db)")
            }
            timeline = try Timeline.build(spike: spike, topic: topics.first { $0.id == spike.topic }, store: db)
        }
        switch format {
        case "md": StandardOutput.write(TimelineRenderer.markdown(timeline, utcOffset: offset))
        case "html": StandardOutput.write(TimelineRenderer.html(timeline, utcOffset: offset))
        case "json": StandardOutput.write(TimelineRenderer.json(timeline))
        case "text": StandardOutput.write(TimelineRenderer.text(timeline, utcOffset: offset) + "\n")
        default: throw ValidationError("--format: expected md, html, json or text")
        }
    }
}

/// `outcry incident note INCIDENT "text"` — the team's own annotation, shown on the timeline.
struct IncidentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "incident", abstract: "Annotate incidents.",
                                                    subcommands: [IncidentNoteCommand.self])
}

struct IncidentNoteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "note", abstract: "Add a note to an incident's timeline.")

    @Argument(help: "Spike id (S-…) or topic id.") var incident: String
    @Argument(help: "The note.") var text: String
    @Option(help: "When it happened (RFC 3339; default: now).") var at: String?
    @Option(help: "Who writes (default: $USER).") var author: String?
    @OptionGroup var store: StoreOptions

    func run() async throws {
        guard !text.trimmedWhitespace.isEmpty else { throw ValidationError("incident note: the note is empty") }
        let db = try store.openExisting("incident")
        guard let spike = try IncidentLookup.spike(incident, in: db) else {
            throw ValidationError("incident note: no spike or topic named '\(incident)' in \(store.db)")
        }
        var when = Date()
        if let at {
            guard let parsed = Timestamp.parse(at) else { throw ValidationError("--at: expected an RFC 3339 time with an offset") }
            when = parsed
        }
        var batch = StoreBatch()
        batch.notes = [IncidentNote(spikeID: spike.id, at: when, author: author ?? ProcessInfo.processInfo.environment["USER"] ?? "team", text: text)]
        try db.commit(batch)
        StandardOutput.write("noted on \(spike.id) at \(Timestamp.utc(when))\n")
    }
}

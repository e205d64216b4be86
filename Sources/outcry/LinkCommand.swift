import ArgumentParser
import Foundation
import OutcryCore
import OutcryLinking
import OutcryPipeline
import OutcryStorage

/// `outcry link SPIKE` — the tickets behind a spike, ranked, with the reasons, as the linker saw
/// them at detection (or at `--at`): only tickets and ticket events that existed by then count.
struct LinkCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "link",
        abstract: "Rank the support tickets behind a spike (SPIKE: a spike id, or a topic for its latest spike), with reasons.")

    @Argument(help: "Spike id (S-…) or topic id.") var spike: String
    @Option(help: "How many tickets to show.") var limit: Int = 10
    @Option(help: "Link as of this time (RFC 3339; default: when the spike was detected).") var at: String?
    @Flag(help: "JSON lines: {rank, id, score, subject, reasons}.") var json = false
    @Option(name: .customLong("utc-offset"), parsing: .unconditional, help: "Show times at this offset, e.g. +08:00.") var utcOffset: String = "+00:00"
    @OptionGroup var store: StoreOptions

    func run() async throws {
        guard limit > 0 else { throw ValidationError("--limit must be positive") }
        let offset = try parseUTCOffset(utcOffset)
        let db = try store.openExisting("link")
        guard let target = try IncidentLookup.spike(spike, in: db) else {
            throw ValidationError("link: no spike or topic named '\(spike)' in \(store.db)")
        }
        var time = target.detectedAt
        if let at {
            guard let parsed = Timestamp.parse(at) else { throw ValidationError("--at: expected an RFC 3339 time with an offset") }
            time = parsed
        }
        var linker = EvidenceLinker(utcOffset: offset)
        // Only the tickets it can rank are read: opened within its look-back, by then.
        let tickets = try db.tickets(createdFrom: target.start.addingTimeInterval(-linker.lookback), to: time)
        for t in tickets { linker.add(t) }
        let posts = try db.posts(topic: target.topic, from: target.start, to: time.addingTimeInterval(1), limit: 100_000)
        let links = linker.link(target, posts: SpikeEvidence.select(posts), at: time, limit: limit)
        let subjects = Dictionary(tickets.map { ($0.id, $0.subject) }, uniquingKeysWith: { a, _ in a })
        var out = ""
        if json {
            for (i, l) in links.enumerated() {
                var w = JSONWriter()
                w.beginObject()
                w.key("rank"); w.int(i + 1)
                w.field("id", l.id)
                w.key("score"); w.double((l.score * 1000).rounded() / 1000)
                w.field("subject", subjects[l.id] ?? "")
                w.key("reasons"); w.beginArray(); l.reasons.forEach { w.string($0) }; w.endArray()
                w.endObject()
                out += String(decoding: w.bytes, as: UTF8.self) + "\n"
            }
        } else {
            out += "\(target.id) \(target.topic) \(target.severity.rawValue), \(posts.count) posts, "
                + "linked as of \(Timestamp.format(time, offset: offset)) against \(tickets.count) tickets opened in the \(Int(linker.lookback / 86_400)) days before the spike or since\n"
            if links.isEmpty { out += "  no ticket matches this spike\n" }
            for (i, l) in links.enumerated() {
                out += String(format: "%2d. %@ (score %.2f) ", i + 1, TerminalText.sanitize(l.id), l.score)
                    + TerminalText.sanitize(subjects[l.id] ?? "") + "\n"
                for r in l.reasons { out += "      - " + TerminalText.sanitize(r) + "\n" }
            }
        }
        StandardOutput.write(out)
    }
}

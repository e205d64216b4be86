import ArgumentParser
import Foundation
import OutcryCore
import OutcryPipeline
import OutcryFeeds
import OutcryScoring
import OutcryText

/// `outcry score --posts FILE|- --topics FILE` — the scoring stage alone, streaming: each Post
/// JSONL line is normalized, matched, classified and counted into buckets, and every closed
/// bucket and spike decision is printed as a JSON line. Nothing is stored and memory does not
/// grow with the number of posts, so it scores recordings of any size (and is the ingest
/// benchmark). Posts must be in `created_at` order, as for `replay`.
struct ScoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Score Post JSONL (stdin or a file) into buckets and spike decisions, streaming; no store.")

    @Option(help: "Post JSONL in created_at order ('-' for stdin).") var posts: String = "-"
    @Option(help: "Topics YAML.") var topics: String
    @Option(name: .customLong("utc-offset"), parsing: .unconditional, help: "Audience time zone, e.g. +08:00 (default: UTC).") var utcOffset: String?
    @Flag(help: "Print spike decisions only, not every closed bucket.") var spikesOnly = false

    func run() async throws {
        let topicList = try TopicsFile.load(topics)
        let offset = try utcOffset.map(parseUTCOffset) ?? 0
        let lines = try LineCursor.reading(posts)
        var scorer = StreamScorer(topics: topicList, utcOffset: offset)
        var out: [UInt8] = []
        var last: Date?
        while try lines.withNextLine({ line in
            guard !JSONLines.isBlank(line) else { return }
            let post = try Post(fields: JSONFields.parseLine(line, file: posts, line: lines.lineNumber))
            if let last, post.createdAt < last {
                throw InputError(file: posts, line: lines.lineNumber, field: "created_at", "posts must be in created_at order")
            }
            last = post.createdAt
            for action in scorer.score(post).actions { write(action, to: &out) }
            if out.count >= 1 << 16 { StandardOutput.write(bytes: out); out.removeAll(keepingCapacity: true) }
        }) != nil {}
        if let last {
            // Let time run on past the last post so open buckets and spikes close, as replay does.
            for action in scorer.advance(to: last.addingTimeInterval(6 * 3600)) { write(action, to: &out) }
        }
        StandardOutput.write(bytes: out)
        Diagnostics.write("score: \(scorer.posts) posts, \(scorer.mentions) mentions, \(scorer.spikes) spikes")
    }

    private func write(_ action: SpikeAction, to out: inout [UInt8]) {
        var w = JSONWriter()
        w.beginObject()
        switch action {
        case .bucketClosed(let b):
            guard !spikesOnly else { return }
            w.field("bucket", b.topic)
            w.field("start", Timestamp.utc(b.start))
            w.key("count"); w.int(b.count)
            w.key("complaints"); w.int(b.complaints)
            w.key("reach"); w.int(b.reach)
        case .opened(let s), .escalated(let s, _), .closed(let s):
            w.field("spike", s.id)
            w.field("event", { switch action { case .opened: "opened"; case .escalated: "escalated"; default: "closed" } }())
            w.field("topic", s.topic)
            w.field("severity", s.severity.rawValue)
            w.key("volume"); w.int(s.volume)
        }
        w.endObject()
        out.append(contentsOf: w.bytes)
        out.append(0x0A)
    }
}

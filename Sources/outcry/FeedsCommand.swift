import ArgumentParser
import Foundation
import OutcryCore
import OutcryDashboard
import OutcryStorage

/// `outcry feeds status` — the health of every source, so a silent feed is never mistaken for a quiet topic.
struct FeedsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "feeds", abstract: "Inspect sources.",
                                                    subcommands: [FeedsStatusCommand.self])
}

struct FeedsStatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "Show each source's last fetch, status, errors and next poll.")
    @OptionGroup var store: StoreOptions
    @Flag(help: "One JSON object: {leader, sources: [{id, url, health, last_status, …}]}, for monitoring.") var json = false

    func run() async throws {
        let db = try store.openExisting("feeds")
        let states = try db.sourceStates()
        if json {
            StandardOutput.write(Self.json(leader: try db.pipelineLeader(), states) + "\n")
            return
        }
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

    /// The status for a monitoring system: the leading worker (null when no `outcry run` works on
    /// the store) and each source's health with its times in RFC 3339 UTC.
    static func json(leader: String?, _ states: [SourceState]) -> String {
        var w = JSONWriter()
        // Every key is always present (null when unknown): a monitoring rule can rely on it.
        func field(_ name: String, _ v: String?) { w.key(name); if let v { w.string(v) } else { w.null() } }
        func field(_ name: String, _ v: Int?) { w.key(name); if let v { w.int(v) } else { w.null() } }
        w.beginObject()
        field("leader", leader)
        w.key("sources")
        w.beginArray()
        for s in states {
            w.beginObject()
            field("id", s.id)
            field("url", s.movedTo ?? s.url)
            field("health", s.health)
            field("last_status", s.lastStatus)
            field("last_error", s.lastError)
            field("consecutive_failures", s.consecutiveFailures)
            field("new_items_last_poll", s.newItemsLastPoll)
            field("total_items", s.totalItems)
            field("last_attempt_at", s.lastAttemptAt.map(Timestamp.utc))
            field("last_success_at", s.lastSuccessAt.map(Timestamp.utc))
            field("last_new_item_at", s.lastNewItemAt.map(Timestamp.utc))
            field("next_poll_at", Timestamp.utc(s.nextPollAt))
            w.key("interval_seconds"); w.double(s.interval)
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return String(decoding: w.bytes, as: UTF8.self)
    }
}

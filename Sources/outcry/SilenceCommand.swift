import ArgumentParser
import Foundation
import OutcryAlerting
import OutcryCore
import OutcryStorage

/// `outcry silence add|list|expire` — mute notifications for matching alerts for a while.
struct SilenceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "silence", abstract: "Mute notifications for alerts matching labels, for a while.",
        subcommands: [SilenceAddCommand.self, SilenceListCommand.self, SilenceExpireCommand.self])
}

struct SilenceAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a silence: outcry silence add 'topic=jd-pillow' --for 2h --comment '…'")

    @Argument(help: "Label matchers: topic=jd-pillow, severity!=critical, topic=~\"jd-.*\".") var matchers: [String]
    @Option(name: .customLong("for"), help: "How long: 30m, 2h, 1d.") var duration: String = "1h"
    @Option(help: "Who silences (default: $USER).") var author: String?
    @Option(help: "Why (required).") var comment: String
    @OptionGroup var store: StoreOptions

    func run() async throws {
        let parsed = try matchers.map { text in
            do { return try LabelMatcher.parse(text) } catch let e as MatcherError { throw ValidationError("silence add: \(e.description)") }
        }
        guard let seconds = DurationText.parse(duration), seconds > 0 else { throw ValidationError("--for: expected a duration like 2h") }
        guard !comment.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("--comment: say why") }
        let silence = Silence.starting(at: Date(), for: seconds, matchers: parsed.map(\.description),
                                       author: author ?? ProcessInfo.processInfo.environment["USER"] ?? "team", comment: comment)
        var batch = StoreBatch()
        batch.silences = [silence]
        try StoreLocation.open(store.db).commit(batch)
        StandardOutput.write("\(silence.id): \(silence.matchers.joined(separator: " ")) silenced until \(Timestamp.utc(silence.endsAt))\n")
    }
}

struct SilenceListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List silences (active first).")
    @OptionGroup var store: StoreOptions

    func run() async throws {
        let now = Date()
        var out = ""
        for s in try StoreLocation.open(store.db).silences().sorted(by: { ($0.isActive(at: now) ? 0 : 1, $0.endsAt) < ($1.isActive(at: now) ? 0 : 1, $1.endsAt) }) {
            out += "\(s.id)  \(s.isActive(at: now) ? "active " : "expired") until \(Timestamp.utc(s.endsAt))  \(TerminalText.sanitize(s.matchers.joined(separator: " ")))"
                + "  by \(TerminalText.sanitize(s.author)): \(TerminalText.clip(s.comment, 60))\n"
        }
        StandardOutput.write(out.isEmpty ? "no silences\n" : out)
    }
}

struct SilenceExpireCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "expire", abstract: "End a silence now.")
    @Argument(help: "Silence id (SIL-…).") var id: String
    @OptionGroup var store: StoreOptions

    func run() async throws {
        let db = try StoreLocation.open(store.db)
        guard var s = try db.silences().first(where: { $0.id == id }) else { throw ValidationError("silence expire: no silence '\(id)'") }
        s.endsAt = min(s.endsAt, Date())
        var batch = StoreBatch()
        batch.silences = [s]
        try db.commit(batch)
        StandardOutput.write("\(s.id) expired\n")
    }
}

import ArgumentParser
import Foundation
import OutcryCore
import OutcryFeeds
import OutcryHTTP
import OutcryStorage

/// The `outcry` command: argument parsing and wiring only; the work lives in the modules.
@main
struct Outcry: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outcry",
        abstract: "Social-media escalation monitor: detects complaint surges and links them to the support tickets that started them.",
        version: "0.1.0",
        subcommands: [DemoCommand.self, RunCommand.self, ReplayCommand.self, FeedCommand.self, FeedsCommand.self, ClassifyCommand.self, MatchCommand.self, NormalizeCommand.self, ScoreCommand.self, TicketsCommand.self, LinkCommand.self, IncidentCommand.self, DetectCommand.self, TimelineCommand.self, AlertsCommand.self, SilenceCommand.self, DashCommand.self])

    /// Exit codes per DESIGN.md: 0 success, 1 runtime failure, 2 bad usage or bad input.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var async = command as? any AsyncParsableCommand {
                try await async.run()
            } else {
                try command.run()
            }
        } catch let e as InputError {
            fail(e.description, code: 2)
        } catch let e as InputErrors {
            fail(e.description, code: 2)
        } catch let e as FeedError {
            fail(e.description, code: 2)
        } catch let e as FetchError {
            fail(e.description, code: 1)
        } catch let e as RuntimeError {
            fail(e.message, code: 1)
        } catch let e as ValidationError {
            // Thrown by a command's run (a spike that does not exist, a bad --format): the
            // message names the command and option; the root usage text would only mislead.
            fail("Error: \(e.message)", code: 2)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                exit(withError: error)
            }
            let message = fullMessage(for: error)
            if code.rawValue == 64 {
                fail(message, code: 2)
            }
            fail("outcry: \(message.isEmpty ? String(describing: error) : message)", code: 1)
        }
    }

    static func fail(_ message: String, code: Int32) -> Never {
        Diagnostics.write(message)
        Foundation.exit(code)
    }
}

/// A failure of the run itself (I/O, database), as opposed to bad input.
struct RuntimeError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}

/// `--config-dir` and `--db`, shared by every command that reads configuration or the store.
struct StoreOptions: ParsableArguments {
    @Option(name: .customLong("config-dir"), help: "Directory holding feeds/ and alerts/.")
    var configDir: String = "."

    @Option(name: .customLong("db"), help: "SQLite database file, or a postgres:// URL (password in PGPASSWORD).")
    var db: String = "./outcry.db"

    /// The store a reading command needs: an SQLite file must exist already (a typo must not
    /// silently create an empty store); a PostgreSQL database is connected to.
    func openExisting(_ command: String, hint: String = "") throws -> any Store {
        guard PostgresStore.isLocation(db) || FileManager.default.fileExists(atPath: db) else {
            throw RuntimeError("\(command): no store at \(db)\(hint)")
        }
        return try StoreLocation.open(db)
    }

    /// Where the fallback JSONL alert log goes: beside an SQLite file, in the current directory
    /// for a PostgreSQL store.
    var alertLogPath: String {
        if PostgresStore.isLocation(db) { return "./outcry-alerts.jsonl" }
        let path = ((db as NSString).deletingLastPathComponent as NSString).appendingPathComponent("outcry-alerts.jsonl")
        return path.hasPrefix("/") || path.hasPrefix(".") ? path : "./" + path
    }
}

/// `--utc-offset +08:00` as seconds east of UTC, or the usage error every command gives.
func parseUTCOffset(_ text: String) throws -> Int {
    guard let offset = UTCOffset.parse(text) else { throw ValidationError("--utc-offset: \(UTCOffset.expected)") }
    return offset
}

/// A time option (`--from`, `--to`, `--since`): RFC 3339, or a bare date / date and minute at
/// the given offset.
func parseTime(_ text: String, _ option: String, offset: Int) throws -> Date {
    if let t = Timestamp.parse(text) { return t }
    let sign = offset < 0 ? "-" : "+"
    let zone = String(format: "%@%02d:%02d", sign, abs(offset) / 3600, abs(offset) % 3600 / 60)
    for candidate in [text + "T00:00:00" + zone, text.replacingOccurrences(of: " ", with: "T") + ":00" + zone] {
        if let t = Timestamp.parse(candidate) { return t }
    }
    throw ValidationError("\(option): expected an RFC 3339 time or a date like 2018-03-10")
}

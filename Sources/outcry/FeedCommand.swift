import ArgumentParser
import Foundation
import OutcryCore
import OutcryFeeds

/// `outcry feed …` — work with one feed.
struct FeedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "feed", abstract: "Parse and inspect feeds.",
                                                    subcommands: [FeedParseCommand.self])
}

/// `outcry feed parse FILE --json` — one feed to feedparser-style JSON.
struct FeedParseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "parse", abstract: "Parse one feed file and print it as JSON.")

    @Argument(help: "Feed file.") var file: String
    @Flag(help: "Print JSON (feedparser's key names).") var json = false
    @Option(name: .customLong("content-type"), help: "HTTP Content-Type the feed came with (its charset wins).") var contentType: String?
    @Option(name: .customLong("base-url"), help: "Base URL for relative links.") var baseURL: String?
    @Option(name: .customLong("content-language"), help: "HTTP Content-Language.") var contentLanguage: String?

    func run() async throws {
        let data = try JSONLines.read(file)
        let feed = try FeedParser.parse(data, source: file, contentType: contentType)
        let object = FeedJSON.object(feed, defaultLanguage: contentLanguage)
        let out = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        FileHandle.standardOutput.write(out)
        FileHandle.standardOutput.write(Data("\n".utf8))
    }
}

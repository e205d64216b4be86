import ArgumentParser
import Foundation
import OutcryCore
import OutcryFeeds
import OutcryHTTP

/// `outcry feed …` — work with one feed.
struct FeedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "feed", abstract: "Parse and inspect feeds.",
                                                    subcommands: [FeedParseCommand.self])
}

/// `outcry feed parse FILE --json` — one feed to feedparser-style JSON.
struct FeedParseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "parse", abstract: "Parse one feed file and print it as JSON.")

    @Argument(help: "Feed file, or an http(s) URL to fetch.") var file: String
    @Flag(help: "Print JSON (feedparser's key names).") var json = false
    @Option(name: .customLong("content-type"), help: "HTTP Content-Type the feed came with (its charset wins).") var contentType: String?
    @Option(name: .customLong("base-url"), help: "Base URL for relative links.") var baseURL: String?
    @Option(name: .customLong("content-language"), help: "HTTP Content-Language.") var contentLanguage: String?

    func run() async throws {
        var data: Data
        var type = contentType
        if file.hasPrefix("http://") || file.hasPrefix("https://") {
            let response = try await HTTPFetcher().fetch(FetchRequest(url: file))
            guard (200..<300).contains(response.status) else {
                throw RuntimeError("feeds: \(HTTPFetcher.host(file)): HTTP \(response.status)")
            }
            data = response.body
            type = type ?? response.headers["content-type"]
        } else {
            data = try JSONLines.read(file)
        }
        let feed = try FeedParser.parse(data, source: file, contentType: type, baseURL: baseURL ?? (file.hasPrefix("http") ? file : nil))
        var out = FeedJSON.utf8(feed, defaultLanguage: contentLanguage)
        out.append(0x0A)
        StandardOutput.write(bytes: out)
    }
}

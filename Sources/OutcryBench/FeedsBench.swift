import Foundation
import OutcryCore
import OutcryFeeds
import OutcryXML

/// `outcry-bench feeds FILE [RUNS]`: parses one feed file RUNS times in one process and reports
/// the fastest and the median run of each stage — the XML tree alone, the whole parse (encoding,
/// tree, feed fields, sanitizing, dates) and the feedparser-style JSON — without process start-up.
/// The minimum is the figure to compare between builds on a noisy machine.
enum FeedsBench {
    static func run(path: String, runs: Int) throws {
        let data = try JSONLines.read(path)
        let bytes = Array(data)
        var tree: [Double] = [], parse: [Double] = [], json: [Double] = []
        var items = 0, outBytes = 0
        let clock = ContinuousClock()
        for _ in 0..<runs {
            tree.append(clock.measure { _ = try? XMLParser.parse(bytes) }.milliseconds)
            var feed: ParsedFeed?
            parse.append(try clock.measure { feed = try FeedParser.parse(data, source: path) }.milliseconds)
            items = feed?.entries.count ?? 0
            json.append(clock.measure { outBytes = FeedJSON.utf8(feed!).count }.milliseconds)
        }
        let mb = Double(data.count) / 1e6
        print(String(format: "%@: %.1f MB, %d items, %d runs; JSON %.1f MB; RSS %.0f MB", (path as NSString).lastPathComponent,
                     mb, items, runs, Double(outBytes) / 1e6, residentMegabytes()))
        for (name, times) in [("XML tree", tree), ("parse", parse), ("JSON", json), ("parse + JSON", zip(parse, json).map { $0 + $1 })] {
            let sorted = times.sorted()
            let label = "  " + name.padding(toLength: 13, withPad: " ", startingAt: 0)
            print(label + String(format: " min %7.1f ms (%5.1f MB/s)   median %7.1f ms", sorted[0], mb / sorted[0] * 1000,
                                 sorted[sorted.count / 2]))
        }
    }
}

import Foundation

/// Benchmarks that need the library rather than the CLI (`make bench` runs them):
///
///     outcry-bench linking TICKETS.jsonl SPIKES.jsonl
///     outcry-bench alerts RECEIVER_URL NOTIFICATIONS
///     outcry-bench dashboard TOPICS OPEN_SPIKES [DB]      (DB: an empty postgres:// database; default an SQLite file)
///     outcry-bench history CLOSED_SPIKES [DB]
///     outcry-bench feeds FILE [RUNS]
///     outcry-bench baseline [--labels NAB_LABELS.json] SERIES.csv…
///     outcry-bench warmup POSTS
@main
struct OutcryBench {
    static func main() async throws {
        let args = CommandLine.arguments
        if args.count == 4, args[1] == "linking" {
            try LinkingBench.run(args)
        } else if args.count == 4, args[1] == "alerts", let n = Int(args[3]) {
            try await AlertsBench.run(url: args[2], notifications: n)
        } else if (4...5).contains(args.count), args[1] == "dashboard", let topics = Int(args[2]), let spikes = Int(args[3]), spikes <= topics {
            try DashboardBench.run(topics: topics, openSpikes: spikes, location: args.count == 5 ? args[4] : nil)
        } else if (3...4).contains(args.count), args[1] == "history", let spikes = Int(args[2]), spikes >= 0 {
            try HistoryBench.run(history: spikes, location: args.count == 4 ? args[3] : nil)
        } else if (3...4).contains(args.count), args[1] == "feeds", let runs = args.count == 4 ? Int(args[3]) : 10, runs > 0 {
            try FeedsBench.run(path: args[2], runs: runs)
        } else if args.count == 3, args[1] == "warmup", let n = Int(args[2]), n > 0 {
            try await WarmUpBench.run(posts: n)
        } else if args.count >= 3, args[1] == "baseline" {
            try BaselineBench.run(arguments: Array(args.dropFirst(2)))
        } else {
            FileHandle.standardError.write(Data("usage: outcry-bench linking TICKETS.jsonl SPIKES.jsonl | alerts RECEIVER_URL N | dashboard TOPICS OPEN_SPIKES [DB] | history CLOSED_SPIKES [DB] | feeds FILE [RUNS] | baseline [--labels FILE] SERIES.csv… | warmup POSTS\n".utf8))
            exit(2)
        }
    }
}

/// Resident set size in MB (from /proc/self/status).
func residentMegabytes() -> Double {
    guard let s = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = s.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
          let kb = Double(line.split(separator: " ").dropFirst().first ?? "") else { return 0 }
    return kb / 1024
}

extension Duration {
    /// The duration in milliseconds and in seconds, as the benchmarks print them.
    var milliseconds: Double { Double(components.seconds) * 1000 + Double(components.attoseconds) / 1e15 }
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

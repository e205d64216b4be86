import Foundation
import OutcryCore
import OutcryLinking

/// `outcry-bench linking TICKETS.jsonl SPIKES.jsonl`: builds the ticket index (time, memory),
/// then links each spike as of its last post and reports latency percentiles and where the
/// spike's originating ticket ranked. With `OUTCRY_BENCH_LINKS=FILE`, every spike's links (ticket,
/// score, reasons) are written there, one line each, to compare two builds' answers.
enum LinkingBench {
    static func run(_ args: [String]) throws {
        let tickets = try TicketReader.readJSONL(path: args[2])
        let rssBefore = residentMegabytes()
        let clock = ContinuousClock()
        var linker = EvidenceLinker(utcOffset: 8 * 3600)
        let build = clock.measure { for t in tickets.sorted(by: { $0.createdAt < $1.createdAt }) { linker.add(t) } }
        let rssAfter = residentMegabytes()
        var latencies: [Double] = []
        var ranks: [Int?] = []
        var written = ""
        for (number, line) in JSONLines.lines(of: try JSONLines.read(args[3])) {
            let f = try JSONFields.parseLine(line, file: args[3], line: number)
            var posts: [Post] = []
            for (i, raw) in (try f.array("posts") ?? []).enumerated() { posts.append(try Post(fields: f.nested(raw, path: "posts[\(i)]"))) }
            let start = try f.date("start")
            let terms = (try f.array("top_terms") ?? []).compactMap { if case .string(let s) = $0 { s } else { nil } }
            let spike = Spike(id: try f.string("id"), topic: "bench", start: start, detectedAt: posts.last?.createdAt ?? start,
                              severity: .warning, score: 10, volume: posts.count, baseline: 1, negativeShare: 0.5, reach: 1, topTerms: terms)
            var links: [LinkedTicket] = []
            let elapsed = clock.measure { links = linker.link(spike, posts: SpikeEvidence.select(posts), at: spike.detectedAt, limit: 10) }
            latencies.append(elapsed.milliseconds)
            let origin = try f.string("origin")
            ranks.append(links.firstIndex { $0.id == origin }.map { $0 + 1 })
            for l in links { written += "\(spike.id)\t\(l.id)\t\(l.score)\t\(l.reasons.joined(separator: " | "))\n" }
        }
        if let path = ProcessInfo.processInfo.environment["OUTCRY_BENCH_LINKS"] {
            try written.write(toFile: path, atomically: true, encoding: .utf8)
        }
        latencies.sort()
        func percentile(_ p: Double) -> Double { latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))] }
        let buildSeconds = build.seconds
        print(String(format: "tickets %d · index build %.1f s (%.0f tickets/s) · memory +%.0f MB (RSS %.0f MB)",
                     tickets.count, buildSeconds, Double(tickets.count) / buildSeconds, rssAfter - rssBefore, rssAfter))
        print(String(format: "spikes %d · link latency p50 %.1f ms · p99 %.1f ms · max %.1f ms", latencies.count, percentile(0.5),
                     percentile(0.99), latencies.last ?? 0))
        print("origin ticket: first for \(ranks.filter { $0 == 1 }.count)/\(ranks.count) spikes, top 3 for \(ranks.filter { ($0 ?? 99) <= 3 }.count)/\(ranks.count)")
    }
}

import Foundation
import OutcryCore
import OutcryPipeline
import OutcryStorage

/// `outcry-bench warmup POSTS`: what a restarted `outcry run` spends relearning its detector.
///
/// A store (SQLite, temporary directory) holds POSTS posts spread over the 8 days before now,
/// mixed Chinese and English, each mentioning one of 50 topics; then `Monitor.warmUp` reads and
/// re-scores them as `outcry run` does on start. Prints the time, the rate and the resident memory.
enum WarmUpBench {
    static func run(posts count: Int) async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("outcry-warmup-bench-\(getpid())").path
        try? FileManager.default.removeItem(atPath: dir)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = try SQLiteStore(path: dir + "/warmup.db")
        let now = Date()
        let topics = (0..<50).map { Topic(id: "t\($0)", name: "t\($0)", terms: [$0 % 2 == 0 ? "品牌\($0)" : "brand\($0)"]) }
        let texts = ["%@ 的快递今天到了，包装完好", "%@ customer service never answered my refund request",
                     "在%@买的枕头发错货了，客服说非质量问题不退货", "Loving the new %@ app, checkout is quick"]
        let step = 8 * 86_400 / Double(count)
        var batch = StoreBatch()
        for i in 0..<count {
            let topic = topics[i % topics.count]
            let text = String(format: texts[i % texts.count], topic.terms[0]) + " #\(i)"
            batch.posts.append(Post(id: "w\(i)", source: "bench", author: "u\(i % 5_000)", followers: i % 1_000, text: text,
                                    url: "https://weibo.com/\(i % 5_000)/w\(i)?from=page_1005", createdAt: now.addingTimeInterval(-8 * 86_400 + Double(i) * step)))
            if batch.posts.count == 50_000 {
                try store.commit(batch)
                batch = StoreBatch()
            }
        }
        try store.commit(batch)
        let clock = ContinuousClock()
        var read = 0
        let reading = try clock.measure {
            var after: (createdAt: Date, id: String)?
            while true {
                let page = try store.posts(from: now.addingTimeInterval(-8 * 86_400), to: now, after: after, limit: 5_000)
                read += page.count
                guard page.count == 5_000, let last = page.last else { break }
                after = (last.createdAt, last.id)
            }
        }
        print(String(format: "reading alone: %d posts in %.2f s", read, reading.seconds))
        let monitor = Monitor(topics: topics, tickets: [], store: store, notifiers: [], clock: SystemClock(), utcOffset: 0)
        var relearned = 0
        let elapsed = try await clock.measure { relearned = try await monitor.warmUp(until: now) }
        print(String(format: "warm-up: %d stored posts relearned in %.2f s (%.0f posts/s), RSS %.0f MB",
                     relearned, elapsed.seconds, Double(relearned) / elapsed.seconds, residentMegabytes()))
    }
}

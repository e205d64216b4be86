import Foundation
import OutcryCore
import OutcryPipeline
import OutcryStorage

/// `outcry-bench warmup POSTS`: what a restarted `outcry run` spends relearning its detector.
///
/// A store (SQLite, temporary directory) holds POSTS posts spread over the 8 days before now,
/// mixed Chinese and English, each mentioning one of 50 topics; then `Monitor.warmUp` reads and
/// re-scores them as `outcry run` does on start. Prints the time, the rate and the resident memory.
/// Then what a warm standby spends at takeover instead: the posts stored in the 5 seconds since
/// its last step, at the same rate, relearned by one more `warmUp` (which also re-reads the last
/// 15 minutes for posts stored late).
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

        let fresh = max(1, Int(5 / step))
        batch = StoreBatch()
        for j in 0..<fresh {
            let i = count + j, topic = topics[i % topics.count]
            batch.posts.append(Post(id: "w\(i)", source: "bench", author: "u\(i % 5_000)", text: String(format: texts[i % texts.count], topic.terms[0]),
                                    createdAt: now.addingTimeInterval(Double(j) * step)))
        }
        try store.commit(batch)
        var caughtUp = 0
        let takeover = try await clock.measure { caughtUp = try await monitor.warmUp(until: now.addingTimeInterval(5)) }
        print(String(format: "a warm standby taking over: %d posts stored in its last 5 s relearned in %.1f ms (%.0f posts of the last 15 min re-read)",
                     caughtUp, takeover.seconds * 1000, 900 / step))
    }
}

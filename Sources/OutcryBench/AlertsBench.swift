import Foundation
import OutcryAlerting
import OutcryCore
import OutcryStorage

/// `outcry-bench alerts RECEIVER_URL N`: the alerting path with SQLite as the store and a
/// signed generic webhook as the channel.
///
/// - Sustained delivery: N notifications committed to the outbox at once, then drained; the rate
///   is notifications acknowledged (2xx) by the receiver per second.
/// - Detection to delivery: 200 alerts one at a time, each through the router, the outbox commit
///   and delivery, timed from acceptance to the receiver's 2xx.
enum AlertsBench {
    static func run(url: String, notifications: Int) async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("outcry-alerts-bench-\(getpid())").path
        try? FileManager.default.removeItem(atPath: dir)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let secrets = Secrets(["BENCH_URL": url, "BENCH_SECRET": "whsec_" + Data("bench-secret".utf8).base64EncodedString()])
        let hook = WebhookNotifier(HTTPChannel(name: "default/webhook", url: .environment("BENCH_URL"), secretEnv: "BENCH_SECRET",
                                               transport: WebhookTransport(timeout: 10), secrets: secrets))
        let config = AlertingConfig.immediate(channels: [hook.channel])
        let clock = ContinuousClock()

        // Sustained delivery.
        let store = try SQLiteStore(path: dir + "/throughput.db")
        var router = AlertRouter(config: config)
        var batch = StoreBatch()
        let t0 = Date()
        for i in 0..<notifications {
            let a = alert(i, at: t0)
            batch.alerts.append(a)
            router.accept(a, labels: ["topic": a.topic, "severity": a.severity.rawValue, "spike": a.spikeID], at: t0)
        }
        for n in router.tick(at: t0) { batch.notifications.append((n, router.channels(of: n.receiver))) }
        batch.alertGroups = router.takeChanges()
        try store.commit(batch)
        let dispatcher = OutboxDispatcher(store: store, notifiers: [hook])
        var delivered = 0
        let drain = try await clock.measure {
            while delivered < notifications {
                let n = try await dispatcher.drain(at: Date())
                if n == 0 { break }
                delivered += n
            }
        }
        let seconds = drain.seconds
        print(String(format: "sustained: %d notifications delivered in %.2f s = %.0f notifications/s (concurrency %d, RSS %.0f MB)",
                     delivered, seconds, Double(delivered) / seconds, dispatcher.concurrency, residentMegabytes()))

        // Detection to delivery, one alert at a time.
        let live = try SQLiteStore(path: dir + "/latency.db")
        var liveRouter = AlertRouter(config: config)
        let liveDispatcher = OutboxDispatcher(store: live, notifiers: [hook])
        var latencies: [Double] = []
        for i in 0..<200 {
            let start = clock.now
            let now = Date()
            let a = alert(notifications + i, at: now)
            var b = StoreBatch()
            b.alerts = [a]
            liveRouter.accept(a, labels: ["topic": a.topic, "severity": a.severity.rawValue, "spike": a.spikeID], at: now)
            for n in liveRouter.tick(at: now) { b.notifications.append((n, liveRouter.channels(of: n.receiver))) }
            b.alertGroups = liveRouter.takeChanges()
            try live.commit(b)
            guard try await liveDispatcher.drain(at: now) == 1 else { throw BenchError.notDelivered(a.id) }
            let d = clock.now - start
            latencies.append(d.milliseconds)
        }
        latencies.sort()
        print(String(format: "detection to delivery: p50 %.1f ms, p99 %.1f ms, max %.1f ms over %d alerts",
                     latencies[latencies.count / 2], latencies[Int(Double(latencies.count) * 0.99)], latencies.last!, latencies.count))
    }

    enum BenchError: Error { case notDelivered(String) }

    static func alert(_ i: Int, at time: Date) -> Alert {
        let spike = Spike(id: "S-bench-\(i)", topic: "bench-\(i % 50)", start: time.addingTimeInterval(-1800), detectedAt: time,
                          severity: .warning, score: 9, volume: 120, baseline: 6, negativeShare: 0.6, reach: 1_000_000,
                          topTerms: ["无赖京东", "Contour U"], samplePosts: ["p\(i)"])
        return Alert(spike: spike, at: time, linkedTickets: [LinkedTicket(id: "TK-\(i)", score: 0.9, reasons: ["same order id 7723…"])])
    }
}

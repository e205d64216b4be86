import Foundation
import OutcryAlerting
import OutcryCore
import OutcryStorage
import Synchronization
import Testing

/// Several delivery workers share one outbox (`outcry alerts deliver` on more than one machine,
/// beside `outcry run`): each entry is sent once, and one a dead worker held is sent when its
/// hold runs out.
@Suite struct OutboxClaimTests {
    /// Counts what it sends, slowly enough that two workers overlap.
    final class SlowNotifier: Notifier {
        let channel = "webhook"
        let sent = Mutex<[String]>([])
        func deliver(_ delivery: Delivery) async -> DeliveryOutcome {
            try? await Task.sleep(nanoseconds: 1_000_000)
            sent.withLock { $0.append(delivery.idempotencyKey) }
            return .delivered
        }
    }

    /// The sample batch plus `count` more notifications of its alert, one outbox row each.
    static func batch(notifications count: Int) -> StoreBatch {
        var b = StoreTests.sampleBatch()
        let alert = b.alerts[0]
        b.notifications += (1...count).map { i in
            (AlertNotification(id: "N-many-\(i)", receiver: "pr", groupKey: "route|pr|topic=jd", groupLabels: ["topic": "jd"], kind: .firing,
                               alertIDs: [alert.id], newAlertIDs: [alert.id], createdAt: StoreTests.t0.addingTimeInterval(Double(i)), sequence: i + 1),
             ["webhook"])
        }
        return b
    }

    @Test(arguments: StoreBackend.sharable)
    func twoWorkersSendEachEntryOnce(_ backend: StoreBackend) async throws {
        let (a, b) = try backend.openTwice()
        try a.commit(Self.batch(notifications: 150))
        let notifierA = SlowNotifier(), notifierB = SlowNotifier()
        let now = StoreTests.t0.addingTimeInterval(3_600)
        async let sentByA = OutboxDispatcher(store: a, notifiers: [notifierA]).drain(at: now)
        async let sentByB = OutboxDispatcher(store: b, notifiers: [notifierB]).drain(at: now)
        let total = try await sentByA + sentByB
        let keys = notifierA.sent.withLock { $0 } + notifierB.sent.withLock { $0 }
        #expect(total == 151)
        #expect(keys.count == 151)
        #expect(Set(keys).count == 151, "an entry was sent twice")
        #expect(try a.outbox(status: .delivered).count == 151)
        #expect(try b.outbox(status: .pending).map(\.channel) == ["console"])   // no worker has that channel
    }

    /// A process that has certainly exited, named as a holder of this machine.
    static func deadWorkerHere() throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/true")
        try p.run()
        p.waitUntilExit()
        return WorkerIdentity(host: WorkerIdentity.current.host, pid: p.processIdentifier).description
    }

    @Test(arguments: StoreBackend.sharable)
    func anEntryAWorkerElsewhereHeldIsSentWhenItsHoldRunsOut(_ backend: StoreBackend) async throws {
        let (a, b) = try backend.openTwice()
        try a.commit(StoreTests.sampleBatch())
        // Holds are timed by the store's clock (the server's, for PostgreSQL): real time here.
        let claimed = Date()
        // A worker on another machine claims the webhook entry for 3 s and goes silent.
        #expect(try a.claimDueOutbox(at: claimed, channels: ["webhook"], limit: 10, lease: 3, worker: "elsewhere.example/4242").map(\.id) == ["N-1|webhook"])
        #expect(try b.outboxHolders(at: Date()) == ["elsewhere.example/4242"])
        let notifier = SlowNotifier()
        let worker = OutboxDispatcher(store: b, notifiers: [notifier])
        #expect(try await worker.drain(at: Date()) == 0)
        try await Task.sleep(for: .seconds(max(0, claimed.addingTimeInterval(3.2).timeIntervalSinceNow)))
        #expect(try await worker.drain(at: Date()) == 1)
        #expect(notifier.sent.withLock { $0 } == ["N-1|webhook"])
        // Delivered entries are nobody's and never claimed again.
        #expect(try a.outboxHolders(at: Date()).isEmpty)
        #expect(try a.claimDueOutbox(at: Date().addingTimeInterval(10_000), channels: ["webhook"], limit: 10, lease: 300, worker: "w").isEmpty)
    }

    /// Workers on several machines share a PostgreSQL outbox: one whose clock runs ten minutes
    /// fast must not see another's two-minute hold as run out and send the entry again.
    @Test(.enabled(if: StoreBackend.postgresURL != nil, "needs the PostgreSQL server `make test` starts"))
    func aWorkerWhoseClockRunsFastDoesNotTakeAHeldEntry() async throws {
        let (a, b) = try StoreBackend.postgres.openTwice()
        try a.commit(StoreTests.sampleBatch())
        #expect(try a.claimDueOutbox(at: Date(), channels: ["webhook"], limit: 10, lease: 120, worker: "steady.example/1").count == 1)
        let fast = Date().addingTimeInterval(600)
        #expect(try b.outboxHolders(at: fast) == ["steady.example/1"])
        #expect(try b.claimDueOutbox(at: fast, channels: ["webhook"], limit: 10, lease: 120, worker: "fast.example/2").isEmpty)
        let notifier = SlowNotifier()
        #expect(try await OutboxDispatcher(store: b, notifiers: [notifier]).drain(at: fast) == 0)
        #expect(notifier.sent.withLock { $0 }.isEmpty)
    }

    /// A worker killed mid-send on this machine (a crash, an OOM kill) holds nothing: restarted,
    /// the next one sends its entries at once rather than when the hold would have run out.
    @Test(arguments: StoreBackend.sharable)
    func entriesADeadWorkerOfThisMachineHeldAreSentAtOnce(_ backend: StoreBackend) async throws {
        let (a, b) = try backend.openTwice()
        try a.commit(StoreTests.sampleBatch())
        let now = StoreTests.t0.addingTimeInterval(60)
        let dead = try Self.deadWorkerHere()
        #expect(try a.claimDueOutbox(at: now, channels: ["webhook"], limit: 10, lease: 300, worker: dead).count == 1)
        // This very process holding entries is alive, whatever it claimed.
        #expect(try a.claimDueOutbox(at: now, channels: ["console"], limit: 10, lease: 300, worker: WorkerIdentity.current.description).count == 1)
        let notifier = SlowNotifier()
        #expect(try await OutboxDispatcher(store: b, notifiers: [notifier]).drain(at: now) == 1)
        #expect(notifier.sent.withLock { $0 } == ["N-1|webhook"])
        #expect(try b.outboxHolders(at: now) == [WorkerIdentity.current.description])
    }

    @Test func workerIdentityReadsWhatItWrites() {
        let w = WorkerIdentity(host: "ip-10-0-0-7.ec2.internal", pid: 31_337)
        #expect(WorkerIdentity(w.description) == w)
        #expect(WorkerIdentity("no pid here") == nil)
        #expect(!w.isGoneFromThisHost || w.host == WorkerIdentity.current.host)
        #expect(!WorkerIdentity.current.isGoneFromThisHost)
    }
}

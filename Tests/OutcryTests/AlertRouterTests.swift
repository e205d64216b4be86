import Foundation
import OutcryAlerting
import OutcryCore
import OutcryStorage
import Testing

/// Routing semantics under a manual clock: grouping, waits, repeats, upgrades, silences,
/// inhibition, acknowledgements, escalation, and a restart in the middle.
@Suite struct AlertRouterTests {
    static let t0 = Timestamp.parse("2018-03-14T10:00:00+08:00")!

    static func config(repeatInterval: TimeInterval = 3600, escalateAfter: TimeInterval? = nil) -> AlertingConfig {
        var route = Route(receiver: "pr")
        route.groupBy = ["topic"]
        route.groupWait = 30
        route.groupInterval = 300
        route.repeatInterval = repeatInterval
        if let escalateAfter { route.escalation = .init(after: escalateAfter, receiver: "lead") }
        var pr = Receiver(name: "pr")
        pr.channels = [ChannelConfig(type: .console, name: "pr/console")]
        var lead = Receiver(name: "lead")
        lead.channels = [ChannelConfig(type: .console, name: "lead/console")]
        let inhibit = try! InhibitRule(source: [LabelMatcher.parse("severity=critical")], target: [LabelMatcher.parse("severity=~watch|warning")],
                                       equal: ["brand"])
        return AlertingConfig(rules: [AlertRule(name: "all")], route: route, receivers: [pr, lead], inhibitRules: [inhibit])
    }

    static func alert(_ spike: String, topic: String, _ severity: Severity, at minutes: Double) -> Alert {
        let s = Spike(id: spike, topic: topic, start: t0, detectedAt: t0.addingTimeInterval(minutes * 60), severity: severity, score: 5,
                      volume: 40, baseline: 3, negativeShare: 0.6, reach: 1000, topTerms: [], samplePosts: [])
        return Alert(spike: s, at: t0.addingTimeInterval(minutes * 60), linkedTickets: [])
    }

    static func at(_ minutes: Double) -> Date { t0.addingTimeInterval(minutes * 60) }

    func accept(_ r: inout AlertRouter, _ a: Alert, brand: String = "jd") {
        let spike = Spike(id: a.spikeID, topic: a.topic, start: a.spikeStart, detectedAt: a.detectedAt, severity: a.severity, score: 5,
                          volume: 40, baseline: 3, negativeShare: 0.6, reach: 1000, topTerms: [], samplePosts: [])
        var labels = r.admit(spike, at: a.detectedAt)!
        labels["brand"] = brand
        r.accept(a, labels: labels, at: a.detectedAt)
    }

    @Test func groupWaitGathersThenIntervalThenRepeat() {
        var r = AlertRouter(config: Self.config())
        accept(&r, Self.alert("S-a", topic: "jd-pillow", .watch, at: 0))
        #expect(r.tick(at: Self.at(0.2)).isEmpty, "group_wait: 30 s")
        accept(&r, Self.alert("S-b", topic: "jd-pillow", .watch, at: 0.3))   // same topic: same group
        let first = r.tick(at: Self.at(0.5))
        #expect(first.count == 1 && first[0].alertIDs.count == 2 && first[0].kind == .firing && first[0].sequence == 1)
        accept(&r, Self.alert("S-c", topic: "jd-pillow", .watch, at: 1))
        #expect(r.tick(at: Self.at(3)).isEmpty, "group_interval: 5 min since the last notification")
        let second = r.tick(at: Self.at(5.6))
        #expect(second.map(\.newAlertIDs) == [[Self.alert("S-c", topic: "", .watch, at: 0).id]])
        #expect(r.tick(at: Self.at(30)).isEmpty)
        let reminder = r.tick(at: Self.at(66))
        #expect(reminder.map(\.kind) == [.reminder] && reminder[0].alertIDs.count == 3 && reminder[0].newAlertIDs.isEmpty)
        // Another topic is another group.
        accept(&r, Self.alert("S-d", topic: "tb-shoes", .watch, at: 70))
        #expect(r.tick(at: Self.at(70.6)).map { $0.groupLabels["topic"] } == ["tb-shoes"])
    }

    @Test func severityUpgradeNotifiesAtOnce() {
        var r = AlertRouter(config: Self.config())
        accept(&r, Self.alert("S-a", topic: "jd-pillow", .watch, at: 0))
        #expect(r.tick(at: Self.at(1)).count == 1)
        accept(&r, Self.alert("S-a", topic: "jd-pillow", .warning, at: 2))
        let n = r.tick(at: Self.at(2))
        #expect(n.count == 1, "an upgrade does not wait for group_interval")
        #expect(n.first?.alertIDs == ["A-a-warning"] && n.first?.newAlertIDs == ["A-a-warning"])
    }

    @Test func acknowledgedAlertsStopReminding() {
        var r = AlertRouter(config: Self.config())
        accept(&r, Self.alert("S-a", topic: "jd-pillow", .warning, at: 0))
        #expect(r.tick(at: Self.at(1)).count == 1)
        r.update(acknowledged: ["A-a-warning"], silences: [])
        #expect(r.tick(at: Self.at(200)).isEmpty)
        // A new alert in the group still notifies.
        accept(&r, Self.alert("S-b", topic: "jd-pillow", .watch, at: 201))
        #expect(r.tick(at: Self.at(207)).map(\.newAlertIDs) == [["A-b-watch"]])
    }

    @Test func silencesMuteUntilTheyExpire() {
        var r = AlertRouter(config: Self.config(repeatInterval: 0))
        r.update(acknowledged: [], silences: [Silence(id: "SIL-1", matchers: ["topic=~\"jd-.*\""], startsAt: Self.at(-1), endsAt: Self.at(60),
                                                      author: "alice", comment: "known: shipping delay, statement out")])
        accept(&r, Self.alert("S-a", topic: "jd-pillow", .warning, at: 0))
        accept(&r, Self.alert("S-b", topic: "tb-shoes", .warning, at: 0))
        #expect(r.tick(at: Self.at(1)).map { $0.groupLabels["topic"] } == ["tb-shoes"])
        #expect(r.tick(at: Self.at(59)).isEmpty)
        #expect(r.tick(at: Self.at(61)).map { $0.groupLabels["topic"] } == ["jd-pillow"], "delivered once the silence ends")
    }

    @Test func criticalInhibitsWarningsWithTheSameBrand() {
        var r = AlertRouter(config: Self.config())
        accept(&r, Self.alert("S-a", topic: "jd-pillow", .critical, at: 0), brand: "jd")
        accept(&r, Self.alert("S-b", topic: "jd-logistics", .warning, at: 0), brand: "jd")
        accept(&r, Self.alert("S-c", topic: "tb-shoes", .warning, at: 0), brand: "tb")
        let sent = r.tick(at: Self.at(1)).flatMap(\.alertIDs)
        #expect(Set(sent) == ["A-a-critical", "A-c-warning"])
        r.resolve(spikeID: "S-a")
        #expect(r.tick(at: Self.at(2)).flatMap(\.alertIDs) == ["A-b-warning"], "released when the critical ends")
    }

    @Test func unacknowledgedWarningEscalatesOnce() {
        var r = AlertRouter(config: Self.config(repeatInterval: 0, escalateAfter: 600))
        accept(&r, Self.alert("S-a", topic: "jd-pillow", .warning, at: 0))
        accept(&r, Self.alert("S-w", topic: "tb-shoes", .watch, at: 0))
        #expect(r.tick(at: Self.at(1)).allSatisfy { $0.receiver == "pr" })
        #expect(r.tick(at: Self.at(10)).isEmpty)
        let e = r.tick(at: Self.at(11.5))
        #expect(e.map(\.receiver) == ["lead"] && e.first?.kind == .escalation && e.first?.alertIDs == ["A-a-warning"], "watch never escalates")
        #expect(r.tick(at: Self.at(30)).isEmpty, "once")
        // Acknowledged in time: no escalation.
        var r2 = AlertRouter(config: Self.config(repeatInterval: 0, escalateAfter: 600))
        accept(&r2, Self.alert("S-a", topic: "jd-pillow", .warning, at: 0))
        _ = r2.tick(at: Self.at(1))
        r2.update(acknowledged: ["A-a-warning"], silences: [])
        #expect(r2.tick(at: Self.at(20)).isEmpty)
    }

    @Test func restartNeitherLosesAPendingGroupNorRepeatsASentOne() throws {
        let store = try SQLiteStore(path: ":memory:")
        var r = AlertRouter(config: Self.config())
        accept(&r, Self.alert("S-a", topic: "jd-pillow", .warning, at: 0))
        accept(&r, Self.alert("S-b", topic: "tb-shoes", .warning, at: 0))
        _ = r.tick(at: Self.at(0.1))   // nothing due yet
        var batch = StoreBatch()
        batch.alertGroups = r.takeChanges()
        try store.commit(batch)
        // "Crash" here, restart from the store.
        var restarted = AlertRouter(config: Self.config())
        restarted.restore(try store.alertGroups())
        let sent = restarted.tick(at: Self.at(1))
        #expect(sent.count == 2, "the pending groups survived")
        batch = StoreBatch()
        batch.alertGroups = restarted.takeChanges()
        try store.commit(batch)
        var again = AlertRouter(config: Self.config())
        again.restore(try store.alertGroups())
        #expect(again.tick(at: Self.at(2)).isEmpty, "and what was sent is not sent again")
    }

    @Test func rulesDecideWhichSpikesAlert() {
        var config = Self.config()
        var quiet = AlertRule(name: "night")
        quiet.topics = ["jd-*"]
        quiet.minVolume = 10
        quiet.quietHours = QuietHours(from: 23 * 60, to: 7 * 60, utcOffset: 8 * 3600)
        config.rules = [quiet]
        let r = AlertRouter(config: config)
        func spike(_ topic: String, _ severity: Severity, volume: Int) -> Spike {
            Spike(id: "S-x", topic: topic, start: Self.t0, detectedAt: Self.t0, severity: severity, score: 5, volume: volume, baseline: 2,
                  negativeShare: 0.5, reach: 10, topTerms: [], samplePosts: [])
        }
        let night = Timestamp.parse("2018-03-14T02:00:00+08:00")!
        #expect(r.admit(spike("jd-pillow", .warning, volume: 40), at: Self.t0)?["rule"] == "night")
        #expect(r.admit(spike("jd-pillow", .warning, volume: 5), at: Self.t0) == nil, "below min_volume")
        #expect(r.admit(spike("tb-shoes", .critical, volume: 40), at: Self.t0) == nil, "no rule for the topic")
        #expect(r.admit(spike("jd-pillow", .warning, volume: 40), at: night) == nil, "quiet hours")
        #expect(r.admit(spike("jd-pillow", .critical, volume: 40), at: night) != nil, "critical still alerts at night")
    }
}

import Foundation
import OutcryCore
import OutcryDashboard
import OutcryStorage
import OutcryTimeline
import Testing

@Suite struct EscapingTests {
    static let hostile = "<script>alert(1)</script> [click](http://evil) | **bold** \u{1B}[31mred\u{202E}txet"

    @Test func markdownTimelineEscapesPostText() {
        let spike = Spike(id: "S-jd-1", topic: "jd", start: Date(timeIntervalSince1970: 0), detectedAt: Date(timeIntervalSince1970: 60),
                          severity: .warning, score: 9, volume: 10, baseline: 1, negativeShare: 0.5, reach: 10)
        let t = Timeline(spike: spike, entries: [TimelineEntry(at: Date(timeIntervalSince1970: 0), kind: .influencer, text: Self.hostile)],
                         firstTicketAt: nil, firstPublicPostAt: nil, totalReach: 10)
        let md = TimelineRenderer.markdown(t, utcOffset: 0)
        #expect(!md.contains("<script>"))
        #expect(md.contains("&lt;script"))
        #expect(md.contains("\\[click\\]\\(http://evil\\)"))
        #expect(md.contains("\\| \\*\\*bold\\*\\*"))
        #expect(!md.contains("\u{1B}") && !md.contains("\u{202E}"))
        let text = TimelineRenderer.text(t, utcOffset: 0)
        #expect(!text.contains("\u{1B}") && !text.contains("\u{202E}"))
        let html = TimelineRenderer.html(t, utcOffset: 0)
        #expect(!html.contains("<script") && html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!html.contains("\u{1B}") && !html.contains("\u{202E}"))
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("<svg") && !html.contains("http://evil\""))
        let json = TimelineRenderer.json(t)
        #expect(!json.contains("\u{1B}") && !json.contains("\u{202E}"))
        let decoded = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        let entries = decoded?["entries"] as? [[String: Any]]
        #expect((entries?.first?["text"] as? String)?.contains("<script>alert(1)</script>") == true)
    }
}

/// Timeline pieces that the demo does not exercise.
@Suite struct TimelineEntryTests {
    @Test func firstComplaintPostIsItsOwnMomentWhenItIsNotTheFirstPost() throws {
        let t0 = Timestamp.parse("2018-03-10T10:00:00+08:00")!
        let store = try SQLiteStore(path: ":memory:")
        var b = StoreBatch()
        b.posts = [Post(id: "p1", source: "w", author: "fan", text: "买了个枕头", createdAt: t0),
                   Post(id: "p2", source: "w", author: "buyer", followers: 287, text: "发错货还不给退，太坑了", createdAt: t0.addingTimeInterval(3600)),
                   Post(id: "p3", source: "w", author: "other", text: "枕头到了", createdAt: t0.addingTimeInterval(5400))]
        b.mentions = [("p1", "t", false), ("p2", "t", true), ("p3", "t", false)]
        let spike = Spike(id: "S-t-1", topic: "t", start: t0.addingTimeInterval(7200), detectedAt: t0.addingTimeInterval(7200), severity: .warning,
                          score: 5, volume: 20, baseline: 2, negativeShare: 0.5, reach: 300, topTerms: [], samplePosts: [])
        b.spikes = [spike]
        try store.commit(b)
        let timeline = try Timeline.build(spike: spike, topic: nil, store: store)
        let complaint = try #require(timeline.entries.first { $0.kind == .firstComplaint })
        #expect(complaint.at == t0.addingTimeInterval(3600) && complaint.text.contains("@buyer (287 followers)"))
        #expect(TimelineRenderer.markdown(timeline, utcOffset: 0).contains("first_complaint"))
    }

    /// The case begins with its earliest ticket, in whatever order its links are stored: a post
    /// naming it between the original ticket and a later complaint listed first is the story's
    /// first public post.
    @Test func firstPublicPostIsLookedForFromTheChainsEarliestTicket() throws {
        let t0 = Timestamp.parse("2018-03-06T10:00:00+08:00")!, day = 86_400.0
        let store = try SQLiteStore(path: ":memory:")
        var b = StoreBatch()
        b.tickets = [Ticket(id: "TK-1", createdAt: t0, status: .closed, subject: "收到的是 Contour U", body: "买的 Comfort U 护腰枕"),
                     Ticket(id: "TK-2", createdAt: t0.addingTimeInterval(2 * day), status: .open, subject: "投诉商家发错货", body: "Comfort U 发成 Contour U")]
        b.posts = [Post(id: "p1", source: "w", author: "buyer", text: "买的 Comfort U 收到 Contour U，不给退", createdAt: t0.addingTimeInterval(day)),
                   Post(id: "p2", source: "w", author: "other", text: "京东的枕头", createdAt: t0.addingTimeInterval(3 * day))]
        b.mentions = [("p1", "jd", true), ("p2", "jd", false)]
        let spike = Spike(id: "S-jd-1", topic: "jd", start: t0.addingTimeInterval(4 * day), detectedAt: t0.addingTimeInterval(4 * day),
                          severity: .warning, score: 9, volume: 30, baseline: 3, negativeShare: 0.5, reach: 3000)
        b.spikes = [spike]
        b.links = [("S-jd-1", [LinkedTicket(id: "TK-2", score: 0.9, reasons: []), LinkedTicket(id: "TK-1", score: 0.8, reasons: ["same case as TK-2"])])]
        try store.commit(b)
        let timeline = try Timeline.build(spike: spike, topic: nil, store: store)
        let first = try #require(timeline.entries.first { $0.kind == .firstPost })
        #expect(first.text.contains("@buyer"), "\(first)")
        #expect(timeline.metrics.firstTicketToFirstPost == day)
    }

    /// A Chinese case has no Latin model name or order number in its posts: the first public post
    /// is the first topic post using one of the spike's emerging terms that its ticket also used
    /// — not the last post before the spike — found up to detection, since a spike's start (its
    /// first bucket's first post) can come before the case's first post.
    @Test func firstPublicPostOfAChineseCaseIsFoundThroughTheSpikesTerms() throws {
        let t0 = Timestamp.parse("2023-09-13T10:00:00+08:00")!
        let store = try SQLiteStore(path: ":memory:")
        var b = StoreBatch()
        b.tickets = [Ticket(id: "SD-1", createdAt: t0, status: .solved, subject: "餐里吃出钢丝球碎片", body: "点的黄焖鸡吃出一块钢丝球碎片，要求商家给说法。")]
        b.posts = [Post(id: "p1", source: "w", author: "fan", text: "速达外卖今天好快", createdAt: t0.addingTimeInterval(1800)),
                   Post(id: "p2", source: "w", author: "diner", followers: 830, text: "在速达外卖点的黄焖鸡吃出钢丝球碎片！", createdAt: t0.addingTimeInterval(3600)),
                   Post(id: "p3", source: "w", author: "other", text: "速达外卖红包到账", createdAt: t0.addingTimeInterval(5 * 3600))]
        b.mentions = [("p1", "suda", false), ("p2", "suda", true), ("p3", "suda", false)]
        let spike = Spike(id: "S-suda-1", topic: "suda", start: t0.addingTimeInterval(1800), detectedAt: t0.addingTimeInterval(6 * 3600),
                          severity: .warning, score: 9, volume: 30, baseline: 3, negativeShare: 0.5, reach: 3000,
                          topTerms: ["吃出", "5", "不管"], samplePosts: [])
        b.spikes = [spike]
        b.links = [("S-suda-1", [LinkedTicket(id: "SD-1", score: 0.7, reasons: ["shares '钢丝球' with the spike's posts"])])]
        try store.commit(b)
        let timeline = try Timeline.build(spike: spike, topic: nil, store: store)
        let first = try #require(timeline.entries.first { $0.kind == .firstPost })
        #expect(first.at == t0.addingTimeInterval(3600) && first.text.contains("@diner"), "\(first)")
        // Opened before the diner posted (its detectedAt is a later escalation): a post after the
        // opening is not the story's first public post.
        var early = StoreBatch()
        early.spikeEvents = [SpikeEvent(spikeID: "S-suda-1", at: t0.addingTimeInterval(2400), kind: .opened, severity: .watch, volume: 8)]
        try store.commit(early)
        let rebuilt = try Timeline.build(spike: spike, topic: nil, store: store)
        #expect(rebuilt.entries.first { $0.kind == .firstPost }.map { $0.at <= t0.addingTimeInterval(2400) } == true)
    }

    /// A step says the complaints that took it beside its volume: a busy brand's critical can
    /// come at a volume that looks ordinary. A step stored before complaints were kept says its
    /// volume alone, not "0 complaints", and its alert says them instead.
    @Test func aSpikesStepsSayTheirComplaintsBesideTheirVolume() throws {
        let store = try SQLiteStore(path: ":memory:")
        var b = StoreTests.sampleBatch()
        var spike = b.spikes[0]
        (spike.severity, spike.volume, spike.negativeShare, spike.usualComplaints) = (.critical, 640, 0.2, 31.5)
        b.spikeEvents = [SpikeEvent(spikeID: spike.id, at: StoreTests.t0, kind: .opened, severity: .watch, volume: 2),
                         .step(.escalated, of: spike, at: StoreTests.t0.addingTimeInterval(5_400))]
        b.alerts.append(Alert(spike: spike, at: StoreTests.t0.addingTimeInterval(5_400), linkedTickets: []))
        try store.commit(b)
        let timeline = try Timeline.build(spike: spike, topic: nil, store: store)
        let texts = timeline.entries.filter { [.spikeOpened, .severity, .alert].contains($0.kind) }.map(\.text)
        // Each alert says the complaints only where its step did not: the timeline says a thing once.
        #expect(texts == ["Spike opened at watch (2 mentions in 30 min)",
                          "Alert watch sent; complaints 1 vs 0.2 usual; top ticket TK-1",
                          "Severity raised to critical (640 mentions in 30 min; complaints 128 vs 31.5 usual)",
                          "Alert critical sent"])
    }

    /// The peak says what the loudest half hour held in complaints, closed or still open; a peak
    /// stored before peaks kept them says its volume alone.
    @Test func aSpikesPeakSaysItsComplaints() throws {
        for (state, complaints, expected) in [(Spike.State.closed, 300, "Peak: 412 mentions in 30 min; complaints 300 vs 4.5 usual"),
                                              (.open, 300, "Peak so far: 412 mentions in 30 min; complaints 300 vs 4.5 usual"),
                                              (.closed, nil, "Peak: 412 mentions in 30 min")] as [(Spike.State, Int?, String)] {
            let store = try SQLiteStore(path: ":memory:")
            var b = StoreTests.sampleBatch()
            var spike = b.spikes[0]
            (spike.state, spike.peakVolume, spike.peakAt) = (state, 412, StoreTests.t0.addingTimeInterval(3_600))
            (spike.peakComplaints, spike.peakUsualComplaints) = (complaints, complaints.map { _ in 4.5 })
            if state == .closed {
                spike.closedAt = StoreTests.t0.addingTimeInterval(7_200)
                b.spikeEvents = [.peak(of: spike)]
            }
            b.spikes = [spike]
            try store.commit(b)
            let stored = try #require(try store.spikes().first { $0.id == spike.id })
            let timeline = try Timeline.build(spike: stored, topic: nil, store: store)
            #expect(timeline.entries.filter { $0.kind == .peak }.map(\.text) == [expected])
        }
    }
}

import Foundation
import OutcryCore
import OutcryLinking
import Testing

@Suite struct IdentifierTests {
    @Test func extractsModelsOrdersAndHandles() {
        let ids = Identifiers.extract("@六六 我买的 Comfort U，收到 Contour U，订单号 72350468123，JDK 8 和 X-500，尾号")
        #expect(ids.models.contains("comfort u"))
        #expect(ids.models.contains("contour u"))
        #expect(ids.models.contains("x-500"))
        #expect(ids.orders == ["72350468123"])
        #expect(ids.handles.contains("六六"))
    }

    @Test func foldsFullWidth() {
        #expect(Identifiers.extract("Ｃｏｍｆｏｒｔ Ｕ").models == ["comfort u"])
    }
}

@Suite struct EvidenceLinkerTests {
    static let t0 = Timestamp.parse("2018-03-14T10:00:00+08:00")!

    func ticket(_ id: String, daysBefore: Double, channel: Ticket.Channel = .chat, customer: String, order: String?,
                subject: String, body: String, events: [TicketEvent] = []) -> Ticket {
        Ticket(id: id, createdAt: Self.t0.addingTimeInterval(-daysBefore * 86_400), status: .closed, channel: channel,
               customer: customer, orderId: order, subject: subject, body: body, events: events)
    }

    var linker: EvidenceLinker {
        var l = EvidenceLinker(utcOffset: 8 * 3600)
        l.add(ticket("T-origin", daysBefore: 8, customer: "C1", order: "723504", subject: "型号不对要求退货",
                     body: "买的 Comfort U 护腰枕，收到 Contour U。客服说非质量问题不退货。"))
        l.add(ticket("T-platform", daysBefore: 6, channel: .platform, customer: "C1", order: "723504", subject: "投诉商家拒绝退货",
                     body: "Comfort U 换成 Contour U，要求解释", events: [
                        TicketEvent(at: Self.t0.addingTimeInterval(-4 * 86_400), actor: .customer, kind: .message, text: "我会找媒体曝光"),
                     ]))
        l.add(ticket("T-latex", daysBefore: 2, customer: "C2", order: "681204", subject: "乳胶枕假货，拒绝退货",
                     body: "乳胶枕疑似假货，非质量问题不退货，我要打12315曝光", events: [
                        TicketEvent(at: Self.t0.addingTimeInterval(-86_400), actor: .system, kind: .escalation, text: "威胁投诉"),
                     ]))
        l.add(ticket("T-invoice", daysBefore: 3, customer: "C3", order: "723599", subject: "Comfort U 开发票", body: "需要发票"))
        l.add(ticket("T-later", daysBefore: -0.1, customer: "C4", order: "723777", subject: "我的 Comfort U 也是假的吗",
                     body: "看了微博，Comfort U 和 Contour U 怎么分辨"))
        return l
    }

    func spike() -> (Spike, [Post]) {
        let posts = (0..<20).map { i in
            Post(id: "p\(i)", source: "t", author: "u\(i)", followers: 100,
                 text: i % 2 == 0 ? "【无赖京东】买了 Comfort U 腰枕收到 Contour U，非质量问题不退货" : "京东太过分了，货不对板还不退",
                 createdAt: Self.t0.addingTimeInterval(Double(i) * 60))
        }
        let s = Spike(id: "S-jd-1", topic: "jd", start: Self.t0, detectedAt: Self.t0.addingTimeInterval(1800), severity: .warning,
                      score: 12, volume: 20, baseline: 3, negativeShare: 0.8, reach: 2000, topTerms: ["无赖京东", "comfort u"])
        return (s, posts)
    }

    @Test func ranksTheOriginChainFirstOldestFirstWithReasons() {
        let (s, posts) = spike()
        let links = linker.link(s, posts: posts, at: s.detectedAt, limit: 4)
        #expect(links.map(\.id).prefix(2) == ["T-origin", "T-platform"])
        #expect(links[0].score > 0.8)
        #expect(links[0].reasons.contains { $0.contains("same order") && $0.contains("T-platform") })
        #expect(links[0].reasons.contains { $0.contains("comfort u") })
        #expect(links[1].reasons.contains { $0.contains("媒体") || $0.contains("曝光") || $0.contains("platform") })
        #expect(links.map(\.score) == links.map(\.score).sorted(by: >))
        #expect(!links.prefix(2).contains { $0.id == "T-latex" })
    }

    @Test func doesNotSeeTicketsFromTheFuture() {
        let (s, posts) = spike()
        let links = linker.link(s, posts: posts, at: s.start.addingTimeInterval(60), limit: 10)
        #expect(!links.contains { $0.id == "T-later" })
    }

    /// The index keeps each ticket message with its time: words a customer writes after the
    /// linking moment cannot make a ticket match, and a re-added ticket replaces its old version.
    @Test func laterMessagesDoNotCountBeforeTheyAreWritten() {
        let (s, posts) = spike()
        var l = EvidenceLinker(utcOffset: 0)
        let quiet = ticket("T-quiet", daysBefore: 3, customer: "C9", order: nil, subject: "咨询发货时间", body: "什么时候发货",
                           events: [TicketEvent(at: s.detectedAt.addingTimeInterval(3600), actor: .customer, kind: .message,
                                                text: "买了 Comfort U 收到 Contour U，非质量问题不退货，无赖京东")])
        l.add(quiet)
        #expect(l.link(s, posts: posts, at: s.detectedAt, limit: 3).allSatisfy { $0.score < 0.3 })
        #expect(l.link(s, posts: posts, at: s.detectedAt.addingTimeInterval(7200), limit: 3).first?.score ?? 0 > 0.5)
        var replaced = quiet
        replaced.events = []
        l.add(replaced)
        #expect(l.count == 1)
        #expect(l.link(s, posts: posts, at: s.detectedAt.addingTimeInterval(7200), limit: 3).allSatisfy { $0.score < 0.3 })
    }

    /// The index stores postings as distances between ticket numbers, with a message's number
    /// and the word's count only when they are not the opening text's and 1: a ticket thousands
    /// of places after the last one sharing its words, matched through a later message that
    /// repeats them, is found — and only once that message is written.
    @Test func aTicketFarDownTheIndexIsFoundThroughItsLaterMessage() {
        let (s, posts) = spike()
        var l = EvidenceLinker(utcOffset: 0)
        l.add(ticket("T-first", daysBefore: 9, customer: "C0", order: nil, subject: "Comfort U 发票", body: "需要开发票"))
        for i in 0..<3_000 {
            l.add(ticket("T-filler-\(i)", daysBefore: 5, customer: "F\(i)", order: "9\(100_000 + i)", subject: "咨询第 \(i) 号快递",
                         body: "快递 \(i) 什么时候到，包装完好"))
        }
        let message = TicketEvent(at: s.detectedAt.addingTimeInterval(600), actor: .customer, kind: .message,
                                  text: "买了 Comfort U 收到 Contour U。Contour U 不是我买的，Comfort U 才是。非质量问题不退货？无赖京东")
        l.add(ticket("T-far", daysBefore: 3, customer: "C9", order: "723504", subject: "咨询退货", body: "想问问怎么退货",
                     events: [message]))
        #expect(l.count == 3_002)
        let before = l.link(s, posts: posts, at: s.detectedAt, limit: 3)
        #expect(before.first?.id != "T-far" || before[0].score < 0.3)
        let after = l.link(s, posts: posts, at: s.detectedAt.addingTimeInterval(1_200), limit: 3)
        #expect(after.first?.id == "T-far")
        #expect(after.first?.score ?? 0 > 0.5)
        #expect(after.first?.reasons.contains { $0.contains("contour u") } == true)
    }

    /// Only the best tickets by text and identifiers are scored in full; the rest of their order's
    /// and customer's tickets join them however little text they share, so the story stays whole.
    @Test func chainsBringInTicketsTheShortlistLeftOut() {
        let (s, posts) = spike()
        var l = linker
        l.add(ticket("T-order-first", daysBefore: 10, customer: "C1", order: "723504", subject: "咨询发货", body: "什么时候发货"))
        l.add(ticket("T-customer-other", daysBefore: 9, customer: "C1", order: nil, subject: "修改地址", body: "地址写错了"))
        l.shortlist = 1
        let ids = l.link(s, posts: posts, at: s.detectedAt, limit: 10).map(\.id)
        #expect(ids.prefix(3) == ["T-order-first", "T-origin", "T-platform"])
        #expect(ids.contains("T-customer-other"))
        #expect(!ids.contains("T-invoice"))
    }

    /// A long-running job sees the same tickets again and again (each reply, each re-import):
    /// the index must not grow with the number of versions, and what it links must not change
    /// when it drops the replaced ones.
    @Test func changedTicketsDoNotGrowTheIndex() {
        let (s, posts) = spike()
        var churned = linker
        var latest: [String: Ticket] = [:]
        for round in 0..<700 {
            for base in ["T-origin", "T-platform", "T-latex", "T-invoice"] {
                var t = ticket(base, daysBefore: 7, customer: base == "T-origin" || base == "T-platform" ? "C1" : base, order: nil,
                               subject: base, body: "订单 \(base) 第 \(round) 次更新")
                if base == "T-origin" {
                    t = ticket(base, daysBefore: 8, customer: "C1", order: "723504", subject: "型号不对要求退货",
                               body: "买的 Comfort U 护腰枕，收到 Contour U。客服说非质量问题不退货。")
                }
                t.events = (0..<(round % 3)).map { i in
                    TicketEvent(at: Self.t0.addingTimeInterval(Double(-3_600 * (i + 1))), actor: .agent, kind: .message, text: "回复 \(i)")
                }
                churned.add(t)
                latest[base] = t
            }
        }
        #expect(churned.count == 5)
        #expect(churned.indexedVersions <= 1_024 + 2 * 5 + 1, "\(churned.indexedVersions) versions held for 5 tickets")
        var fresh = EvidenceLinker(utcOffset: 8 * 3600)
        fresh.add(ticket("T-later", daysBefore: -0.1, customer: "C4", order: "723777", subject: "我的 Comfort U 也是假的吗",
                         body: "看了微博，Comfort U 和 Contour U 怎么分辨"))
        for base in ["T-origin", "T-platform", "T-latex", "T-invoice"] { fresh.add(latest[base]!) }
        #expect(fresh.indexedVersions == 5)
        let got = churned.link(s, posts: posts, at: s.detectedAt.addingTimeInterval(86_400), limit: 5)
        let want = fresh.link(s, posts: posts, at: s.detectedAt.addingTimeInterval(86_400), limit: 5)
        #expect(got.map(\.id) == want.map(\.id))
        #expect(got.map(\.score) == want.map(\.score))
        #expect(got.map(\.reasons) == want.map(\.reasons))
        #expect(got.first?.id == "T-origin")
    }

    /// A job running for months, or started on years of helpdesk history, lets go of the
    /// tickets opened before its look-back: they could never be linked, and what it links
    /// stays as it was.
    @Test func ticketsTooOldToLinkAreLetGo() {
        let (s, posts) = spike()
        var long = linker
        for i in 0..<3_000 {
            long.add(ticket("T-old-\(i)", daysBefore: 31 + Double(i % 700), customer: "C\(i % 40)", order: "72\(i)",
                            subject: "Comfort U 型号不对", body: "收到 Contour U，非质量问题不退货"))
        }
        #expect(long.count == 3_005)
        long.forget(before: s.start)
        #expect(long.count == 5)
        #expect(long.indexedVersions == 5, "the let-go tickets' memory goes with the compaction")
        long.add(ticket("T-old-again", daysBefore: 40, customer: "C1", order: "723504", subject: "Comfort U", body: "Contour U"))
        long.add(ticket("T-recent", daysBefore: 1, customer: "C9", order: "999", subject: "发票", body: "发票抬头"))
        #expect(long.count == 6, "a ticket opened before the horizon is not taken; a later one is")
        var fresh = linker
        fresh.add(ticket("T-recent", daysBefore: 1, customer: "C9", order: "999", subject: "发票", body: "发票抬头"))
        let got = long.link(s, posts: posts, at: s.detectedAt, limit: 5)
        let want = fresh.link(s, posts: posts, at: s.detectedAt, limit: 5)
        #expect(got.map(\.id) == want.map(\.id))
        #expect(got.map(\.score) == want.map(\.score))
        #expect(got.first?.id == "T-origin")
    }

    /// What a reader is shown as shared evidence is words that carry the story, not "your" and
    /// "the"; and a ticket opened minutes before the spike says how many.
    @Test func reasonsQuoteContentWordsAndMinutes() {
        var l = EvidenceLinker()
        l.add(Ticket(id: "AB-1", createdAt: Self.t0.addingTimeInterval(-14 * 60), status: .open, channel: .chat, customer: "c1",
                     subject: "Login fails with error 503", body: "Your app has been down for a while, I cannot see the balance.", events: []))
        let said = ["Is the Acme Bank app down? Login fails, can't see the balance", "Acme Bank app down again, error 503, login fails",
                    "Acme Bank please fix your app, error 503 all morning"]
        let posts = (0..<12).map { said[$0 % 3] }
            .enumerated().map { Post(id: "p\($0.offset)", source: "t", author: "u", text: $0.element, createdAt: Self.t0.addingTimeInterval(Double($0.offset) * 60)) }
        let s = Spike(id: "S-acme-1", topic: "acme", start: Self.t0, detectedAt: Self.t0.addingTimeInterval(600), severity: .warning,
                      score: 9, volume: 30, baseline: 2, negativeShare: 0.6, reach: 100, topTerms: ["app down"])
        let reasons = l.link(s, posts: posts, at: s.detectedAt, limit: 1).first?.reasons ?? []
        #expect(reasons.contains("opened 14 min before the spike"), "\(reasons)")
        let shared = reasons.first { $0.hasPrefix("shares ") } ?? ""
        #expect(shared.contains("'503'") || shared.contains("'error'") || shared.contains("'login'"), "\(reasons)")
        // A ticket whose words in common with the posts are mostly grammar.
        l.add(Ticket(id: "AB-2", createdAt: Self.t0.addingTimeInterval(-7_200), status: .open, channel: .chat, customer: "c2",
                     subject: "Your app", body: "Is the app of your bank the one for me? Can you fix the app, can you?", events: []))
        let grammar = l.link(s, posts: posts, at: s.detectedAt, limit: 2).first { $0.id == "AB-2" }?.reasons ?? []
        let quoted = (reasons + grammar).filter { $0.hasPrefix("shares ") }
        #expect(quoted.count == 2, "\(reasons) \(grammar)")
        #expect(!quoted.contains { $0.contains("'your'") || $0.contains("'the'") || $0.contains("'is'") || $0.contains("'can'") }, "\(quoted)")
    }

    @Test func anUnrelatedSpikeGetsLowScores() {
        let s = Spike(id: "S-tb-1", topic: "tb", start: Self.t0, detectedAt: Self.t0, severity: .warning, score: 9, volume: 30,
                      baseline: 2, negativeShare: 0.5, reach: 100, topTerms: ["双十一"])
        let posts = [Post(id: "x", source: "t", author: "a", text: "淘宝双十一直播间翻车，主播卖的手机壳是假货", createdAt: Self.t0)]
        let links = linker.link(s, posts: posts, at: Self.t0, limit: 3)
        #expect(links.allSatisfy { $0.score < 0.3 }, "\(links)")
    }
}

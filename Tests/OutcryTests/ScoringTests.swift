import Foundation
import OutcryCore
import OutcryScoring
import OutcryTesting
import OutcryText
import Testing

@Suite struct PoissonTailTests {
    @Test func isZeroAtOrBelowExpectation() {
        #expect(PoissonTail.surprise(observed: 3, expected: 4) == 0)
    }

    @Test func growsWithCountAndMeansSomethingAtLowCounts() {
        // P(X >= 3 | 0.5) ≈ 0.0144 → 1.84
        #expect(abs(PoissonTail.surprise(observed: 3, expected: 0.5) - 1.84) < 0.01)
        #expect(PoissonTail.surprise(observed: 30, expected: 4) > PoissonTail.surprise(observed: 15, expected: 4))
        #expect(PoissonTail.surprise(observed: 10_000, expected: 1) == 300)
    }
}

/// Drives the detector with a synthetic topic: a quiet baseline with a daily rhythm, then a surge.
struct SyntheticStream {
    var rng: SplitMix
    let topic = Topic(id: "jd", name: "京东", terms: ["京东"], officialAccounts: ["京东"])
    let analyzer: Analyzer

    init(seed: UInt64) {
        rng = SplitMix(seed: seed)
        analyzer = Analyzer(topics: [topic])
    }

    /// Posts at roughly `perHour` (times a daily rhythm) between `from` and `to`.
    mutating func posts(from: Date, to: Date, perHour: Double, text: String, followers: Int = 100) -> [Post] {
        var out: [Post] = []
        var t = from
        while true {
            let u = Double(rng.next() % 1_000_000 + 1) / 1_000_001
            let hour = Int(t.timeIntervalSince1970 / 3600) % 24
            let rhythm = hour < 7 ? 0.3 : 1.2
            t = t.addingTimeInterval(-log(u) * 3600 / (perHour * rhythm))
            if t >= to { return out }
            out.append(Post(id: "p\(out.count)-\(Int(t.timeIntervalSince1970))", source: "t", author: "u\(rng.next() % 1000)",
                            followers: followers, text: text, createdAt: t))
        }
    }

    /// A busy topic's hour-by-hour swing: one log-normal factor (σ `sigma`) per hour, which its
    /// mentions and complaints share, so they rise and fall together.
    static func hourlySwings(hours: Int, sigma: Double, seed: UInt64) -> [Double] {
        var rng = SplitMix(seed: seed)
        return (0..<hours).map { _ in
            let u1 = Double(rng.next() % 1_000_000 + 1) / 1_000_001, u2 = Double(rng.next() % 1_000_000) / 1_000_000
            return exp(sigma * (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2))
        }
    }

    /// A busy topic's days from `start`: `mentions` and `complaints` an hour swinging together
    /// (``hourlySwings``), and a story's posts, `story.perHour` for three hours from `story.at`.
    mutating func busyTopic(from start: Date, days: Int, mentions: Double, complaints: Double, sigma: Double, seed: UInt64,
                            story: (at: Date, perHour: Double, text: String)) -> [Post] {
        var out: [Post] = []
        for (hour, burst) in Self.hourlySwings(hours: days * 24, sigma: sigma, seed: seed).enumerated() {
            let from = start.addingTimeInterval(Double(hour) * 3600), to = from.addingTimeInterval(3600)
            out += posts(from: from, to: to, perHour: mentions * burst, text: "京东的快递今天到了")
            out += posts(from: from, to: to, perHour: complaints * burst, text: "京东的客服太差了，投诉")
            if from >= story.at, from < story.at.addingTimeInterval(3 * 3600) {
                out += posts(from: from, to: to, perHour: story.perHour, text: story.text)
            }
        }
        return out
    }

    func run(_ detector: inout SurgeDetector, _ posts: [Post]) -> [SpikeAction] {
        var actions: [SpikeAction] = []
        for p in posts.sorted(by: { $0.createdAt < $1.createdAt }) {
            let folded = analyzer.normalizer.fold(p.text)
            actions += detector.observe(p, analysis: analyzer.analyze(folded: folded), foldedText: folded)
        }
        return actions
    }
}

@Suite struct SurgeDetectorTests {
    let day0 = Date(timeIntervalSince1970: Double(1_520_000_000 - 1_520_000_000 % 86_400))

    @Test func quietBaselineOpensNothing() {
        var s = SyntheticStream(seed: 1)
        var d = SurgeDetector(topics: [s.topic])
        let posts = s.posts(from: day0, to: day0.addingTimeInterval(7 * 86_400), perHour: 8, text: "京东快递很快，好评")
        let actions = s.run(&d, posts)
        #expect(!actions.contains { if case .opened = $0 { true } else { false } })
    }

    @Test func surgeOpensEscalatesAndCloses() {
        var s = SyntheticStream(seed: 2)
        var d = SurgeDetector(topics: [s.topic])
        let surgeStart = day0.addingTimeInterval(4 * 86_400 + 10 * 3600)
        var posts = s.posts(from: day0, to: day0.addingTimeInterval(6 * 86_400), perHour: 6, text: "京东的快递今天到了")
        posts += s.posts(from: surgeStart, to: surgeStart.addingTimeInterval(4 * 3600), perHour: 300, text: "京东无赖，非质量问题不退货，投诉！")
        var actions = s.run(&d, posts)
        actions += d.advance(to: day0.addingTimeInterval(7 * 86_400))
        let opened = actions.compactMap { if case .opened(let sp) = $0 { sp } else { nil } }
        let escalated = actions.compactMap { if case .escalated(let sp, _) = $0 { sp } else { nil } }
        let closed = actions.compactMap { if case .closed(let sp) = $0 { sp } else { nil } }
        #expect(opened.count == 1)
        let spike = opened[0]
        #expect(spike.detectedAt >= surgeStart)
        #expect(spike.detectedAt.timeIntervalSince(surgeStart) < 1800)
        #expect(abs(spike.start.timeIntervalSince(surgeStart)) < 1200)
        #expect(escalated.last?.severity == .critical)
        #expect(escalated.map(\.severity) == escalated.map(\.severity).sorted())
        #expect(closed.count == 1)
        #expect(closed[0].closedAt! > surgeStart.addingTimeInterval(4 * 3600))
    }

    /// The window is kept as running totals, not counted at every mention: what each step reports
    /// must still be exactly the posts of the half hour before it — checked against the stream
    /// itself, over days loud enough that thousands of posts age out of the detector's memory (and,
    /// in debug builds, against a count afresh at every reading).
    @Test func aLoudTopicsStepsCountExactlyTheirLastHalfHour() throws {
        var s = SyntheticStream(seed: 11)
        var d = SurgeDetector(topics: [s.topic])
        let surgeStart = day0.addingTimeInterval(3 * 86_400 + 12 * 3600)
        var posts = s.posts(from: day0, to: day0.addingTimeInterval(3 * 86_400 + 18 * 3600), perHour: 300, text: "京东的快递今天到了")
        posts += s.posts(from: surgeStart, to: surgeStart.addingTimeInterval(2 * 3600), perHour: 2400, text: "京东无赖，非质量问题不退货，投诉！")
        var actions = s.run(&d, posts)
        actions += d.advance(to: day0.addingTimeInterval(5 * 86_400))
        let complaint = Dictionary(uniqueKeysWithValues: posts.map { ($0.id, s.analyzer.analyze($0.text).complaint) })
        func inHalfHour(endingAt t: Date, complaintsOnly: Bool = false) -> Int {
            posts.count { $0.createdAt > t.addingTimeInterval(-d.config.windowSeconds) && $0.createdAt <= t && (!complaintsOnly || complaint[$0.id]!) }
        }
        let steps = actions.compactMap { a -> Spike? in
            switch a {
            case .opened(let sp), .escalated(let sp, _): sp
            default: nil
            }
        }
        #expect(steps.count >= 2)
        for sp in steps { #expect(sp.volume == inHalfHour(endingAt: sp.detectedAt), "\(sp.severity) at \(sp.detectedAt)") }
        // Its peak: the loudest half hour, and the complaints in it.
        let closed = actions.compactMap { if case .closed(let sp) = $0 { sp } else { nil } }
        let outcry = try #require(closed.max { $0.peakVolume < $1.peakVolume })
        #expect(outcry.peakVolume == inHalfHour(endingAt: outcry.peakAt))
        #expect(outcry.peakComplaints == inHalfHour(endingAt: outcry.peakAt, complaintsOnly: true))
        #expect(outcry.peakComplaints ?? 0 > outcry.peakVolume / 2)
        #expect(outcry.peakUsualComplaints != nil)
    }

    /// A grassroots story: no influencer, mentions growing from nothing to ten times the usual
    /// volume over a day and a half. Learned as they arrive, bucket by bucket, each a little above
    /// the last, they raise the baseline and the learned dispersion with them and never surprise;
    /// learned six hours late (the guard interval), they open a spike within the first day. When
    /// the mentions are complaints, the complaint model sees them whatever the delay.
    @Test func aStoryBuildingOverADayIsNotLearnedAsNormal() {
        let rampStart = day0.addingTimeInterval(5 * 86_400 + 18 * 3600)
        func firstSpike(delay: TimeInterval, text: String) -> Spike? {
            var s = SyntheticStream(seed: 7)
            var config = DetectorConfig()
            config.learningDelaySeconds = delay
            var d = SurgeDetector(topics: [s.topic], config: config)
            var posts = s.posts(from: day0, to: rampStart.addingTimeInterval(2 * 86_400), perHour: 6, text: "京东的快递今天到了")
            for hour in 0..<36 {   // quadratic growth to 60 an hour
                let from = rampStart.addingTimeInterval(Double(hour) * 3600)
                posts += s.posts(from: from, to: from.addingTimeInterval(3600), perHour: max(0.1, 60 * pow(Double(hour) / 36, 2)), text: text)
            }
            return s.run(&d, posts).lazy.compactMap { if case .opened(let sp) = $0 { sp } else { nil } }.first
        }
        let withinADay = { (spike: Spike?) in spike.map { $0.detectedAt > rampStart && $0.detectedAt < rampStart.addingTimeInterval(24 * 3600) } == true }
        let guarded = DetectorConfig().learningDelaySeconds
        let talk = "京东的新广告大家看了吗", outcry = "京东的商家吃出异物，投诉无门，太恶心了"
        #expect(withinADay(firstSpike(delay: guarded, text: talk)))
        // The volume alone is missed when learned at once (why the guard exists).
        #expect(firstSpike(delay: 0, text: talk) == nil)
        #expect(withinADay(firstSpike(delay: guarded, text: outcry)))
        #expect(withinADay(firstSpike(delay: 0, text: outcry)))
    }

    /// A busy topic whose volume swings hour by hour (both its mentions and its complaints with
    /// it): a complaint story modest for the brand stays within the noise of either count, but
    /// its share of the hour's mentions is one no ordinary hour has.
    @Test func aBusyTopicsComplaintShareSurgeIsDetected() {
        var s = SyntheticStream(seed: 11)
        var d = SurgeDetector(topics: [s.topic])
        let story = day0.addingTimeInterval(8 * 86_400 + 11 * 3600)
        let posts = s.busyTopic(from: day0, days: 10, mentions: 150, complaints: 12, sigma: 0.35, seed: 12,
                                story: (story, 20, "京东账户被盗刷，客服说正常登录不退款"))
        let opened = s.run(&d, posts).compactMap { if case .opened(let sp) = $0 { sp } else { nil } }
        #expect(opened.contains { $0.detectedAt >= story && $0.detectedAt < story.addingTimeInterval(3 * 3600) },
                "\(opened.map(\.detectedAt))")
    }

    /// A sale: mentions surge with deal talk and praise while complaints stay as they were. That is
    /// marketing working, not an outcry — it takes a warning's evidence to open a watch, so the
    /// surge that plain talk opens one with opens nothing; a far larger one still does.
    @Test func aSaleOpensAWatchOnlyWithAWarningsEvidence() {
        let surgeStart = day0.addingTimeInterval(5 * 86_400 + 11 * 3600)
        func opened(perHour: Double, text: String) -> [Spike] {
            var s = SyntheticStream(seed: 19)
            var d = SurgeDetector(topics: [s.topic])
            var posts = s.posts(from: day0, to: day0.addingTimeInterval(6 * 86_400), perHour: 6, text: "京东的快递今天到了")
            posts += s.posts(from: day0, to: day0.addingTimeInterval(6 * 86_400), perHour: 1, text: "京东的客服太差了，投诉")
            posts += s.posts(from: surgeStart, to: surgeStart.addingTimeInterval(2 * 3600), perHour: perHour, text: text)
            return s.run(&d, posts).compactMap { if case .opened(let sp) = $0, sp.detectedAt >= surgeStart { sp } else { nil } }
        }
        let sale = "京东618大促，秒杀抢到了，包邮", talk = "京东的新广告大家看了吗"
        #expect(opened(perHour: 12, text: talk).count == 1)
        #expect(opened(perHour: 12, text: sale).isEmpty)
        #expect(opened(perHour: 12, text: "京东买的耳机很好，推荐").isEmpty)
        let large = opened(perHour: 60, text: sale)
        #expect(large.count == 1 && large.allSatisfy { $0.score >= DetectorConfig().warningScore && $0.severity == .watch })
    }

    /// A JD-scale brand: an outcry of 150 complaints an hour is a fifth of its mentions, under the
    /// share that makes a smaller topic's surge "complaining". Its complaints beyond the usual, as
    /// a topic of their own, are critical; the brand's ordinary days raise nothing above a watch.
    @Test func aBigBrandsOutcryIsCriticalBelowTheComplaintShare() {
        var s = SyntheticStream(seed: 17)
        var d = SurgeDetector(topics: [s.topic])
        let story = day0.addingTimeInterval(5 * 86_400 + 11 * 3600)
        let posts = s.busyTopic(from: day0, days: 6, mentions: 600, complaints: 12, sigma: 0.2, seed: 18,
                                story: (story, 150, "京东无赖，非质量问题不退货，投诉"))
        let raised = s.run(&d, posts).compactMap { action -> Spike? in
            switch action {
            case .opened(let sp), .escalated(let sp, _): sp
            default: nil
            }
        }
        let critical = raised.first { $0.severity == .critical }
        #expect(critical.map { $0.detectedAt >= story && $0.detectedAt < story.addingTimeInterval(2 * 3600) } == true,
                "\(raised.map { ($0.detectedAt, $0.severity) })")
        #expect(!raised.contains { $0.severity > .watch && $0.detectedAt < story })
        // What the alert sets beside the window's complaints: a few times fewer.
        #expect(critical.map { $0.negativeShare < 0.25 && Double($0.complaints) > 3 * $0.usualComplaints } == true,
                "\(String(describing: critical.map { ($0.complaints, $0.usualComplaints, $0.negativeShare) }))")
    }

    /// A busy topic's complaints turn to something new without growing in number: its volume,
    /// its complaint count and their share stay as every hour has them, but the hour's twenty
    /// complaints say what none has said before. The new theme opens a watch within the hour; the
    /// same complaints in the usual words open nothing.
    @Test func aNewComplaintThemeOpensAWatch() {
        let story = day0.addingTimeInterval(8 * 86_400 + 11 * 3600)
        func opened(storyText: String) -> [Spike] {
            var s = SyntheticStream(seed: 13)
            var d = SurgeDetector(topics: [s.topic])
            var posts: [Post] = []
            for (hour, burst) in SyntheticStream.hourlySwings(hours: 10 * 24, sigma: 0.35, seed: 14).enumerated() {
                let from = day0.addingTimeInterval(Double(hour) * 3600), to = from.addingTimeInterval(3600)
                posts += s.posts(from: from, to: to, perHour: 150 * burst, text: "京东的快递今天到了")
                let inStory = from >= story && from < story.addingTimeInterval(3600)
                posts += s.posts(from: from, to: to, perHour: 20 * burst, text: inStory ? storyText : "京东的客服太差了，投诉")
            }
            return s.run(&d, posts).compactMap { if case .opened(let sp) = $0 { sp } else { nil } }
        }
        let inTheHour = { (spikes: [Spike]) in spikes.filter { $0.detectedAt >= story && $0.detectedAt < story.addingTimeInterval(3600) } }
        let theme = inTheHour(opened(storyText: "京东账户被盗刷了，客服太差，投诉"))
        #expect(theme.count == 1 && theme.first?.severity == .watch, "\(theme.map(\.detectedAt))")
        // The watch reports the theme's surprise, not the ordinary volume's.
        #expect((theme.first?.score ?? 0) >= DetectorConfig().openScore)
        #expect(inTheHour(opened(storyText: "京东的客服太差了，投诉")).isEmpty)
    }

    /// After a spike closes, its tail is not in the baseline until the learning delay has passed:
    /// a bump that would open a watch on a quiet day does not open the story again then; the same
    /// bump two days later does.
    @Test func aFadingStoryDoesNotOpenAgainAtWatch() throws {
        let surgeStart = day0.addingTimeInterval(6 * 86_400 + 10 * 3600)
        func actions(bumps: [Date]) -> [SpikeAction] {
            var s = SyntheticStream(seed: 2)
            var d = SurgeDetector(topics: [s.topic])
            var posts = s.posts(from: day0, to: day0.addingTimeInterval(11 * 86_400), perHour: 6, text: "京东的快递今天到了")
            posts += s.posts(from: surgeStart, to: surgeStart.addingTimeInterval(3 * 3600), perHour: 300, text: "京东无赖，非质量问题不退货，投诉！")
            for (k, at) in bumps.enumerated() {
                posts += (0..<18).map { i in
                    Post(id: "b\(k)-\(i)", source: "t", author: "b\(i)", followers: 100, text: "京东的快递到了没有",
                         createdAt: at.addingTimeInterval(Double(i) * 80))
                }
            }
            return s.run(&d, posts) + d.advance(to: day0.addingTimeInterval(11 * 86_400))
        }
        let closedAt = try #require(actions(bumps: []).lazy.compactMap { if case .closed(let sp) = $0 { sp.closedAt } else { nil } }.first)
        // Bumps two hours after the close, and two days after it.
        let soon = closedAt.addingTimeInterval(2 * 3600), later = closedAt.addingTimeInterval(2 * 86_400)
        let opened = actions(bumps: [soon, later]).compactMap { if case .opened(let sp) = $0 { sp } else { nil } }
        #expect(opened.count == 2, "\(opened.map(\.detectedAt))")
        #expect(!opened.contains { $0.detectedAt >= soon && $0.detectedAt < soon.addingTimeInterval(3600) })
        #expect(opened.last.map { $0.detectedAt >= later && $0.severity == .watch } == true)
    }

    /// Complaints evenly spaced, `perWindow[i]` of them in the i-th half hour from `from`.
    func ramp(from: Date, perWindow: [Int]) -> [Post] {
        perWindow.enumerated().flatMap { w, n in
            (0..<n).map { i in
                Post(id: "r\(w)-\(i)", source: "t", author: "r\(i)", followers: 100, text: "京东无赖，非质量问题不退货，投诉！",
                     createdAt: from.addingTimeInterval(Double(w) * 1800 + Double(i) * 1800 / Double(n)))
            }
        }
    }

    /// Acceleration decides severity: a surge compounding window over window is critical before
    /// it reaches critical volume; one climbing to the same volume at a steady pace is a warning.
    @Test func aCompoundingSurgeIsCriticalBeforeCriticalVolume() {
        let at = day0.addingTimeInterval(2 * 86_400 + 11 * 3600)
        func peakSeverity(_ perWindow: [Int], seed: UInt64) -> (Severity?, Int) {
            var s = SyntheticStream(seed: seed)
            var d = SurgeDetector(topics: [s.topic])
            let posts = s.posts(from: day0, to: at.addingTimeInterval(3 * 3600), perHour: 6, text: "京东的快递今天到了")
                + ramp(from: at, perWindow: perWindow)
            let spikes = s.run(&d, posts).compactMap { action -> Spike? in
                switch action { case .opened(let sp), .escalated(let sp, _): sp; default: nil }
            }
            let top = spikes.max { $0.severity < $1.severity }
            return (top?.severity, top?.volume ?? 0)
        }
        let (compounding, volume) = peakSeverity([6, 14, 30, 52], seed: 4)
        #expect(compounding == .critical && volume < DetectorConfig().criticalVolume, "\(String(describing: compounding)) at \(volume)")
        #expect(peakSeverity([10, 20, 30, 40, 48, 52], seed: 4).0 == .warning)
    }

    @Test func aHighReachComplaintOpensAWatchBeforeVolumeArrives() {
        var s = SyntheticStream(seed: 3)
        var d = SurgeDetector(topics: [s.topic])
        var posts = s.posts(from: day0, to: day0.addingTimeInterval(3 * 86_400), perHour: 6, text: "京东的快递今天到了")
        let at = day0.addingTimeInterval(2 * 86_400 + 12 * 3600 + 17)
        posts.append(Post(id: "big", source: "t", author: "六六", followers: 12_600_000, text: "无赖京东，非质量问题不退货，求扩散", createdAt: at))
        posts.append(Post(id: "official", source: "t", author: "京东", followers: 18_000_000, text: "京东客服：退货问题请私信", createdAt: at.addingTimeInterval(-3600)))
        let opened = s.run(&d, posts).compactMap { if case .opened(let sp) = $0 { sp } else { nil } }
        #expect(opened.count == 1, "\(opened)")
        #expect(opened.first?.severity == .watch)
        #expect(opened.first?.detectedAt == at)
        #expect(opened.first?.samplePosts.first == "big")
    }

    /// The emerging terms of `spike` posts against `usual` ones, each folded as the detector folds it.
    func emergingTerms(usual: [String], spike: [String], limit: Int, exclude: Set<String>) -> [String] {
        var base = TermStatistics(), surge = TermStatistics()
        let n = Normalizer.shared
        for text in usual { base.add(TermStatistics.terms(ofFolded: n.fold(text))) }
        for text in spike { surge.add(TermStatistics.terms(ofFolded: n.fold(text))) }
        return base.emerging(in: surge, limit: limit, exclude: exclude)
    }

    @Test func emergingTermsPreferWholePhrases() {
        let terms = emergingTerms(usual: (0..<200).map { "京东快递很快 \($0 % 7)" },
                                  spike: Array(repeating: "【无赖京东】Comfort U 换成了 Contour U", count: 60), limit: 4, exclude: ["京东"])
        #expect(terms.contains("无赖京东"))
        #expect(terms.contains("comfort u"))
        #expect(terms.contains("contour u"))
        #expect(!terms.contains("赖京"))
    }

    /// A sentence everyone reposts is longer than any counted n-gram: the term shown is the
    /// sentence, not an arbitrary eight-character cut of it.
    @Test func aRepostedSentenceEmergesWhole() {
        let terms = emergingTerms(usual: (0..<200).map { "远通电信的网络还可以 \($0 % 7)" },
                                  spike: (0..<40).map { "远通电信也乱扣过我的漫游费，申诉好久才退 \($0)" }, limit: 3, exclude: ["远通电信", "远通"])
        #expect(terms.contains("远通电信也乱扣过我的漫游费"), "\(terms)")
        #expect(!terms.contains { $0.count == TermStatistics.maxGram && "远通电信也乱扣过我的漫游费".contains($0) }, "\(terms)")
    }

    /// English sentences are full of function words the topic's short usual posts lack: they are
    /// not what a spike is about, and neither is a phrase across the topic's own name.
    @Test func functionWordsAndTheTopicNameDoNotEmerge() {
        let terms = emergingTerms(usual: (0..<200).map { "Northwind Air to Denver today \($0 % 9)" },
                                  spike: Array(repeating: "Northwind Air broke a wheelchair and it is a disgrace, can't log in", count: 30),
                                  limit: 6, exclude: ["northwind air", "northwind"])
        #expect(terms.contains("wheelchair") && terms.contains("disgrace"), "\(terms)")
        for noise in ["and", "is", "a", "it", "broke a", "air broke", "and it", "t log", "can t"] { #expect(!terms.contains(noise), "\(noise) in \(terms)") }
    }
}

@Suite struct SeriesDetectorTests {
    func series() -> [Double] {
        var rng = SplitMix(seed: 9)
        var values: [Double] = []
        for i in 0..<(288 * 3) {
            let daily = 60 + 30 * sin(Double(i % 288) / 288 * 2 * .pi)
            values.append(daily + Double(rng.next() % 15))
        }
        values[700] = 900
        values[701] = 1200
        return values
    }

    @Test func scoresTheSurgeAndNotTheRhythm() {
        var d = SeriesDetector(stepSeconds: 300)
        let scores = series().map { d.score($0) }
        #expect(scores[700] > 0.9)
        #expect(scores[..<700].allSatisfy { $0 < 0.8 })
        #expect(scores.allSatisfy { $0 >= 0 && $0 <= 1 })
        // One incident, one alert: the point after is suppressed.
        #expect(scores[701] == 0)
    }

    @Test func isCausal() {
        let values = series()
        var full = SeriesDetector(stepSeconds: 300)
        let all = values.map { full.score($0) }
        var prefix = SeriesDetector(stepSeconds: 300)
        let head = values.prefix(650).map { prefix.score($0) }
        #expect(Array(all.prefix(650)) == head)
    }
}

@Suite struct TermScannerTests {
    /// The byte scanner finds exactly the terms of the readable definition; ids come sorted
    /// and distinct (whole JSON lines give it hundreds to sort).
    @Test func agreesWithTheStringDefinition() throws {
        let text = try String(contentsOfFile: OutcryTestsSupport.repo("feeds/demo/posts.jsonl"), encoding: .utf8)
        var samples = text.split(separator: "\n").prefix(300).map { Normalizer.shared.fold(String($0)) }
        samples += ["comfort u  contour u, never again!", "12315 投诉 ｘ", "a", "", "京", "京东 jd.com 无赖"]
        for folded in samples {
            let expected = TermStatistics.terms(ofFolded: folded)
            #expect(TermScanner.ids(ofFolded: folded) == Set(expected.map(TermScanner.id(of:))).sorted(), "\(folded)")
            #expect(Set(TermScanner.named(ofFolded: folded).values) == expected, "\(folded)")
            // A complaint during an open spike: both from one scan, the same as from two.
            let both = TermScanner.termsAndNamed(ofFolded: folded, complaint: true)
            #expect(both.terms == TermScanner.terms(ofFolded: folded, complaint: true), "\(folded)")
            #expect(both.named == TermScanner.named(ofFolded: folded), "\(folded)")
        }
    }

    /// A post's terms come unsorted with repeats (one scan, no sort); the vocabulary still counts
    /// each once per post — also when its table grows in the middle of a post.
    @Test func aPostsRepeatedTermsCountOnce() {
        var vocabulary = TermStatistics()
        var reference: [TermID: Double] = [:]
        var rng = SplitMix(seed: 9)
        for _ in 0..<200 {
            let distinct = (0..<(Int(rng.next() % 300) + 1)).map { _ in TermID(rng.next() % 20_000) &* 0x9E37_79B9_7F4A_7C15 }
            var post = distinct + distinct.prefix(Int(rng.next() % 50))
            for i in post.indices.reversed() { post.swapAt(i, Int(rng.next() % UInt64(i + 1))) }
            vocabulary.add(post)
            for id in Set(distinct) { reference[id, default: 0] += 1 }
        }
        #expect(vocabulary.documents == 200)
        #expect(reference.allSatisfy { vocabulary.counts[$0.key] == $0.value })
        // The folded text's ids, in text order with repeats, count as its distinct ids do.
        let folded = Normalizer.shared.fold("京东客服，京东客服，还是京东客服 never never again")
        var once = TermStatistics(), sorted = TermStatistics()
        once.add(TermScanner.terms(ofFolded: folded, complaint: true).all)
        sorted.add(TermScanner.ids(ofFolded: folded))
        #expect(once.counts.pairs.sorted { $0.id < $1.id }.map(\.count) == sorted.counts.pairs.sorted { $0.id < $1.id }.map(\.count))
        #expect(once.counts.pairs.allSatisfy { $0.count == 1 })
    }

    @Test func termCountsBehaveLikeADictionary() {
        var counts = TermCounts()
        var reference: [TermID: Double] = [:]
        var rng = SplitMix(seed: 7)
        for _ in 0..<20_000 {
            let id = TermID(rng.next() % 5000) &* 0x9E37_79B9_7F4A_7C15
            counts.add(id, 1)
            reference[id, default: 0] += 1
        }
        #expect(counts.count == reference.count)
        for (id, n) in reference { #expect(counts[id] == n) }
        counts.filter { $1 > 4 }
        #expect(counts.count == reference.values.filter { $0 > 4 }.count)
        #expect(counts[12_345] == nil && reference[12_345] == nil)
    }
}

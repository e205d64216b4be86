import Foundation
import OutcryCore
import OutcryText

/// The surge detector's decisions for one topic, given its tracker: when a bucket closes, when a
/// spike opens, escalates and closes, and how severe it is. Kept apart from ``SurgeDetector``'s
/// state so trackers are updated in place.
struct SurgeRules {
    let config: DetectorConfig
    let firstTime: Date?

    func closeBucket(_ tr: inout TopicTracker) -> [SpikeAction] {
        var actions: [SpikeAction] = []
        let closed = tr.bucket
        let expected = tr.model.expectedPerBucket(at: closed.start)
        if closed.count > 0 { actions.append(.bucketClosed(closed)) }
        tr.history.append(.init(count: closed.count, expected: expected, firstAt: tr.bucketFirstAt, start: closed.start))
        if tr.history.count > 48 { tr.history.removeFirst(tr.history.count - 48) }
        let end = closed.start.addingTimeInterval(config.bucketSeconds)
        // Buckets wait to be learned unless a complaint surge is open. While a watch is open they
        // wait without being learned (``VolumeModel/pause()``): if complaints gather in it they are
        // forgotten with its run-up; if it closes as volume alone they are learned after all —
        // else a busy topic's steep morning, opening a watch before its hours were learned,
        // would never be learned and open one every morning.
        if let first = firstTime, !tr.spikeComplained {
            tr.learn(closed, since: first)
        }
        if tr.spike == nil { tr.praiseShare.learn(part: tr.bucketPraise, of: closed.count) }
        tr.bucketPraise = 0
        if var spike = tr.spike {
            let w = tr.window(endingAt: end, seconds: config.windowSeconds)
            let s = surprises(w, tr, at: end).score
            tr.quietBuckets = s < config.closeScore ? tr.quietBuckets + 1 : 0
            if tr.quietBuckets >= config.closeAfterBuckets {
                spike.state = .closed
                spike.closedAt = end
                tr.lastClosedAt = end
                if tr.spikeComplained { tr.forgetPending() }
                tr.spikeComplained = false
                tr.setLearningPaused(false)
                tr.spike = nil
                tr.quietBuckets = 0
                tr.samples = []
                tr.spikeVocabulary = TermStatistics()
                actions.append(.closed(spike))
            }
        }
        tr.bucket = Bucket(topic: tr.topic.id, start: end)
        tr.bucketFirstAt = nil
        return actions
    }

    /// Surprise of a window count: a negative-binomial tail with the model's learned dispersion.
    private func surprise(_ observed: Int, _ expected: Double, _ model: VolumeModel) -> Double {
        NegativeBinomialTail.surprise(observed: observed, expected: expected, dispersion: model.dispersion.value)
    }

    private func windowExpectation(_ model: VolumeModel, at time: Date) -> Double {
        max(0.3, model.expectedPerBucket(at: time) * config.windowSeconds / config.bucketSeconds)
    }

    /// How surprising a window is: its mentions against the topic's volume model, its complaints
    /// against the complaint model and against the hour's usual share of its mentions, and the
    /// largest as the spike's score. `surge` is
    /// whether either reaches `threshold` with a spike's worth (`minVolume`) of what it counts;
    /// `complaints` is the complaints' side alone, with how many exceed the larger expectation.
    private func surprises(_ w: TopicTracker.Window, _ tr: TopicTracker, at time: Date,
                           threshold: Double = .infinity) -> (score: Double, expected: Double, surge: Bool, complaints: ComplaintSurge) {
        let lambda = windowExpectation(tr.model, at: time)
        let lambdaC = windowExpectation(tr.complaintModel, at: time)
        let s = surprise(w.count, lambda, tr.model)
        let sc = surprise(w.complaints, lambdaC, tr.complaintModel)
        // The complaints given the mentions: the usual share of this hour applied to what was
        // said. A busy topic's bursts move both counts together, so its complaint surge can stay
        // within the noise of either count and still be a share no ordinary hour has.
        let usualShare = Double(w.count) * min(1, lambdaC / lambda)
        let share = PoissonTail.surprise(observed: w.complaints, expected: max(0.3, usualShare))
        let complaintSurge = max(sc, share)
        // Mentions carried by sales, launches and praise — praise beyond its usual share is half
        // the window's surplus or more, and without it the window is no surge — with complaints
        // not surging, are marketing working, not an outcry: such a surge opens only with a
        // warning's evidence.
        var volumeSurge = s >= threshold && w.count >= config.minVolume
        if volumeSurge, s < config.warningScore, complaintSurge < threshold {
            let surplusPraise = (Double(w.praise) - tr.praiseShare.value * lambda).rounded()
            volumeSurge = 2 * surplusPraise < Double(w.count) - lambda
                || surprise(w.count - Int(surplusPraise), lambda, tr.model) >= threshold
        }
        let surge = volumeSurge || (complaintSurge >= threshold && w.complaints >= config.minVolume)
        let usual = max(lambdaC, usualShare)
        return (max(s, complaintSurge), lambda, surge,
                ComplaintSurge(score: complaintSurge, usual: usual, excess: Int(max(0, Double(w.complaints) - usual))))
    }

    /// A window's complaints on their own: their surprise (against the complaint model and the
    /// hour's usual share of the mentions), how many the window would usually hold (the larger of
    /// the two expectations), and how many there are beyond that.
    struct ComplaintSurge {
        var score: Double
        var usual: Double
        var excess: Int
    }

    private func isWarm(_ time: Date) -> Bool {
        guard let f = firstTime else { return false }
        return time.timeIntervalSince(f) >= config.warmupSeconds
    }

    /// - Parameter compounding: asked only when it would decide: is the surge growing window
    ///   over window (``isCompounding``)?
    private func severity(score s: Double, volume n: Int, share: Double, reach: Int, compounding: () -> Bool) -> Severity {
        let complaining = share >= config.minComplaintShare
        if complaining, s >= config.criticalScore, n >= config.criticalVolume { return .critical }
        if complaining, s >= config.warningScore, n >= 2 * config.warningVolume, reach >= config.criticalReach || compounding() {
            return .critical
        }
        if complaining, s >= config.warningScore, n >= config.warningVolume { return .warning }
        return .watch
    }

    /// Acceleration: the window's mentions grew by half over the previous window, which already
    /// held a spike's worth (`minVolume`) and had itself grown by half over the one before. A
    /// surge compounding like that reaches critical volume within the hour; saying so now buys
    /// the team that hour.
    private func isCompounding(_ tr: TopicTracker, at time: Date, count n: Int) -> Bool {
        let w = config.windowSeconds
        let previous = tr.countedWindow(endingAt: time.addingTimeInterval(-w), seconds: w).count
        let before = tr.countedWindow(endingAt: time.addingTimeInterval(-2 * w), seconds: w).count
        return 2 * n >= 3 * previous && 2 * previous >= 3 * before && previous >= config.minVolume
    }

    /// Start of the run of elevated buckets that ends now: when the surge really began.
    private func surgeStart(_ tr: TopicTracker, fallback: Date) -> Date {
        var start = tr.bucketFirstAt ?? fallback
        for b in tr.history.reversed() {
            let threshold = b.expected + 2 * sqrt(max(b.expected, 0.25)) + 1
            guard Double(b.count) > threshold, let first = b.firstAt else { break }
            start = first
        }
        return start
    }

    /// - Parameter themeTerms: the terms of the post when it is a complaint (``ComplaintThemes``).
    func evaluate(_ tr: inout TopicTracker, at time: Date, trigger: (Post, Analysis), themeTerms: [TermID]? = nil) -> [SpikeAction] {
        guard isWarm(time) else { return [] }
        let w = tr.window(endingAt: time, seconds: config.windowSeconds)
        // An outcry's tail reaches the baseline only after the learning delay; until then, opening
        // again takes the evidence of a warning, so a fading story does not alert again and again.
        let inTail = tr.lastClosedAt.map { time.timeIntervalSince($0) < config.learningDelaySeconds } ?? false
        let (s, lambda, surge, complaints) = surprises(w, tr, at: time, threshold: inTail ? config.warningScore : config.openScore)
        let share = w.count == 0 ? 0 : Double(w.complaints) / Double(w.count)
        // A busy brand's outcry can stay a small share of its mentions: its complaints beyond the
        // usual, taken as a topic of their own, are as severe as they would be there.
        let computed = max(severity(score: s, volume: w.count, share: share, reach: w.reach,
                                    compounding: { isCompounding(tr, at: time, count: w.count) }),
                           severity(score: complaints.score, volume: complaints.excess, share: 1, reach: 0, compounding: { false }))
        let (post, analysis) = trigger
        let complaining = share >= config.minComplaintShare && w.count >= config.minVolume
        if var spike = tr.spike {
            tr.noteComplaints(complaining)
            spike.score = s
            spike.volume = w.count
            spike.baseline = lambda
            spike.negativeShare = share
            spike.usualComplaints = complaints.usual
            spike.reach = w.reach
            if w.count > spike.peakVolume {
                spike.peakVolume = w.count
                spike.peakAt = time
                spike.peakComplaints = w.complaints
                spike.peakUsualComplaints = complaints.usual
            }
            spike.samplePosts = tr.samples.map(\.id)
            var actions: [SpikeAction] = []
            if computed > spike.severity {
                let from = spike.severity
                spike.severity = computed
                spike.detectedAt = time
                spike.topTerms = tr.vocabulary.emerging(in: tr.spikeVocabulary, limit: 5, exclude: tr.excludedTerms)
                actions.append(.escalated(spike, from: from))
            }
            tr.spike = spike
            return actions
        }
        let influencer = analysis.complaint && (post.followers ?? 0) >= config.influencerFollowers
            && !tr.topic.officialAccounts.contains(post.author)
        // A new complaint theme: many of the window's complaints say what the topic's complaints
        // have not said before. It opens a watch, with its surprise as the watch's score (what the
        // alert reports); severity stays with volume and share.
        let openAt = inTail ? config.warningScore : config.openScore
        let themeScore = themeTerms.map { tr.themes.surprise(of: $0, at: time, minCount: config.minVolume, reaching: openAt).score } ?? 0
        let newTheme = themeScore >= openAt
        guard surge || influencer || newTheme else { return [] }
        let start = surge || newTheme ? surgeStart(tr, fallback: w.first ?? time) : post.createdAt
        // Seed the spike's vocabulary and samples with the posts since it began.
        var spikeVocabulary = TermStatistics()
        tr.samples = []
        for r in tr.recent[tr.recentHead...] where r.time >= start {
            tr.addSample(id: r.postID, followers: r.followers)
            spikeVocabulary.add(named: TermScanner.named(ofFolded: r.folded))
        }
        tr.spikeVocabulary = spikeVocabulary
        var spike = Spike(id: Spike.makeID(topic: tr.topic.id, start: start), topic: tr.topic.id, start: start,
                          detectedAt: time, severity: surge ? computed : .watch, score: newTheme ? max(s, themeScore) : s, volume: w.count,
                          baseline: lambda, negativeShare: share, usualComplaints: complaints.usual, reach: w.reach,
                          peakVolume: w.count, peakAt: time, peakComplaints: w.complaints, peakUsualComplaints: complaints.usual)
        spike.samplePosts = tr.samples.map(\.id)
        spike.topTerms = tr.vocabulary.emerging(in: tr.spikeVocabulary, limit: 5, exclude: tr.excludedTerms, minCount: 2)
        tr.spike = spike
        tr.quietBuckets = 0
        tr.spikeComplained = false
        tr.noteComplaints(complaining)
        tr.setLearningPaused(true)
        return [.opened(spike)]
    }
}

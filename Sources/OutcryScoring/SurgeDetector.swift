import Foundation
import OutcryCore
import OutcryText

/// Outcry's surge detector: per topic, a seasonal baseline of its mentions and one of its
/// complaints (``VolumeModel``, learned late), a sliding-window surprise score from a
/// negative-binomial tail, what its complaints are usually about (``ComplaintThemes``),
/// hysteresis between opening and closing, and a severity from volume, complaint share and
/// reach. See docs/ARCHITECTURE.md for how it sits in the pipeline.
public struct SurgeDetector: SpikeDetector {
    public let config: DetectorConfig
    private var trackers: [TopicTracker]
    private var index: [String: Int]
    private var firstTime: Date?
    private var clock: Date?
    private var currentBucket: Date?
    private let normalizer: Normalizer

    /// - Parameter utcOffset: local time of the audience, which defines the daily rhythm.
    public init(topics: [Topic], config: DetectorConfig = DetectorConfig(), utcOffset: Int = 0, normalizer: Normalizer = .shared) {
        self.config = config
        self.normalizer = normalizer
        trackers = topics.map { TopicTracker(topic: $0, normalizer: normalizer, config: config, utcOffset: utcOffset, start: .distantPast) }
        index = Dictionary(uniqueKeysWithValues: topics.enumerated().map { ($1.id, $0) })
    }

    public var openSpikes: [Spike] { trackers.compactMap(\.spike) }

    func bucketStart(_ t: Date) -> Date {
        Date(timeIntervalSince1970: floor(t.timeIntervalSince1970 / config.bucketSeconds) * config.bucketSeconds)
    }

    public mutating func observe(_ post: Post, analysis: Analysis, foldedText: String) -> [SpikeAction] {
        observe(post, analysis: analysis, foldedText: foldedText, terms: nil)
    }

    public mutating func observe(_ post: Post, analysis: Analysis, foldedText: String, terms given: PostTerms?) -> [SpikeAction] {
        var actions = advance(to: post.createdAt)
        guard !analysis.topics.isEmpty else { return actions }
        // Terms by id for baselines and a complaint's themes; with their text only when a
        // spike's vocabulary needs it.
        var terms = given
        var named: [TermID: String]?
        let followers = post.followers ?? 0
        // Deal talk that reads negative is no praise ("秒杀抢到的是坏的").
        let praise = !analysis.complaint && (analysis.polarity < 0 || analysis.promotion && analysis.polarity == 0)
        let rules = SurgeRules(config: config, firstTime: firstTime)
        for topicID in analysis.topics {
            guard let ti = index[topicID] else { continue }
            // Trackers are updated in place: copying one out would copy its history per post.
            if trackers[ti].bucketFirstAt == nil { trackers[ti].bucketFirstAt = post.createdAt }
            trackers[ti].bucket.add(complaint: analysis.complaint, author: post.author, followers: followers)
            if praise { trackers[ti].bucketPraise += 1 }
            trackers[ti].remember(.init(time: post.createdAt, postID: post.id, complaint: analysis.complaint, praise: praise,
                                        followers: followers, folded: foldedText),
                                  keep: max(6 * 3600, config.windowSeconds))
            let open = trackers[ti].spike != nil
            if open {
                if named == nil {
                    // A complaint's terms are still wanted below: one scan finds both.
                    if terms == nil, analysis.complaint {
                        let found = TermScanner.termsAndNamed(ofFolded: foldedText, complaint: true)
                        (terms, named) = (found.terms, found.named)
                    } else {
                        named = TermScanner.named(ofFolded: foldedText)
                    }
                }
                trackers[ti].spikeVocabulary.add(named: named!)
                if analysis.complaint || followers > 0 { trackers[ti].addSample(id: post.id, followers: followers) }
            }
            if terms == nil, !open || analysis.complaint { terms = TermScanner.terms(ofFolded: foldedText, complaint: analysis.complaint) }
            if !open { trackers[ti].vocabulary.add(terms!.all) }
            if let themes = terms?.themes { trackers[ti].themes.add(themes, at: post.createdAt) }
            actions += rules.evaluate(&trackers[ti], at: post.createdAt, trigger: (post, analysis), themeTerms: terms?.themes)
        }
        return actions
    }

    public mutating func advance(to time: Date) -> [SpikeAction] {
        if firstTime == nil { firstTime = time }
        if let c = clock, time <= c { return [] }
        clock = time
        let current = bucketStart(time)
        // Within the current bucket nothing closes: most posts stop here.
        guard current != currentBucket else { return [] }
        currentBucket = current
        var actions: [SpikeAction] = []
        let rules = SurgeRules(config: config, firstTime: firstTime)
        for ti in trackers.indices {
            if trackers[ti].bucket.start == .distantPast { trackers[ti].bucket = Bucket(topic: trackers[ti].topic.id, start: current) }
            while trackers[ti].bucket.start < current {
                actions += rules.closeBucket(&trackers[ti])
            }
        }
        return actions
    }
}

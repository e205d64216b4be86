import Foundation
import OutcryCore
import OutcryText

/// The scoring stage for one stream of posts: normalize, match topics, classify, count into
/// buckets, detect spikes. Shared by the monitor (which also stores, links and alerts) and by
/// `outcry score` (which only prints), so both score a post the same way.
public struct StreamScorer: Sendable {
    public let analyzer: Analyzer
    public private(set) var detector: any SpikeDetector
    public private(set) var posts = 0
    public private(set) var mentions = 0
    public private(set) var spikes = 0

    public init(topics: [Topic], config: DetectorConfig = DetectorConfig(), utcOffset: Int, detector: (any SpikeDetector)? = nil) {
        analyzer = Analyzer(topics: topics)
        self.detector = detector ?? SurgeDetector(topics: topics, config: config, utcOffset: utcOffset)
    }

    /// Scores one post (posts must come in `created_at` order): its analysis and what the
    /// detector decided at its time.
    public mutating func score(_ post: Post) -> (analysis: Analysis, folded: String, actions: [SpikeAction]) {
        let (analysis, folded) = analyze(post)
        let actions = detector.observe(post, analysis: analysis, foldedText: folded)
        posts += 1
        mentions += analysis.topics.count
        spikes += actions.count { if case .opened = $0 { true } else { false } }
        return (analysis, folded, actions)
    }

    /// What ``score(_:)-(Post)`` finds in a post, without counting it.
    public func analyze(_ post: Post) -> (analysis: Analysis, folded: String) {
        let folded = analyzer.normalizer.fold(post.text)
        return (analyzer.analyze(folded: folded, depth: .topicsAndComplaints), folded)
    }

    /// A post's text work — folding, analysis, terms — done ahead of ``score(_:)-(Prepared)``
    /// and free of the scorer's state, so it can run on another thread (a warm-up prepares the
    /// next page of stored posts while the detector takes the current one).
    public struct Prepared: Sendable {
        public let post: Post
        public let folded: String
        public let analysis: Analysis
        public let terms: PostTerms?

        /// Needs only the analyzer: a worker thread is handed that, not the scorer, whose
        /// detector state the scoring thread goes on changing.
        public init(_ post: Post, analyzer: Analyzer) {
            self.post = post
            folded = analyzer.normalizer.fold(post.text)
            analysis = analyzer.analyze(folded: folded, depth: .topicsAndComplaints)
            terms = analysis.topics.isEmpty ? nil : TermScanner.terms(ofFolded: folded, complaint: analysis.complaint)
        }
    }

    /// Scores a prepared post, exactly as ``score(_:)-(Post)`` scores the post itself.
    public mutating func score(_ p: Prepared) -> (analysis: Analysis, folded: String, actions: [SpikeAction]) {
        let actions = detector.observe(p.post, analysis: p.analysis, foldedText: p.folded, terms: p.terms)
        posts += 1
        mentions += p.analysis.topics.count
        spikes += actions.count { if case .opened = $0 { true } else { false } }
        return (p.analysis, p.folded, actions)
    }

    /// Time moves to `time` with no post: buckets close, spikes may close.
    public mutating func advance(to time: Date) -> [SpikeAction] {
        detector.advance(to: time)
    }

    public var openSpikes: [Spike] { detector.openSpikes }
}

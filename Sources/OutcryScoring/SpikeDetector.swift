import Foundation
import OutcryCore
import OutcryText

/// What the detector decided; the caller persists, links and alerts.
public enum SpikeAction: Sendable, Hashable {
    case opened(Spike)
    case escalated(Spike, from: Severity)
    case closed(Spike)
    case bucketClosed(Bucket)
}

/// Turns a stream of analysed posts into spike decisions. One protocol so the detector can be
/// replaced without touching ingest, linking or alerting.
///
/// Implementations are pure state machines: no I/O, no clock reads. Time arrives with the posts
/// and through ``advance(to:)``, which is what makes replay causal and tests deterministic.
public protocol SpikeDetector: Sendable {
    /// One post, already matched to topics. Posts must arrive in `createdAt` order.
    mutating func observe(_ post: Post, analysis: Analysis, foldedText: String) -> [SpikeAction]
    /// The same, with the post's terms (``TermScanner/terms(ofFolded:complaint:)``) found
    /// beforehand — on another thread, while the detector was busy with earlier posts.
    mutating func observe(_ post: Post, analysis: Analysis, foldedText: String, terms: PostTerms?) -> [SpikeAction]
    /// Time has reached `time` with no further post: close buckets, maybe close spikes.
    mutating func advance(to time: Date) -> [SpikeAction]
    /// Open spikes, for dashboards and linking.
    var openSpikes: [Spike] { get }
}

extension SpikeDetector {
    /// Detectors that do not count terms ignore terms found beforehand.
    public mutating func observe(_ post: Post, analysis: Analysis, foldedText: String, terms: PostTerms?) -> [SpikeAction] {
        observe(post, analysis: analysis, foldedText: foldedText)
    }
}

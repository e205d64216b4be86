import Foundation

/// The knobs of surge detection, with defaults chosen for social-media mention volumes.
public struct DetectorConfig: Sendable, Hashable {
    /// Width of a bucket: the unit of counting, baseline learning and persistence.
    public var bucketSeconds: TimeInterval = 600
    /// The sliding window a decision looks at. Shorter reacts faster; longer is steadier.
    public var windowSeconds: TimeInterval = 1800
    /// No decision before the baseline has seen this much history.
    public var warmupSeconds: TimeInterval = 86_400
    /// Open a spike when the window's surprise (-log10 Poisson tail) reaches this…
    public var openScore: Double = 6
    /// …and the window holds at least this many mentions.
    public var minVolume: Int = 8
    /// Close after this many consecutive buckets with surprise below `closeScore` (hysteresis).
    public var closeScore: Double = 2
    public var closeAfterBuckets: Int = 6
    /// How fast each hour-of-day slot of the baseline adapts (per day).
    public var seasonalRate: Double = 0.25
    /// Learn a factor per weekday on top of the daily rhythm (off for topics busy all week).
    public var weeklyRhythm = true
    /// Learn how much more than Poisson each topic's counts vary, and score surprise with a
    /// negative-binomial tail (off: Poisson, which overstates surprise on bursty, busy topics).
    public var learnDispersion = true
    /// Closed buckets are learned this long after they close (once the baseline is four days old),
    /// and forgotten unlearned when a complaint surge opens (``VolumeModel``): an outcry building
    /// for a day cannot teach the baseline it is normal.
    public var learningDelaySeconds: TimeInterval = 21_600
    /// An author with at least this many followers posting a complaint opens a *watch* at once.
    public var influencerFollowers: Int = 1_000_000
    /// Severity thresholds: surprise, volume in window and complaint share.
    public var warningScore: Double = 10
    public var warningVolume: Int = 20
    public var criticalScore: Double = 20
    public var criticalVolume: Int = 60
    public var minComplaintShare: Double = 0.25
    /// Window reach (sum of followers) that makes a complaining surge critical by itself.
    public var criticalReach: Int = 10_000_000

    public init() {}

    /// Whether the window of buckets ending at `end` teaches the topic's dispersion: windows that
    /// do not overlap, once the baseline has had two warm-up periods to settle (a young
    /// baseline's own errors are not the topic's variability).
    public func learnsDispersion(atBucketEnd end: Date, since first: Date) -> Bool {
        let n = max(1, Int(windowSeconds / bucketSeconds))
        return learnDispersion && end.timeIntervalSince(first) >= 2 * warmupSeconds
            && Int((end.timeIntervalSince1970 / bucketSeconds).rounded()) % n == 0
    }
}

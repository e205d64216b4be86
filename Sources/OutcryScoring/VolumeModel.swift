import Foundation

/// What a topic's mention volume normally looks like — the seasonal baseline and the learned
/// dispersion — and when it learns.
///
/// Closed buckets are learned a guard interval late (`DetectorConfig.learningDelaySeconds`), the
/// ones still waiting are forgotten when a complaint surge opens, and learning pauses while a
/// watch is open (``pause()``). An outcry that builds from a few posts over a day or more (no influencer, one diner after another) otherwise teaches the
/// baseline and the dispersion, bucket by bucket, that it is normal, and is never surprising;
/// radar detectors keep guard cells out of their noise estimate for the same reason. The price
/// is a baseline that many hours behind a genuine change of level. For the first four warm-up
/// periods (days) buckets are learned at once — a young baseline needs every one: its hour slots
/// have seen each hour a few times and its weekday factor no weekday twice, and learning them
/// late made a busy, bursty topic open a watch on most of its first mornings — then the guard
/// grows to its full width at half the speed of time.
public struct VolumeModel: Sendable {
    public private(set) var baseline: SeasonalBaseline
    public private(set) var dispersion: Dispersion
    private let config: DetectorConfig
    /// Closed buckets not learned yet, oldest first, with the forecast made for each.
    private var pending: [Closed] = []
    private var pendingHead = 0
    /// The last window's worth of learned buckets, for the dispersion's window errors.
    private var learned: [Closed] = []
    /// Buckets are taken but nothing is learned (a watch is open).
    private var paused = false

    struct Closed: Sendable {
        var start: Date
        var count: Int
        var expected: Double
        /// Taken while a watch was open: it teaches the rhythm but not the dispersion (a loud
        /// evening of a quiet topic would pass for its ordinary variability).
        var duringWatch = false
    }

    public init(config: DetectorConfig, utcOffset: Int) {
        self.config = config
        baseline = SeasonalBaseline(bucketSeconds: config.bucketSeconds, seasonalRate: config.seasonalRate, utcOffset: utcOffset,
                                    weeklyRhythm: config.weeklyRhythm)
        dispersion = Dispersion.forDetector(config)
    }

    /// Expected mentions in one bucket at `time`.
    public func expectedPerBucket(at time: Date) -> Double {
        baseline.expectedPerBucket(at: time)
    }

    /// Takes a closed bucket to learn (its forecast is made now, before anything newer is
    /// learned), and learns every waiting bucket that has left the guard interval.
    /// - Parameter first: when the detector saw its first post (warm-up and dispersion schedule).
    public mutating func close(count: Int, start: Date, since first: Date) {
        let item = Closed(start: start, count: count, expected: baseline.expectedPerBucket(at: start), duringWatch: paused)
        let end = start.addingTimeInterval(config.bucketSeconds)
        pending.append(item)
        guard !paused else { return }
        // The guard grows in at half speed once the baseline has seen four warm-up periods, so
        // learning slows down rather than stopping while a young baseline still needs every bucket.
        let settledFor = end.timeIntervalSince(first) - 4 * config.warmupSeconds
        let horizon = end.addingTimeInterval(-min(config.learningDelaySeconds, max(0, settledFor / 2)))
        while pendingHead < pending.count, pending[pendingHead].start.addingTimeInterval(config.bucketSeconds) <= horizon {
            learn(pending[pendingHead], since: first)
            pendingHead += 1
        }
        if pendingHead > 256 {
            pending.removeFirst(pendingHead)
            pendingHead = 0
        }
    }

    /// Forgets the buckets waiting to be learned: a complaint surge has opened, and they may be
    /// its run-up.
    public mutating func forgetPending() {
        pending.removeAll(keepingCapacity: true)
        pendingHead = 0
    }

    /// Stops learning but keeps taking buckets: a watch has opened, and whether its hours are
    /// ordinary is not known yet.
    public mutating func pause() { paused = true }

    /// Learns again, from the oldest bucket still waiting (the next ``close`` learns every one
    /// that has left the guard interval meanwhile).
    public mutating func resume() { paused = false }

    private mutating func learn(_ b: Closed, since first: Date) {
        baseline.learn(count: b.count, bucketStart: b.start)
        guard !b.duringWatch else {
            learned.removeAll()
            return
        }
        let n = max(1, Int(config.windowSeconds / config.bucketSeconds))
        if let last = learned.last, b.start.timeIntervalSince(last.start) != config.bucketSeconds { learned.removeAll() }
        learned.append(b)
        if learned.count > n { learned.removeFirst(learned.count - n) }
        let end = b.start.addingTimeInterval(config.bucketSeconds)
        // A window of buckets learned one after another, against the forecasts made for them.
        guard learned.count == n, config.learnsDispersion(atBucketEnd: end, since: first) else { return }
        dispersion.learn(observed: learned.reduce(0) { $0 + $1.count }, expected: learned.reduce(0) { $0 + $1.expected })
    }
}

import Foundation
import OutcryCore

/// Expected mentions per bucket, learned per hour of day, robust to the spikes it is meant to find.
///
/// Each hour-of-day slot is an exponentially weighted mean of the buckets seen in that hour;
/// until a slot has data, the overall level stands in. Observations are clipped to a Poisson
/// upper bound before they are learned, and are not learned at all while a spike is open, so
/// an outcry does not teach the baseline that outcries are normal.
public struct SeasonalBaseline: Sendable {
    public let bucketSeconds: TimeInterval
    /// Offset (seconds east of UTC) whose local hours define the daily rhythm.
    public let utcOffset: Int
    private var slots: [Double?] = Array(repeating: nil, count: 24)
    private var slotUpdates: [Int] = Array(repeating: 0, count: 24)
    private var level: Double = 0
    private var levelUpdates = 0
    private let seasonalRate: Double

    public init(bucketSeconds: TimeInterval, seasonalRate: Double, utcOffset: Int = 0) {
        self.bucketSeconds = bucketSeconds
        self.seasonalRate = seasonalRate
        self.utcOffset = utcOffset
    }

    func slot(_ time: Date) -> Int {
        let local = Int(floor(time.timeIntervalSince1970)) + utcOffset
        return ((local % 86_400 + 86_400) % 86_400) / 3600
    }

    /// Expected mentions in one bucket at `time`.
    public func expectedPerBucket(at time: Date) -> Double {
        let s = slot(time)
        guard let v = slots[s] else { return level }
        // Shrink a young slot toward the overall level: one day gives a slot only a few buckets,
        // and a low estimate from them would make ordinary volume look surprising.
        let w = Double(slotUpdates[s]) / (Double(slotUpdates[s]) + 12)
        return w * v + (1 - w) * level
    }

    /// Learns one closed bucket.
    public mutating func learn(count: Int, bucketStart: Date) {
        let expected = expectedPerBucket(at: bucketStart)
        let x = Double(count)
        let clipped = levelUpdates < 6 ? x : min(x, expected + 3 * sqrt(max(expected, 0.25)) + 1)
        levelUpdates += 1
        level += (clipped - level) / Double(min(levelUpdates, 288))
        let s = slot(bucketStart)
        let perUpdate = seasonalRate * bucketSeconds / 3600   // one hour slot sees 3600/bucket updates a day
        slotUpdates[s] += 1
        if let old = slots[s] {
            let alpha = max(perUpdate, 1.0 / Double(slotUpdates[s]))
            slots[s] = old + alpha * (clipped - old)
        } else {
            slots[s] = clipped
        }
    }
}

import Foundation
import OutcryCore

/// Expected mentions per bucket, learned per hour of day and per day of week, robust to the
/// spikes it is meant to find.
///
/// The daily rhythm: each hour-of-day slot is an exponentially weighted mean of the buckets seen
/// in that hour; until a slot has data, the overall level stands in. The weekly rhythm: a factor
/// per local weekday, the ratio of what that weekday brought to what the hour slots expected,
/// remembered over about three weeks and shrunk toward 1 until the weekday has been seen —
/// without it a brand with hundreds of mentions an hour, quiet at weekends, looks like it is
/// surging every Monday morning. Slots learn weekday-adjusted counts, so the two rhythms do
/// not fight.
///
/// Observations are clipped to a Poisson upper bound before they are learned, and are not
/// learned at all while a spike is open, so an outcry does not teach the baseline that outcries
/// are normal.
public struct SeasonalBaseline: Sendable {
    public let bucketSeconds: TimeInterval
    /// Offset (seconds east of UTC) whose local hours and weekdays define the rhythms.
    public let utcOffset: Int
    private var slots: [Double?] = Array(repeating: nil, count: 24)
    private var slotUpdates: [Int] = Array(repeating: 0, count: 24)
    private var level: Double = 0
    private var levelUpdates = 0
    private let seasonalRate: Double
    /// Whether the weekly rhythm is learned (else every weekday counts as 1).
    public let weeklyRhythm: Bool
    /// Per weekday: decayed sums of observed and of hour-expected mentions.
    private var weekdayObserved: [Double] = Array(repeating: 0, count: 7)
    private var weekdayExpected: [Double] = Array(repeating: 0, count: 7)

    public init(bucketSeconds: TimeInterval, seasonalRate: Double, utcOffset: Int = 0, weeklyRhythm: Bool = true) {
        self.bucketSeconds = bucketSeconds
        self.seasonalRate = seasonalRate
        self.utcOffset = utcOffset
        self.weeklyRhythm = weeklyRhythm
    }

    private var bucketsPerDay: Double { 86_400 / bucketSeconds }

    private func localSeconds(_ time: Date) -> Int {
        let local = Int(floor(time.timeIntervalSince1970)) + utcOffset
        return (local % 604_800 + 604_800) % 604_800   // the epoch began on a Thursday; any fixed origin will do
    }

    func slot(_ time: Date) -> Int { localSeconds(time) % 86_400 / 3600 }

    func weekday(_ time: Date) -> Int { localSeconds(time) / 86_400 }

    /// Expected mentions in one bucket at `time`.
    public func expectedPerBucket(at time: Date) -> Double {
        hourExpected(at: time) * weekdayFactor(at: time)
    }

    /// The daily rhythm alone.
    private func hourExpected(at time: Date) -> Double {
        let s = slot(time)
        guard let v = slots[s] else { return level }
        // Shrink a young slot toward the overall level: one day gives a slot only a few buckets,
        // and a low estimate from them would make ordinary volume look surprising.
        let w = Double(slotUpdates[s]) / (Double(slotUpdates[s]) + 12)
        return w * v + (1 - w) * level
    }

    /// How busy this weekday is against the daily rhythm: observed over expected, with a tenth
    /// of a day's expected mentions added to both sides as a prior of 1.
    public func weekdayFactor(at time: Date) -> Double {
        let d = weekday(time)
        let prior = 0.1 * bucketsPerDay * max(level, 0.01)
        return (weekdayObserved[d] + prior) / (weekdayExpected[d] + prior)
    }

    /// Learns one closed bucket.
    public mutating func learn(count: Int, bucketStart: Date) {
        let expected = expectedPerBucket(at: bucketStart)
        let x = Double(count)
        let clipped = levelUpdates < 6 ? x : min(x, expected + 3 * sqrt(max(expected, 0.25)) + 1)
        // Weekly rhythm, once a day has given the hour slots something to compare with: a
        // weekday's sums decay over about three of its own days.
        if weeklyRhythm, Double(levelUpdates) >= bucketsPerDay {
            let d = weekday(bucketStart)
            let keep = 1 - 1 / (3 * bucketsPerDay)
            weekdayObserved[d] = weekdayObserved[d] * keep + clipped
            weekdayExpected[d] = weekdayExpected[d] * keep + hourExpected(at: bucketStart)
        }
        // Daily rhythm and level learn the count with the weekday taken out.
        let adjusted = clipped / max(weekdayFactor(at: bucketStart), 0.05)
        levelUpdates += 1
        level += (adjusted - level) / Double(min(levelUpdates, 288))
        let s = slot(bucketStart)
        let perUpdate = seasonalRate * bucketSeconds / 3600   // one hour slot sees 3600/bucket updates a day
        slotUpdates[s] += 1
        if let old = slots[s] {
            let alpha = max(perUpdate, 1.0 / Double(slotUpdates[s]))
            slots[s] = old + alpha * (adjusted - old)
        } else {
            slots[s] = adjusted
        }
    }
}

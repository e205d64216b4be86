import Foundation
import OutcryScoring
import OutcryTesting
import Testing

/// A brand's mentions with a daily rhythm and quiet weekends, learned bucket by bucket.
@Suite struct SeasonalBaselineTests {
    static let bucket: TimeInterval = 600
    /// Monday 2018-03-05 00:00 UTC.
    static let monday = Date(timeIntervalSince1970: 1_520_208_000)

    /// True mentions per 10-minute bucket: 100 at weekday daytime, a third of that at night,
    /// a quarter of the weekday at weekends.
    static func rate(at t: Date) -> Double {
        let seconds = Int(t.timeIntervalSince(monday))
        let hour = seconds % 86_400 / 3600
        let day = seconds / 86_400 % 7
        return 100 * (hour < 7 ? 0.33 : 1) * (day >= 5 ? 0.25 : 1)
    }

    /// Roughly Poisson counts (normal approximation; rates here are large).
    static func count(at t: Date, _ rng: inout SplitMix) -> Int {
        let u1 = Double(rng.next() % 1_000_000 + 1) / 1_000_001, u2 = Double(rng.next() % 1_000_000) / 1_000_000
        let normal = (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
        return max(0, Int((rate(at: t) + rate(at: t).squareRoot() * normal).rounded()))
    }

    /// The baseline after `weeks` of the rhythm.
    static func learned(weeks: Int) -> SeasonalBaseline {
        var baseline = SeasonalBaseline(bucketSeconds: bucket, seasonalRate: DetectorConfig().seasonalRate)
        var rng = SplitMix(seed: 42)
        for i in 0..<(weeks * 7 * 144) {
            let t = monday.addingTimeInterval(Double(i) * bucket)
            baseline.learn(count: count(at: t, &rng), bucketStart: t)
        }
        return baseline
    }

    @Test func learnsTheWeeklyRhythm() {
        let b = Self.learned(weeks: 3)
        let week4 = Self.monday.addingTimeInterval(21 * 86_400)
        for (day, hour) in [(0, 10), (2, 15), (5, 10), (6, 14)] {
            let t = week4.addingTimeInterval(Double(day * 86_400 + hour * 3600))
            let expected = b.expectedPerBucket(at: t), truth = Self.rate(at: t)
            #expect(abs(expected - truth) / truth < 0.15, "day \(day) \(hour):00 expected \(expected), true \(truth)")
        }
        let saturday = b.weekdayFactor(at: week4.addingTimeInterval(5 * 86_400 + 12 * 3600))
        let tuesday = b.weekdayFactor(at: week4.addingTimeInterval(1 * 86_400 + 12 * 3600))
        #expect(abs(saturday / tuesday - 0.25) < 0.05)
    }

    /// Monday morning after a quiet weekend is ordinary; twice Monday's volume is not.
    @Test func mondayAfterAQuietWeekendIsNoSurge() {
        let b = Self.learned(weeks: 3)
        let mondayMorning = Self.monday.addingTimeInterval(21 * 86_400 + 9 * 3600)
        let config = DetectorConfig()
        let buckets = Int(config.windowSeconds / Self.bucket)
        let expected = (0..<buckets).map { b.expectedPerBucket(at: mondayMorning.addingTimeInterval(Double($0) * Self.bucket)) }
            .reduce(0, +)
        let ordinary = Int(Self.rate(at: mondayMorning)) * buckets
        #expect(PoissonTail.surprise(observed: ordinary, expected: expected) < config.openScore)
        #expect(PoissonTail.surprise(observed: 2 * ordinary, expected: expected) >= config.openScore)
    }
}

/// The detector's learning discipline: buckets are learned a guard interval late, and the ones
/// still waiting when a spike opens are never learned.
@Suite struct VolumeModelTests {
    @Test func learnsLateAndForgetsTheRunUpOfASpike() {
        let config = DetectorConfig()
        let first = SeasonalBaselineTests.monday
        var kept = VolumeModel(config: config, utcOffset: 0), forgot = kept
        var t = first
        func close(_ count: Int, hours: Double, forget: Bool = false) {
            for _ in 0..<Int(hours * 6) {
                kept.close(count: count, start: t, since: first)
                forgot.close(count: count, start: t, since: first)
                t = t.addingTimeInterval(config.bucketSeconds)
            }
            if forget { forgot.forgetPending() }
        }
        close(2, hours: 6 * 24)
        close(12, hours: 5, forget: true)   // a run-up, then a spike opens
        // Still inside the guard: neither has learned the run-up yet.
        #expect(abs(kept.expectedPerBucket(at: t) - forgot.expectedPerBucket(at: t)) < 1e-9)
        close(2, hours: 8)
        // Out of the guard: learned by one, forgotten by the other.
        #expect(kept.expectedPerBucket(at: t) > forgot.expectedPerBucket(at: t) + 0.1)
        #expect(abs(forgot.expectedPerBucket(at: t) - 2) < 0.05, "\(forgot.expectedPerBucket(at: t))")
    }

    /// While a watch is open nothing is learned; when it closes as a watch, its hours teach the
    /// rhythm after all (a busy topic's steep morning is ordinary) but not the dispersion (a loud
    /// evening of a quiet topic is not its ordinary variability).
    @Test func aWatchsHoursTeachTheRhythmButNotTheDispersion() {
        let config = DetectorConfig()
        let first = SeasonalBaselineTests.monday
        var plain = VolumeModel(config: config, utcOffset: 0), watched = plain
        var rng = SplitMix(seed: 5)
        var t = first
        func close(hours: Double, _ count: () -> Int, during watch: Bool = false) {
            for _ in 0..<Int(hours * 6) {
                let c = count()
                plain.close(count: c, start: t, since: first)
                watched.close(count: c, start: t, since: first)
                t = t.addingTimeInterval(config.bucketSeconds)
            }
        }
        let steady = { 20 + Int(rng.next() % 17) - 8 }   // about as variable as Poisson counts
        close(hours: 6 * 24, steady)
        let probe = t.addingTimeInterval(86_400)
        let before = watched.expectedPerBucket(at: probe)
        watched.pause()
        close(hours: 6, { 60 + Int(rng.next() % 41) - 20 })   // loud, and far from Poisson
        #expect(watched.expectedPerBucket(at: probe) == before)   // nothing learned while paused
        watched.resume()
        close(hours: 8, steady)
        #expect(abs(watched.expectedPerBucket(at: probe) - plain.expectedPerBucket(at: probe)) < 1e-9)
        #expect(watched.dispersion.value < plain.dispersion.value, "\(watched.dispersion.value) vs \(plain.dispersion.value)")
    }
}

import Foundation
import OutcryCore
import OutcryScoring

/// How well ``SeasonalBaseline`` forecasts real mention volumes, with and without the weekly
/// rhythm: `outcry-bench baseline SERIES.csv…` (NAB format, `timestamp,value`, equal steps).
///
/// Each bucket is forecast before it is learned. Printed per file, after a first week of
/// learning: the median absolute error of hourly totals in log terms, and how many of the
/// 30-minute windows would be surprising enough to open a spike (`DetectorConfig.openScore`) —
/// on ordinary days, a baseline that knows the rhythm finds fewer.
enum BaselineBench {
    struct Result { var hourlyLogError: Double; var surprisingWindows: Int; var windows: Int }

    static func run(paths: [String]) throws {
        print("series                         weekly  hourly |log err| (median)  30-min windows ≥ openScore")
        for path in paths {
            let (times, values) = try load(path)
            for weekly in [false, true] {
                let r = evaluate(times: times, values: values, weekly: weekly)
                let name = URL(fileURLWithPath: path).lastPathComponent
                print(name.padding(toLength: 30, withPad: " ", startingAt: 0), weekly ? "yes   " : "no    ",
                      String(format: "%22.3f  %8d / %d", r.hourlyLogError, r.surprisingWindows, r.windows))
            }
        }
    }

    static func evaluate(times: [Date], values: [Int], weekly: Bool) -> Result {
        let step = times.count > 1 ? times[1].timeIntervalSince(times[0]) : 300
        var baseline = SeasonalBaseline(bucketSeconds: step, seasonalRate: DetectorConfig().seasonalRate, weeklyRhythm: weekly)
        var expected: [Double] = []
        for (t, v) in zip(times, values) {
            expected.append(baseline.expectedPerBucket(at: t))
            baseline.learn(count: v, bucketStart: t)
        }
        let start = Int(7 * 86_400 / step)
        let perHour = max(1, Int(3600 / step)), perWindow = max(1, Int(DetectorConfig().windowSeconds / step))
        var errors: [Double] = []
        for i in stride(from: start, to: values.count - perHour, by: perHour) {
            let o = Double(values[i..<i + perHour].reduce(0, +)), e = expected[i..<i + perHour].reduce(0, +)
            errors.append(abs(log((o + 1) / (e + 1))))
        }
        var surprising = 0, windows = 0
        for i in stride(from: start, to: values.count - perWindow, by: perWindow) {
            windows += 1
            let o = values[i..<i + perWindow].reduce(0, +), e = expected[i..<i + perWindow].reduce(0, +)
            if PoissonTail.surprise(observed: o, expected: max(e, 0.3)) >= DetectorConfig().openScore { surprising += 1 }
        }
        errors.sort()
        return Result(hourlyLogError: errors.isEmpty ? 0 : errors[errors.count / 2], surprisingWindows: surprising, windows: windows)
    }

    static func load(_ path: String) throws -> ([Date], [Int]) {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var times: [Date] = [], values: [Int] = []
        for (n, line) in text.split(separator: "\n").enumerated() where n > 0 {
            let cols = line.split(separator: ",")
            guard cols.count >= 2, let v = Double(cols[1]),
                  let t = Timestamp.parse(cols[0].replacingOccurrences(of: " ", with: "T") + "Z") ?? Timestamp.parse(String(cols[0])) else {
                throw InputError(file: path, line: n + 1, field: "timestamp,value", "expected timestamp,value")
            }
            times.append(t)
            values.append(Int(v.rounded()))
        }
        return (times, values)
    }
}

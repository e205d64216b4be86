import Foundation
import OutcryCore
import OutcryScoring

/// How well the surge detector's baseline and tail fit real mention volumes:
/// `outcry-bench baseline [--labels NAB_LABELS.json] SERIES.csv…` (NAB format, `timestamp,value`).
///
/// Each bucket is forecast before it is learned, by the detector's own ``VolumeModel``. Printed per
/// file, after a first week of learning, for five set-ups (daily rhythm with a Poisson tail;
/// + weekly rhythm; + negative-binomial tail with learned dispersion; the same learned 6 or 24
/// hours late, as the detector's guard interval does): the median absolute error of hourly totals
/// in log terms, and how many 30-minute windows are surprising enough to open a spike
/// (`DetectorConfig.openScore`) — with NAB's labels, split into windows inside a labelled anomaly
/// window (wanted) and outside (false alarms, most of them).
enum BaselineBench {
    struct Setup { var name: String; var weekly: Bool; var dispersion: Bool; var delayHours: Double = 0 }
    static let setups = [Setup(name: "daily, Poisson", weekly: false, dispersion: false),
                         Setup(name: "+ weekly", weekly: true, dispersion: false),
                         Setup(name: "+ weekly, NB", weekly: true, dispersion: true),
                         Setup(name: "+ 6 h late", weekly: true, dispersion: true, delayHours: 6),
                         Setup(name: "+ 24 h late", weekly: true, dispersion: true, delayHours: 24)]

    struct Result { var hourlyLogError: Double; var inside = 0; var outside = 0; var windowsInside = 0; var windowsOutside = 0; var anomaliesHit: Set<Int> = [] }

    static func run(arguments: [String]) throws {
        var paths = arguments
        var labels: [String: [[String]]] = [:]
        if paths.first == "--labels", paths.count >= 2 {
            let data = try Data(contentsOf: URL(fileURLWithPath: paths[1]))
            labels = (try JSONSerialization.jsonObject(with: data) as? [String: [[String]]]) ?? [:]
            paths.removeFirst(2)
        }
        print("series                     set-up            hourly |log err|   surprising 30-min windows: in labelled anomaly windows / elsewhere   anomalies with one")
        for path in paths {
            let series = try VolumeSeries(path: path)
            let times = series.rows.compactMap(\.time), values = series.rows.map { Int($0.count.rounded()) }
            guard times.count == values.count else { throw InputError(file: path, "a timestamp is neither NAB's nor RFC 3339") }
            let name = URL(fileURLWithPath: path).lastPathComponent
            let anomalies: [ClosedRange<Date>] = labels.first { $0.key.hasSuffix("/" + name) }?.value.compactMap { pair -> ClosedRange<Date>? in
                guard pair.count == 2, let a = VolumeSeries.date(pair[0]), let b = VolumeSeries.date(pair[1]) else { return nil }
                return a...b
            } ?? []
            for setup in setups {
                let r = evaluate(times: times, values: values, setup: setup, anomalies: anomalies)
                print(name.padding(toLength: 26, withPad: " ", startingAt: 0), setup.name.padding(toLength: 16, withPad: " ", startingAt: 0),
                      String(format: "%12.3f   %6d / %-4d  %6d / %-4d  %d / %d", r.hourlyLogError, r.inside, r.windowsInside, r.outside, r.windowsOutside,
                             r.anomaliesHit.count, anomalies.count))
            }
        }
    }

    static func evaluate(times: [Date], values: [Int], setup: Setup, anomalies: [ClosedRange<Date>]) -> Result {
        let step = times.count > 1 ? times[1].timeIntervalSince(times[0]) : 300
        var config = DetectorConfig()
        config.bucketSeconds = step   // the series' own steps are the buckets
        let perHour = max(1, Int(3600 / step)), perWindow = max(1, Int(config.windowSeconds / step))
        config.weeklyRhythm = setup.weekly
        config.learnDispersion = setup.dispersion
        config.learningDelaySeconds = setup.delayHours * 3600
        var model = VolumeModel(config: config, utcOffset: 0)
        var expected: [Double] = []
        var phi: [Double] = []   // the dispersion known before each bucket
        for (t, v) in zip(times, values) {
            expected.append(model.expectedPerBucket(at: t))
            phi.append(model.dispersion.value)
            model.close(count: v, start: t, since: times[0])
        }
        let start = Int(7 * 86_400 / step)
        var errors: [Double] = []
        for i in stride(from: start, to: values.count - perHour, by: perHour) {
            let o = Double(values[i..<i + perHour].reduce(0, +)), e = expected[i..<i + perHour].reduce(0, +)
            errors.append(abs(log((o + 1) / (e + 1))))
        }
        errors.sort()
        var r = Result(hourlyLogError: errors.isEmpty ? 0 : errors[errors.count / 2])
        for i in stride(from: start, to: values.count - perWindow, by: perWindow) {
            let o = values[i..<i + perWindow].reduce(0, +), e = max(expected[i..<i + perWindow].reduce(0, +), 0.3)
            let s = NegativeBinomialTail.surprise(observed: o, expected: e, dispersion: phi[i])
            let anomaly = anomalies.firstIndex { $0.contains(times[i]) }
            if anomaly != nil { r.windowsInside += 1 } else { r.windowsOutside += 1 }
            if s >= config.openScore, o >= config.minVolume {
                if let a = anomaly { r.inside += 1; r.anomaliesHit.insert(a) } else { r.outside += 1 }
            }
        }
        return r
    }
}

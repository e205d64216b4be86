import OutcryConfig
import OutcryScoring
import Yams

/// The `detector:` section of `sources.yml`: how eager surge detection is. Sensitivity is a
/// team's trade-off between early and false alarms (docs/BENCHMARKS.md measures it on real
/// series), so the surprise thresholds are theirs to set; everything else keeps its default.
///
///     detector:
///       open_score: 6          # -log10 tail probability of a 30-min window that opens a spike
///       min_volume: 8          # …and the mentions it must hold
///       warning_score: 10
///       critical_score: 20
///       weekly_rhythm: true    # learn quieter weekends (or busier ones)
///       learn_dispersion: true # negative-binomial tail from each topic's own variability
///       learning_delay_hours: 6  # what the baseline learns trails the present by this much
enum DetectorSection {
    static func parse(_ node: Node, _ y: YAMLConfig) throws -> DetectorConfig {
        let f = "detector"
        let m = try y.mapping(node, field: f, allowed: ["open_score", "min_volume", "warning_score", "critical_score",
                                                        "weekly_rhythm", "learn_dispersion", "learning_delay_hours"])
        var c = DetectorConfig()
        let scores = 0.5...300.0
        let scoreWords = "a surprise between 0.5 and 300 (-log10 of a probability)"
        if let v = try y.optionalNumber(m, "open_score", field: f, in: scores, expected: scoreWords) { c.openScore = v }
        if let v = try y.optionalNumber(m, "warning_score", field: f, in: scores, expected: scoreWords) { c.warningScore = v }
        if let v = try y.optionalNumber(m, "critical_score", field: f, in: scores, expected: scoreWords) { c.criticalScore = v }
        if let v = try y.optionalNumber(m, "min_volume", field: f, in: 1...1_000_000, expected: "a whole number of mentions ≥ 1") {
            guard v == v.rounded() else { throw y.fail(m["min_volume"]!, "\(f).min_volume", "expected a whole number of mentions ≥ 1") }
            c.minVolume = Int(v)
        }
        guard c.openScore <= c.warningScore, c.warningScore <= c.criticalScore else {
            throw y.fail(node, f, "expected open_score ≤ warning_score ≤ critical_score (now \(c.openScore), \(c.warningScore), \(c.criticalScore))")
        }
        if let v = try y.optionalBool(m, "weekly_rhythm", field: f) { c.weeklyRhythm = v }
        if let v = try y.optionalBool(m, "learn_dispersion", field: f) { c.learnDispersion = v }
        if let v = try y.optionalNumber(m, "learning_delay_hours", field: f, in: 0...168, expected: "hours between 0 and 168") {
            c.learningDelaySeconds = v * 3600
        }
        return c
    }
}

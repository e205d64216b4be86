import Foundation

/// Anomaly scores for a bare mention-volume series (equal steps), for `outcry detect`.
///
/// Strictly causal: the score of a point uses that point and earlier ones only. Each count is
/// compared with the median of the previous day in units of its median absolute deviation (a
/// robust z-score: past spikes do not inflate the baseline the way a mean and standard deviation
/// would), with the day's mean count added to the variance as a Poisson floor: at low counts
/// (median 0, MAD 0) a single mention is not a 1,000-sigma event. Once the evidence is strong,
/// the detector stays silent for a day: one incident, one alert. This is the first, measured baseline of issue 4 (see docs/BENCHMARKS.md); the seasonal
/// Poisson detector used by replay is ``SurgeDetector``.
public struct SeriesDetector: Sendable {
    /// Points in the reference window (one day).
    public let window: Int
    /// z at which the score reaches 0.8 and alerts are suppressed afterwards.
    public var suppressAtZ = 8.0
    /// Points of silence after a strong signal (one day).
    public var suppressPoints: Int
    private var history: [Double] = []
    private var quietUntil = -1
    private var index = 0

    public init(stepSeconds: Double) {
        window = max(12, Int((86_400 / max(stepSeconds, 1)).rounded()))
        suppressPoints = window
    }

    /// The anomaly score in [0, 1] for the next value.
    public mutating func score(_ value: Double) -> Double {
        defer { index += 1 }
        let previous = history.suffix(window)
        history.append(value)
        if history.count > window * 2 { history.removeFirst(history.count - window) }
        guard previous.count >= window / 4 else { return 0 }
        let sorted = previous.sorted()
        let median = sorted[sorted.count / 2]
        let mad = previous.map { abs($0 - median) }.sorted()[previous.count / 2]
        let mean = previous.reduce(0, +) / Double(previous.count)
        let spread = 1.4826 * mad
        let z = (value - median) / (spread * spread + max(mean, 0.1)).squareRoot()
        if index < quietUntil { return 0 }
        if z >= suppressAtZ { quietUntil = index + suppressPoints }
        // Monotone in z; 0.8 at suppressAtZ.
        return 1 - exp(-max(0, z) * log(5) / suppressAtZ)
    }
}

/// How much more a topic's window counts vary than a Poisson process of the same mean: the φ
/// of variance = mean + φ × mean², learned from the baseline's own forecast errors.
///
/// A pooled method-of-moments estimate, Σ((observed − expected)² − expected) / Σ expected²,
/// over exponentially decaying sums (about two days of windows), so quiet windows with tiny
/// expectations barely move it. Each error is clipped at three standard deviations first,
/// and nothing is learned while a spike is open: a surge must not teach the detector that
/// surges are ordinary variation.
public struct Dispersion: Sendable {
    private var excess = 0.0
    private var scale = 0.0
    private let keep: Double

    /// - Parameter memory: how many observations the sums remember (their decay time).
    public init(memory: Double) {
        keep = 1 - 1 / max(memory, 1)
    }

    /// φ ≥ 0; 0 until there is evidence of over-dispersion.
    public var value: Double { scale > 0 ? max(0, excess / scale) : 0 }

    /// Learns one window: what was counted against what the baseline expected.
    public mutating func learn(observed: Int, expected: Double) {
        let e = max(expected, 0.3)
        let limit = 3 * (e + value * e * e).squareRoot() + 1
        let error = min(abs(Double(observed) - e), limit)
        excess = excess * keep + (error * error - e)
        scale = scale * keep + e * e
    }
}

/// How much more a topic's window counts vary than a Poisson process of the same mean: the φ
/// of variance = mean + φ × mean², learned from the baseline's own forecast errors.
///
/// A pooled method-of-moments estimate, Σ((observed − expected)² − expected) / Σ expected²,
/// over exponentially decaying sums that start from a prior of Poisson windows (the detector
/// remembers a week), so quiet windows with tiny expectations barely move it, and a few hours
/// of an outcry building up cannot pass for ordinary variability. Each error is clipped at two
/// standard deviations first, and nothing is learned while a spike is open: a surge must not
/// teach the detector that surges are ordinary variation.
public struct Dispersion: Sendable {
    private var excess = 0.0
    private var scale = 0.0
    private let keep: Double
    private let prior: Double

    /// - Parameters:
    ///   - memory: how many windows the sums remember (their decay time).
    ///   - prior: how many windows' worth of Poisson behaviour (φ = 0) the estimate starts from,
    ///     so the first few windows cannot swing it.
    public init(memory: Double, prior: Double = 48) {
        keep = 1 - 1 / max(memory, 1)
        self.prior = prior
    }

    /// The surge detector's: a week of its windows, so an outcry building over an hour or two
    /// cannot pass for variability.
    public static func forDetector(_ config: DetectorConfig) -> Dispersion {
        Dispersion(memory: 7 * 86_400 / config.windowSeconds)
    }

    /// φ ≥ 0; 0 until there is evidence of over-dispersion.
    public var value: Double { scale > 0 ? max(0, excess / scale) : 0 }

    /// Learns one window: what was counted against what the baseline expected.
    public mutating func learn(observed: Int, expected: Double) {
        let e = max(expected, 0.3)
        if scale == 0 { scale = prior * e * e }
        // Two standard deviations (and one mention): a window far out, or a run of them while an
        // outcry builds, adds little more than an ordinary one; genuinely bursty counts still
        // push φ up, a little every window, until they fit.
        let limit = 2 * (e + value * e * e).squareRoot() + 1
        let error = min(abs(Double(observed) - e), limit)
        excess = excess * keep + (error * error - e)
        scale = scale * keep + e * e
    }
}

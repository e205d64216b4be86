import Foundation

/// How surprising a count is under a Poisson baseline, meaningful at low counts where a plain
/// ratio is not (3 mentions against an expected 0.5 is a ratio of 6 and means little).
public enum PoissonTail {
    /// -log10 P(X >= k) for X ~ Poisson(lambda); 0 when k <= lambda. Capped at 300.
    public static func surprise(observed k: Int, expected lambda: Double) -> Double {
        let lambda = max(lambda, 1e-9)
        guard Double(k) > lambda else { return 0 }
        let logLambda = log(lambda)
        func logTerm(_ i: Int) -> Double { -lambda + Double(i) * logLambda - lgamma(Double(i) + 1) }
        let first = logTerm(k)
        var sum = 1.0
        var i = k + 1
        var rel = 1.0
        while i < k + 10_000 {
            rel *= lambda / Double(i)
            sum += rel
            if rel < 1e-15 * sum { break }
            i += 1
        }
        let log10p = (first + log(sum)) / log(10.0)
        return min(300, max(0, -log10p))
    }
}

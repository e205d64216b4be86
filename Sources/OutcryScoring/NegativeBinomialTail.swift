import Foundation

/// How surprising a count is when the baseline's counts vary more than a Poisson process
/// would: mention counts come in bursts (a repost chain, a news cycle), so at hundreds of
/// mentions per window their spread is many times √mean and a Poisson tail cries wolf.
///
/// Negative binomial with mean `expected` and variance `expected + dispersion × expected²`;
/// with dispersion 0 it is ``PoissonTail`` exactly.
public enum NegativeBinomialTail {
    /// -log10 P(X >= k); 0 when k <= expected. Capped at 300.
    public static func surprise(observed k: Int, expected mean: Double, dispersion: Double) -> Double {
        guard dispersion > 1e-9 else { return PoissonTail.surprise(observed: k, expected: mean) }
        let mean = max(mean, 1e-9)
        guard Double(k) > mean else { return 0 }
        // X counts failures before the r-th success, success probability r / (r + mean):
        // P(X >= k) = I_x(k, r) with x = mean / (r + mean), the regularized incomplete beta.
        let r = 1 / dispersion
        let x = mean / (r + mean)
        let log10p = IncompleteBeta.logRegularized(x: x, a: Double(k), b: r) / log(10.0)
        return min(300, max(0, -log10p))
    }
}

/// The regularized incomplete beta function in log space, so far tails stay finite.
enum IncompleteBeta {
    /// log I_x(a, b) for a, b > 0 and 0 < x < 1.
    static func logRegularized(x: Double, a: Double, b: Double) -> Double {
        if x <= 0 { return -.infinity }
        if x >= 1 { return 0 }
        let logFront = a * log(x) + b * log1p(-x) - logBeta(a, b)
        if x < (a + 1) / (a + b + 2) {
            return logFront + log(continuedFraction(x: x, a: a, b: b)) - log(a)
        }
        // The symmetric side converges there; the result is not a far tail, so 1 - … is safe.
        let complement = exp(logFront + log(continuedFraction(x: 1 - x, a: b, b: a)) - log(b))
        return log(max(1 - complement, .leastNormalMagnitude))
    }

    static func logBeta(_ a: Double, _ b: Double) -> Double { lgamma(a) + lgamma(b) - lgamma(a + b) }

    /// Lentz's method for the incomplete beta continued fraction (Numerical Recipes `betacf`).
    static func continuedFraction(x: Double, a: Double, b: Double) -> Double {
        let tiny = 1e-300
        var c = 1.0
        var d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...10_000 {
            let m = Double(m), m2 = 2 * m
            var aa = m * (b - m) * x / ((a + m2 - 1) * (a + m2))
            d = 1 + aa * d; if abs(d) < tiny { d = tiny }
            c = 1 + aa / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1))
            d = 1 + aa * d; if abs(d) < tiny { d = tiny }
            c = 1 + aa / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-14 { break }
        }
        return h
    }
}

import Foundation
import OutcryScoring
import OutcryTesting
import Testing

@Suite struct NegativeBinomialTailTests {
    /// -log10 P(X >= k) by summing the probability mass below k.
    static func direct(_ k: Int, mean: Double, dispersion: Double) -> Double {
        let r = 1 / dispersion, p = r / (r + mean)
        var below = 0.0
        for i in 0..<k {
            let x = Double(i)
            below += exp(lgamma(x + r) - lgamma(r) - lgamma(x + 1) + r * log(p) + x * log1p(-p))
        }
        return -log10(1 - below)
    }

    @Test(arguments: [(30, 10.0, 0.5), (25, 10.0, 0.05), (400, 200.0, 0.1), (12, 3.0, 1.0)])
    func agreesWithTheMassFunction(_ k: Int, _ mean: Double, _ dispersion: Double) {
        let s = NegativeBinomialTail.surprise(observed: k, expected: mean, dispersion: dispersion)
        #expect(abs(s - Self.direct(k, mean: mean, dispersion: dispersion)) < 1e-6 * max(1, s))
    }

    @Test func isPoissonWithoutDispersionAndGentlerWithIt() {
        #expect(NegativeBinomialTail.surprise(observed: 30, expected: 4, dispersion: 0) == PoissonTail.surprise(observed: 30, expected: 4))
        let poissonLike = NegativeBinomialTail.surprise(observed: 450, expected: 300, dispersion: 1e-6)
        let bursty = NegativeBinomialTail.surprise(observed: 450, expected: 300, dispersion: 0.2)
        #expect(abs(poissonLike - PoissonTail.surprise(observed: 450, expected: 300)) < 0.01 * poissonLike)
        #expect(bursty < 2 && poissonLike > 10)
        #expect(NegativeBinomialTail.surprise(observed: 200, expected: 300, dispersion: 0.2) == 0)
    }

    @Test func farTailsStayFinite() {
        let s = NegativeBinomialTail.surprise(observed: 100_000, expected: 10, dispersion: 0.1)
        #expect(s > 50 && s <= 300)
    }
}

@Suite struct DispersionTests {
    /// Window counts with mean `mean` and variance mean + φ·mean² (gamma-mixed Poisson).
    static func windows(_ n: Int, mean: Double, phi: Double, seed: UInt64) -> [Int] {
        var rng = SplitMix(seed: seed)
        func uniform() -> Double { Double(rng.next() % 1_000_000 + 1) / 1_000_001 }
        func normal() -> Double { (-2 * log(uniform())).squareRoot() * cos(2 * .pi * uniform()) }
        func gamma(_ shape: Double) -> Double {   // Marsaglia–Tsang, shape ≥ 1
            let d = shape - 1.0 / 3, c = 1 / (9 * d).squareRoot()
            while true {
                let z = normal(), v = pow(1 + c * z, 3)
                if v > 0, log(uniform()) < 0.5 * z * z + d - d * v + d * log(v) { return d * v }
            }
        }
        return (0..<n).map { _ in
            let rate = phi > 0 ? mean * gamma(1 / phi) * phi : mean
            return max(0, Int((rate + rate.squareRoot() * normal()).rounded()))
        }
    }

    @Test func learnsTheExcessVariance() {
        var bursty = Dispersion(memory: 288)
        for x in Self.windows(2_000, mean: 200, phi: 0.25, seed: 1) { bursty.learn(observed: x, expected: 200) }
        #expect(abs(bursty.value - 0.25) < 0.08, "\(bursty.value)")
        var poisson = Dispersion(memory: 288)
        for x in Self.windows(2_000, mean: 200, phi: 0, seed: 2) { poisson.learn(observed: x, expected: 200) }
        #expect(poisson.value < 0.01, "\(poisson.value)")
    }

    @Test func oneOutlierDoesNotTeachIt() {
        var d = Dispersion(memory: 288)
        for x in Self.windows(1_000, mean: 200, phi: 0, seed: 3) { d.learn(observed: x, expected: 200) }
        d.learn(observed: 20_000, expected: 200)
        #expect(d.value < 0.01, "\(d.value)")
    }
}

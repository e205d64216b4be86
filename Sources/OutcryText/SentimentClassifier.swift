import Foundation

/// The forced binary call a review or sentiment set asks for — `outcry classify`.
public struct Classification: Sendable, Hashable {
    /// Negative or complaining, all evidence weighed.
    public var negative: Bool
    /// A grievance against a seller or service (the lexicon's call, as in ``Analysis``).
    public var complaint: Bool
    /// Combined log-odds mapped to [0, 1]; higher is more negative.
    public var score: Double
    /// Lexicon terms that spoke, in order of appearance.
    public var terms: [String]
}

/// Lexicon evidence (``Analyzer``) plus the learned ``PolarityModel``, summed as log-odds.
///
/// Kept out of ``Analyzer`` because ingest needs topics and complaints, not this call: the
/// model costs a second scan per post that only classification pays.
public struct SentimentClassifier: Sendable {
    public let analyzer: Analyzer
    /// `nil` classifies by the lexicons alone (a diagnostic: what the model adds).
    public let model: PolarityModel?

    public init(analyzer: Analyzer = Analyzer(topics: []), model: PolarityModel? = .standard) {
        self.analyzer = analyzer
        self.model = model
    }

    /// How much one unit of the model's log-odds counts against one of the lexicon's. Below 1
    /// because the model learned from reviews (shop, book, hotel, Amazon, film) and is
    /// over-confident on other text — Weibo posts, tweets — where the lexicon holds up better.
    public static let modelWeight = 0.5

    public func classify(_ text: String) -> Classification {
        let folded = analyzer.normalizer.fold(text)
        let a = analyzer.analyze(folded: folded)
        let z = a.polarity + Self.modelWeight * (model?.logOdds(folded: folded) ?? 0)
        return Classification(negative: z > 0, complaint: a.complaint, score: 1 / (1 + exp(-z)), terms: a.terms)
    }
}

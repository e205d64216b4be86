import Foundation

/// BM25 of every ticket version in a window against a spike's query, from the postings of the
/// query's tokens, in dense per-document arrays (no hashing per posting): how much of what the
/// posts say a ticket says.
struct TextRelevance {
    /// By document number; 0 for a document sharing no query token.
    private(set) var scores: [Double]
    /// The documents with a score, in the order they were first reached.
    private(set) var touched: [Int] = []
    /// Inverse document frequency of each query token found in the window.
    private(set) var idf: [String: Double] = [:]
    /// The window's mean document length.
    let averageLength: Double

    init(index: TicketIndex, query: Query, window: ClosedRange<Double>, at now: Double, windowDocuments: [Int]) {
        let n = Double(windowDocuments.count)
        averageLength = Double(windowDocuments.reduce(0) { $0 + index.length($1, at: now) }) / n
        scores = [Double](repeating: 0, count: index.documentCount)
        var lengths = [Int32](repeating: -1, count: index.documentCount)
        var tf = [Int32](repeating: 0, count: index.documentCount)
        var containing: [Int] = []
        for (token, qw) in query.weights {
            containing.removeAll(keepingCapacity: true)
            index.forEachPosting(token, at: now, window: window) { d, count in
                if tf[d] == 0 { containing.append(d) }
                tf[d] += Int32(count)
            }
            guard !containing.isEmpty else { continue }
            let df = Double(containing.count)
            let w = log(1 + (n - df + 0.5) / (df + 0.5))
            idf[token] = w
            for d in containing {
                if lengths[d] < 0 { lengths[d] = Int32(index.length(d, at: now)) }
                if scores[d] == 0 { touched.append(d) }
                scores[d] += qw * w * saturation(Int(tf[d]), length: Int(lengths[d]))
                tf[d] = 0
            }
        }
    }

    /// The best score in the window (never 0, so scores can be divided by it).
    var best: Double { max(touched.map { scores[$0] }.max() ?? 0, 1e-9) }

    /// BM25's term-frequency saturation with length normalization (k1 1.2, b 0.75).
    func saturation(_ tf: Int, length: Int) -> Double {
        let k1 = 1.2, b = 0.75
        return Double(tf) * (k1 + 1) / (Double(tf) + k1 * (1 - b + b * Double(length) / max(averageLength, 1)))
    }

    /// Each query token's share of a ticket's score: which words it shares with the posts.
    func contributions(in doc: TicketDocument, query: Query) -> [String: Double] {
        var out: [String: Double] = [:]
        for (t, qw) in query.weights {
            guard let tf = doc.tokens[t], let w = idf[t] else { continue }
            out[t] = qw * w * saturation(tf, length: doc.length)
        }
        return out
    }
}

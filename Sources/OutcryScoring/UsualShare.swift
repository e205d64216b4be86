/// The share of a topic's mentions that are of one kind — praise and deal talk — learned bucket by
/// bucket with a week's memory, so a window's surplus of that kind can be told from its usual.
struct UsualShare: Sendable {
    private var part = 0.0
    private var whole = 0.0
    private let keep: Double

    /// - Parameter memory: how many buckets the sums remember (their decay time).
    init(memory: Double) {
        keep = 1 - 1 / max(memory, 1)
    }

    /// In [0, 1]; 0 until a mention was learned.
    var value: Double { whole > 0 ? part / whole : 0 }

    /// Learns one bucket: `part` of its `whole` mentions were of the kind.
    mutating func learn(part p: Int, of w: Int) {
        part = part * keep + Double(p)
        whole = whole * keep + Double(w)
    }
}

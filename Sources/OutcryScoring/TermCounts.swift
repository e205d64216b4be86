/// Counts by ``TermID`` (a ``TermTable``): a topic's or a spike's vocabulary.
public struct TermCounts: Sendable {
    struct Entry: Sendable {
        var count = 0.0
        /// The last ``TermCounts/add(_:_:once:)`` stamp it was counted under.
        var stamp: UInt32 = 0
    }

    private var table: TermTable<Entry>

    public init(capacity: Int = 64) {
        table = TermTable(capacity: capacity, empty: Entry())
    }

    public var count: Int { table.count }

    public subscript(id: TermID) -> Double? {
        table.slot(of: id).map { table[slot: $0].count }
    }

    /// Adds `amount` to the id's count.
    public mutating func add(_ id: TermID, _ amount: Double) {
        table[slot: table.claim(id)].count += amount
    }

    /// Adds `amount` unless the id was already counted under `stamp` — a post's terms counted once
    /// each, in any order, without sorting them first. `stamp` is never 0.
    public mutating func add(_ id: TermID, _ amount: Double, once stamp: UInt32) {
        let i = table.claim(id)
        guard table[slot: i].stamp != stamp else { return }
        table[slot: i].stamp = stamp
        table[slot: i].count += amount
    }

    /// Every (id, count) pair, in no particular order.
    public var pairs: [(id: TermID, count: Double)] {
        var out: [(id: TermID, count: Double)] = []
        out.reserveCapacity(count)
        table.forEach { out.append(($0, $1.count)) }
        return out
    }

    /// Keeps only the entries `keep` accepts.
    public mutating func filter(_ keep: (TermID, Double) -> Bool) {
        table.filter { keep($0, $1.count) }
    }
}

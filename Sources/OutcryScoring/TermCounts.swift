/// Counts by ``TermID`` in an open-addressing table. Term ids are already FNV hashes, so they
/// index the table directly; a `Dictionary` would hash each one again (SipHash) on every count,
/// which was the largest cost of keeping a topic's baseline vocabulary.
public struct TermCounts: Sendable {
    private var keys: [UInt64]
    private var values: [Double]
    /// The last ``add(_:_:once:)`` stamp each id was counted under (empty until one is used).
    private var stamps: [UInt32] = []
    public private(set) var count = 0

    public init(capacity: Int = 64) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = [UInt64](repeating: 0, count: size)
        values = [Double](repeating: 0, count: size)
    }

    /// Adds `amount` unless the id was already counted under `stamp` — a post's terms counted once
    /// each, in any order, without sorting them first. `stamp` is never 0.
    public mutating func add(_ id: TermID, _ amount: Double, once stamp: UInt32) {
        if (count + 1) * 2 > keys.count { grow() }
        if stamps.count != keys.count { stamps = [UInt32](repeating: 0, count: keys.count) }
        let k = Self.key(id)
        let mask = keys.count - 1
        var i = Int(truncatingIfNeeded: k ^ (k >> 29)) & mask
        while true {
            let here = keys[i]
            if here == k {
                if stamps[i] != stamp {
                    stamps[i] = stamp
                    values[i] += amount
                }
                return
            }
            if here == 0 {
                keys[i] = k
                values[i] = amount
                stamps[i] = stamp
                count += 1
                return
            }
            i = (i + 1) & mask
        }
    }

    /// 0 marks an empty slot, so the (vanishingly rare) id 0 is stored as 1.
    @inline(__always) private static func key(_ id: TermID) -> UInt64 { id == 0 ? 1 : id }

    public subscript(id: TermID) -> Double? {
        let k = Self.key(id)
        let mask = keys.count - 1
        var i = Int(truncatingIfNeeded: k ^ (k >> 29)) & mask
        while true {
            let here = keys[i]
            if here == k { return values[i] }
            if here == 0 { return nil }
            i = (i + 1) & mask
        }
    }

    /// Adds `amount` to the id's count and returns the new count.
    @discardableResult
    public mutating func add(_ id: TermID, _ amount: Double) -> Double {
        if (count + 1) * 2 > keys.count { grow() }
        let k = Self.key(id)
        let mask = keys.count - 1
        var i = Int(truncatingIfNeeded: k ^ (k >> 29)) & mask
        while true {
            let here = keys[i]
            if here == k {
                values[i] += amount
                return values[i]
            }
            if here == 0 {
                keys[i] = k
                values[i] = amount
                count += 1
                return amount
            }
            i = (i + 1) & mask
        }
    }

    /// Every (id, count) pair, in no particular order.
    public var pairs: [(id: TermID, count: Double)] {
        var out: [(id: TermID, count: Double)] = []
        out.reserveCapacity(count)
        for i in keys.indices where keys[i] != 0 { out.append((keys[i], values[i])) }
        return out
    }

    /// Keeps only the entries `keep` accepts.
    public mutating func filter(_ keep: (TermID, Double) -> Bool) {
        var next = TermCounts(capacity: count)
        for i in keys.indices where keys[i] != 0 && keep(keys[i], values[i]) { next.add(keys[i], values[i]) }
        self = next
    }

    private mutating func grow() {
        var next = TermCounts(capacity: keys.count)
        for i in keys.indices where keys[i] != 0 {
            if stamps.isEmpty { next.add(keys[i], values[i]) } else { next.add(keys[i], values[i], once: stamps[i] == 0 ? 1 : stamps[i]) }
        }
        self = next
    }
}

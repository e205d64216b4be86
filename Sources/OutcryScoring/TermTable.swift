/// An open-addressing hash table keyed by ``TermID``: the mechanism ``TermCounts`` and
/// ``ComplaintThemes`` share. Term ids are already FNV hashes, so they index the table directly
/// (a `Dictionary` would hash each one again with SipHash on every count — once the largest cost
/// of keeping a topic's vocabulary); linear probing, at most half full, nothing ever removed
/// except by ``filter(_:)``.
struct TermTable<Value: Sendable>: Sendable {
    private var keys: [UInt64]
    /// Each key's value, at the key's slot.
    private var values: [Value]
    private(set) var count = 0
    private let empty: Value

    /// - Parameter empty: the value a new key's slot starts with.
    init(capacity: Int = 64, empty: Value) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = [UInt64](repeating: 0, count: size)
        values = [Value](repeating: empty, count: size)
        self.empty = empty
    }

    /// 0 marks an empty slot, so the (vanishingly rare) id 0 is stored as 1.
    @inline(__always) private static func key(_ id: TermID) -> UInt64 { id == 0 ? 1 : id }

    @inline(__always) private static func home(_ k: UInt64, mask: Int) -> Int { Int(truncatingIfNeeded: k ^ (k >> 29)) & mask }

    /// Where `k` is, or the empty slot where it would go.
    @inline(__always) private func probe(_ k: UInt64) -> (slot: Int, found: Bool) {
        let mask = keys.count - 1
        var i = Self.home(k, mask: mask)
        while true {
            let here = keys[i]
            if here == k { return (i, true) }
            if here == 0 { return (i, false) }
            i = (i + 1) & mask
        }
    }

    /// The slot holding `id`, or nil.
    func slot(of id: TermID) -> Int? {
        let (i, found) = probe(Self.key(id))
        return found ? i : nil
    }

    /// The slot of `id`, claimed (holding `empty`) if it is new; the table grows first when
    /// half full, so the slot stays valid until the next call.
    @inline(__always) mutating func claim(_ id: TermID) -> Int {
        if (count + 1) * 2 > keys.count { rebuild(capacity: keys.count) { _, _ in true } }
        let k = Self.key(id)
        let (i, found) = probe(k)
        if !found {
            keys[i] = k
            count += 1
        }
        return i
    }

    /// The value at a slot ``claim(_:)`` or ``slot(of:)`` returned.
    subscript(slot i: Int) -> Value {
        get { values[i] }
        set { values[i] = newValue }
    }

    /// Changes every value in place (a rescaling).
    mutating func modifyValues(_ body: (inout Value) -> Void) {
        for i in keys.indices where keys[i] != 0 { body(&values[i]) }
    }

    /// Every (id, value) pair, in no particular order.
    func forEach(_ body: (TermID, Value) -> Void) {
        for i in keys.indices where keys[i] != 0 { body(keys[i], values[i]) }
    }

    /// Keeps only the entries `keep` accepts, in a table sized for them.
    mutating func filter(_ keep: (TermID, Value) -> Bool) {
        rebuild(capacity: count / 2, keep)
    }

    /// The entries `keep` accepts, in a table for at least `capacity` (and twice what is kept).
    private mutating func rebuild(capacity: Int, _ keep: (TermID, Value) -> Bool) {
        let oldKeys = keys, oldValues = values
        let kept = oldKeys.indices.filter { oldKeys[$0] != 0 && keep(oldKeys[$0], oldValues[$0]) }
        self = TermTable(capacity: max(capacity, kept.count), empty: empty)
        for i in kept { values[claim(oldKeys[i])] = oldValues[i] }
    }
}

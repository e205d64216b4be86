extension Sequence {
    /// The best `k` elements, best first, for a strict total order `better`: what sorting all
    /// of them and taking a prefix gives, with one comparison for most elements instead of a
    /// sort — a spike's candidate tickets number hundreds of thousands at a million tickets,
    /// and only the shortlist's few dozen are wanted.
    func best(_ k: Int, by better: (Element, Element) -> Bool) -> [Element] {
        guard k > 0 else { return [] }
        var kept: [Element] = []
        kept.reserveCapacity(k + 1)
        for x in self {
            if kept.count == k, let last = kept.last, !better(x, last) { continue }
            // Insert after every kept element better than x (binary search on the sorted window).
            var lo = 0, hi = kept.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if better(kept[mid], x) { lo = mid + 1 } else { hi = mid }
            }
            kept.insert(x, at: lo)
            if kept.count > k { kept.removeLast() }
        }
        return kept
    }
}

/// A rewritten copy of a byte array, made only when something is rewritten: unchanged runs are
/// copied whole, and a source with no rewrite comes back as it was, without a copy. The text
/// passes over multi-megabyte feeds (C1 controls, CDATA markers, SGML shorthand) mostly find
/// nothing to change.
public struct ByteSplicer {
    private let source: [UInt8]
    private var out: [UInt8] = []
    /// Source bytes before this index are in `out`.
    private var copied = 0
    private var changed = false

    public init(_ source: [UInt8]) { self.source = source }

    /// Replaces `source[range]` with `bytes`. Ranges must come in increasing, non-overlapping order.
    public mutating func replace(_ range: Range<Int>, with bytes: some Sequence<UInt8>) {
        if !changed {
            out.reserveCapacity(source.count + 16)
            changed = true
        }
        out.append(contentsOf: source[copied..<range.lowerBound])
        out.append(contentsOf: bytes)
        copied = range.upperBound
    }

    /// The source with every replacement made.
    public consuming func result() -> [UInt8] {
        guard changed else { return source }
        out.append(contentsOf: source[copied...])
        return out
    }
}

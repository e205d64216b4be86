/// Folds text so that what a user writes in a topic matches what people post.
///
/// Full-width forms become ASCII (`ＪＤ` → `JD`, the ideographic space → a space), letters are
/// lower-cased, and Traditional characters become Simplified through OpenCC's character table
/// (`京東` → `京东`). The result is idempotent: `fold(fold(x)) == fold(x)`.
public struct Normalizer: Sendable {
    public static let shared = Normalizer()

    private let traditionalToSimplified: [UInt32: Unicode.Scalar]

    public init() {
        var map: [UInt32: Unicode.Scalar] = [:]
        var pending: Unicode.Scalar?
        for scalar in TSCharacters.pairs.unicodeScalars where scalar.value > 0x7F {
            if let t = pending {
                map[t.value] = scalar
                pending = nil
            } else {
                pending = scalar
            }
        }
        // OpenCC maps a few characters whose Simplified form is itself Traditional elsewhere in
        // the table; resolve chains so that folding twice changes nothing.
        for (k, v) in map {
            var target = v
            var steps = 0
            while let next = map[target.value], steps < 4, next != target {
                target = next
                steps += 1
            }
            map[k] = target
        }
        traditionalToSimplified = map
    }

    /// Number of Traditional → Simplified pairs loaded (for diagnostics and tests).
    public var tableSize: Int { traditionalToSimplified.count }

    /// The folded form of `text`.
    public func fold(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            fold(scalar, into: &out)
        }
        return String(out)
    }

    @inline(__always)
    private func fold(_ scalar: Unicode.Scalar, into out: inout String.UnicodeScalarView) {
        let v = scalar.value
        if v < 0x80 {
            // ASCII fast path: lower-case letters.
            if v >= 0x41 && v <= 0x5A {
                out.append(Unicode.Scalar(v + 0x20)!)
            } else {
                out.append(scalar)
            }
            return
        }
        if v >= 0xFF01 && v <= 0xFF5E {
            // Full-width ASCII variants.
            fold(Unicode.Scalar(v - 0xFEE0)!, into: &out)
            return
        }
        if v == 0x3000 || v == 0x00A0 {
            out.append(" ")
            return
        }
        if let s = traditionalToSimplified[v] {
            out.append(s)
            return
        }
        if scalar.properties.changesWhenLowercased {
            out.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
            return
        }
        out.append(scalar)
    }
}

/// Things that identify one case across a post and a ticket: order numbers, product model
/// names, @handles, phone-number tails. Extracted from raw (unfolded) text so that
/// capitalisation can mark a model name, and returned folded for comparison.
public struct Identifiers: Sendable, Hashable {
    public var orders: Set<String> = []
    public var models: Set<String> = []
    public var handles: Set<String> = []

    public init() {}

    public var isEmpty: Bool { orders.isEmpty && models.isEmpty && handles.isEmpty }

    /// Scans `text` for identifiers.
    public static func extract(_ text: String) -> Identifiers {
        var ids = Identifiers()
        let scalars = Array(text.unicodeScalars.map { s -> Unicode.Scalar in
            // Fold full-width ASCII so `Ｃｏｍｆｏｒｔ Ｕ` and `７７２３…` are found too.
            (0xFF01...0xFF5E).contains(s.value) ? Unicode.Scalar(s.value - 0xFEE0)! : s
        })
        var i = 0
        func isDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 0x30 && s.value <= 0x39 }
        func isUpper(_ s: Unicode.Scalar) -> Bool { s.value >= 0x41 && s.value <= 0x5A }
        func isLetter(_ s: Unicode.Scalar) -> Bool { isUpper(s) || (s.value >= 0x61 && s.value <= 0x7A) }
        func word(at j: Int) -> (String, Int) {
            var k = j
            var w = ""
            while k < scalars.count, isLetter(scalars[k]) || isDigit(scalars[k]) || scalars[k] == "-" {
                w.unicodeScalars.append(scalars[k])
                k += 1
            }
            return (w, k)
        }
        while i < scalars.count {
            let s = scalars[i]
            if s == "@" {
                var k = i + 1
                var h = ""
                while k < scalars.count, !scalars[k].properties.isWhitespace,
                      !":：,，。!！?？)）(（@#".unicodeScalars.contains(scalars[k]), h.unicodeScalars.count < 30 {
                    h.unicodeScalars.append(scalars[k])
                    k += 1
                }
                if !h.isEmpty { ids.handles.insert(h.lowercased()) }
                i = k
                continue
            }
            if isDigit(s) {
                var k = i
                var n = ""
                while k < scalars.count, isDigit(scalars[k]) {
                    n.unicodeScalars.append(scalars[k])
                    k += 1
                }
                let prevIsLetter = i > 0 && isLetter(scalars[i - 1])
                if n.count >= 8 && !prevIsLetter { ids.orders.insert(n) }
                i = k
                continue
            }
            if isUpper(s), i == 0 || !isLetter(scalars[i - 1]) {
                // A capitalised word followed by a capitalised word or a short code: "Comfort U",
                // "Contour U", "AirPods Pro", "X-500".
                let (first, end) = word(at: i)
                var phrase = first
                var k = end
                while k + 1 < scalars.count, scalars[k] == " ", isUpper(scalars[k + 1]) || isDigit(scalars[k + 1]) {
                    let (next, nextEnd) = word(at: k + 1)
                    phrase += " " + next
                    k = nextEnd
                }
                let hasCode = first.unicodeScalars.contains(where: isDigit) || first.contains("-")
                if phrase != first || (hasCode && first.count >= 3) {
                    ids.models.insert(phrase.lowercased())
                }
                i = max(end, k)
                continue
            }
            i += 1
        }
        return ids
    }
}

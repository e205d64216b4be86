/// How many terminal columns text takes: East Asian wide and fullwidth characters and emoji take
/// two, combining marks and zero-width characters none (after Unicode's EastAsianWidth W/F and
/// the emoji presentation ranges). Everything a dashboard aligns goes through here.
public enum DisplayWidth {
    public static func of(_ c: Character) -> Int {
        var total = 0
        for (i, s) in c.unicodeScalars.enumerated() {
            let w = of(s)
            // A base character's width; variation selectors and joiners add nothing.
            total = i == 0 ? w : max(total, w == 2 ? 2 : total)
        }
        return total
    }

    public static func of(_ s: Unicode.Scalar) -> Int {
        let v = s.value
        if v == 0 || (0x300...0x36F).contains(v) || (0x200B...0x200F).contains(v) || v == 0x2060 || (0xFE00...0xFE0F).contains(v)
            || (0x1AB0...0x1AFF).contains(v) || (0x20D0...0x20FF).contains(v) || v == 0xFEFF { return 0 }
        if (0x1100...0x115F).contains(v) || (0x231A...0x231B).contains(v) || (0x2329...0x232A).contains(v)
            || (0x23E9...0x23EC).contains(v) || v == 0x23F0 || v == 0x23F3 || (0x25FD...0x25FE).contains(v)
            || (0x2614...0x2615).contains(v) || (0x2648...0x2653).contains(v) || v == 0x267F || v == 0x2693 || v == 0x26A1
            || (0x26AA...0x26AB).contains(v) || (0x26BD...0x26BE).contains(v) || (0x26C4...0x26C5).contains(v) || v == 0x26CE
            || v == 0x26D4 || v == 0x26EA || (0x26F2...0x26F3).contains(v) || v == 0x26F5 || v == 0x26FA || v == 0x26FD
            || v == 0x2705 || (0x270A...0x270B).contains(v) || v == 0x2728 || v == 0x274C || v == 0x274E
            || (0x2753...0x2755).contains(v) || v == 0x2757 || (0x2795...0x2797).contains(v) || v == 0x27B0 || v == 0x27BF
            || (0x2B1B...0x2B1C).contains(v) || v == 0x2B50 || v == 0x2B55
            || (0x2E80...0x303E).contains(v) || (0x3041...0x33FF).contains(v) || (0x3400...0x4DBF).contains(v)
            || (0x4E00...0x9FFF).contains(v) || (0xA000...0xA4CF).contains(v) || (0xA960...0xA97F).contains(v)
            || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v) || (0xFE10...0xFE19).contains(v)
            || (0xFE30...0xFE6F).contains(v) || (0xFF00...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v)
            || (0x1F004 == v) || v == 0x1F0CF || v == 0x1F18E || (0x1F191...0x1F19A).contains(v) || (0x1F200...0x1F251).contains(v)
            || (0x1F300...0x1F64F).contains(v) || (0x1F680...0x1F6FF).contains(v) || (0x1F900...0x1F9FF).contains(v)
            || (0x1FA70...0x1FAFF).contains(v) || (0x20000...0x3FFFD).contains(v) {
            return 2
        }
        return 1
    }

    /// Columns `s` takes.
    public static func of(_ s: String) -> Int { s.reduce(0) { $0 + of($1) } }

    /// The longest prefix of `s` that fits in `n` columns, with `…` when cut.
    public static func fit(_ s: String, _ n: Int, ellipsis: Bool = true) -> String {
        guard n > 0 else { return "" }
        if of(s) <= n { return s }
        var out = ""
        var used = 0
        let limit = ellipsis ? n - 1 : n
        for c in s {
            let w = of(c)
            if used + w > limit { break }
            out.append(c)
            used += w
        }
        return ellipsis ? out + "…" : out
    }

    /// `s` cut or padded with spaces to exactly `n` columns.
    public static func pad(_ s: String, _ n: Int) -> String {
        let cut = fit(s, n)
        return cut + String(repeating: " ", count: max(0, n - of(cut)))
    }

    /// Right-aligned in exactly `n` columns.
    public static func padLeft(_ s: String, _ n: Int) -> String {
        let cut = fit(s, n)
        return String(repeating: " ", count: max(0, n - of(cut))) + cut
    }
}

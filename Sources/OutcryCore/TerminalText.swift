/// Makes untrusted text (posts, authors, tickets) safe to print on a terminal.
///
/// Removes ANSI/OSC escape sequences and every control character (C0, DEL, C1), and the
/// bidirectional overrides that can make text read differently from what it is. Newlines and
/// tabs become spaces, so one post stays on one line.
public enum TerminalText {
    public static func sanitize(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var scalars = text.unicodeScalars.makeIterator()
        while let s = scalars.next() {
            let v = s.value
            if v == 0x1B || v == 0x9B || v == 0x9D {
                // Skip an escape sequence: CSI (ESC [ … final byte), OSC (ESC ] … BEL or ST), or ESC + one char.
                var kind: UInt32 = v == 0x9B ? 0x5B : (v == 0x9D ? 0x5D : 0)
                if kind == 0, let next = scalars.next() { kind = next.value }
                if kind == 0x5B {
                    while let c = scalars.next(), !(0x40...0x7E).contains(c.value) {}
                } else if kind == 0x5D || kind == 0x50 || kind == 0x5F {
                    var previous: UInt32 = 0
                    while let c = scalars.next() {
                        if c.value == 0x07 || c.value == 0x9C || (previous == 0x1B && c.value == 0x5C) { break }
                        previous = c.value
                    }
                }
                continue
            }
            if v == 0x0A || v == 0x09 || v == 0x0D {
                out.append(" ")
                continue
            }
            if v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) { continue }
            if (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) || v == 0x200E || v == 0x200F { continue }
            out.append(s)
        }
        return String(out)
    }

    /// Sanitized and cut to at most `limit` characters, with an ellipsis when cut.
    public static func clip(_ text: String, _ limit: Int) -> String {
        let clean = sanitize(text)
        guard clean.count > limit else { return clean }
        return String(clean.prefix(max(0, limit - 1))) + "…"
    }
}

/// The check every request header passes before it is written: a line break in a value — a
/// token read from the environment with a stray `\r\n` — would end the header early and start
/// another one of the value's choosing (header injection), and a bad name would corrupt the
/// request.
///
/// Checked on bytes: Swift compares `"\r\n"` as one Character, equal to neither `"\r"` nor `"\n"`,
/// so a Character test lets exactly the dangerous pair through.
public enum HeaderField {
    /// Why the header cannot be sent, or nil when it can. Names the header, never its value
    /// (it may be a secret).
    public static func problem(name: String, value: String) -> String? {
        if name.isEmpty || name.utf8.contains(where: { !isTokenByte($0) }) {
            let shown = String(String.UnicodeScalarView(name.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "?" : $0 }))
            return "header name '\(shown)' is not an HTTP token"
        }
        if value.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A || $0 == 0x00 }) {
            return "header '\(name)' has a line break in its value"
        }
        return nil
    }

    /// RFC 9110 `tchar`: letters, digits and ``!#$%&'*+-.^_`|~``.
    static func isTokenByte(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): return true
        default: return "!#$%&'*+-.^_`|~".utf8.contains(b)
        }
    }
}

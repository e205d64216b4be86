/// Escapes untrusted text (posts, authors, tickets) for each markup sink, after removing
/// control, escape and bidi-override characters (``TerminalText/sanitize(_:)``). One place, so
/// the timeline, alert messages and reports cannot drift apart on safety.
public enum UntrustedText {
    /// For HTML text and attribute values.
    public static func html(_ s: String) -> String {
        var out = ""
        for ch in TerminalText.sanitize(s) {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
        return out
    }

    /// For Markdown (CommonMark, DingTalk, WeCom, Feishu): syntax and table pipes escaped so
    /// text cannot inject links, HTML, headings or layout; one line per value.
    public static func markdown(_ s: String) -> String {
        var out = ""
        for ch in TerminalText.sanitize(s) {
            switch ch {
            case "\\", "`", "*", "_", "{", "}", "[", "]", "(", ")", "#", "+", "!", "|", "~", ">":
                out.append("\\"); out.append(ch)
            case "<": out += "&lt;"
            case "&": out += "&amp;"
            default: out.append(ch)
            }
        }
        return out
    }

    /// For Slack mrkdwn: `&`, `<`, `>` escaped, so text cannot mention `<!channel>` or forge a
    /// `<url|label>` link (Slack has no escape for `*`/`_`; at worst they format, faithfully).
    public static func slack(_ s: String) -> String {
        var out = ""
        for ch in TerminalText.sanitize(s) {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.append(ch)
            }
        }
        return out
    }
}

/// Escapes untrusted text (posts, authors, tickets) for each markup sink, after removing
/// control, escape and bidi-override characters (``TerminalText/sanitize(_:)``). One place, so
/// the timeline, alert messages and reports cannot drift apart on safety.
public enum UntrustedText {
    /// For HTML text and attribute values.
    public static func html(_ s: String) -> String {
        escape(s) {
            switch $0 {
            case "&": "&amp;"
            case "<": "&lt;"
            case ">": "&gt;"
            case "\"": "&quot;"
            case "'": "&#39;"
            default: nil
            }
        }
    }

    /// For Markdown (CommonMark, DingTalk, WeCom, Feishu): syntax and table pipes escaped so
    /// text cannot inject links, HTML, headings or layout; one line per value.
    public static func markdown(_ s: String) -> String {
        escape(s) {
            switch $0 {
            case "\\", "`", "*", "_", "{", "}", "[", "]", "(", ")", "#", "+", "!", "|", "~", ">": "\\" + String($0)
            case "<": "&lt;"
            case "&": "&amp;"
            default: nil
            }
        }
    }

    /// For Slack mrkdwn: `&`, `<`, `>` escaped, so text cannot mention `<!channel>` or forge a
    /// `<url|label>` link (Slack has no escape for `*`/`_`; at worst they format, faithfully).
    public static func slack(_ s: String) -> String {
        escape(s) {
            switch $0 {
            case "&": "&amp;"
            case "<": "&lt;"
            case ">": "&gt;"
            default: nil
            }
        }
    }

    /// Sanitizes, then replaces each character `replacement` has a replacement for.
    static func escape(_ s: String, _ replacement: (Character) -> String?) -> String {
        var out = ""
        for ch in TerminalText.sanitize(s) {
            if let r = replacement(ch) { out += r } else { out.append(ch) }
        }
        return out
    }
}

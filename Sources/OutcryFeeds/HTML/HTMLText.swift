import OutcryXML

/// Turns the HTML that feeds put in titles and descriptions into plain text for scoring.
public enum HTMLText {
    /// A named entity HTML 4 defines (`eacute`, `nbsp`), or `apos`.
    static func isKnownEntity(_ name: String) -> Bool {
        HTMLEntities.codePoints[name] != nil
    }

    /// Drops tags, scripts and styles, decodes entities and collapses white space.
    public static func plain(_ html: String) -> String {
        guard html.contains("<") || html.contains("&") else { return collapse(html) }
        var out = ""
        var i = html.startIndex
        while i < html.endIndex {
            let ch = html[i]
            if ch == "<" {
                let rest = html[i...].prefix(8).lowercased()
                if rest.hasPrefix("<script") || rest.hasPrefix("<style") {
                    let closer = rest.hasPrefix("<script") ? "</script" : "</style"
                    if let r = html.range(of: closer, options: .caseInsensitive, range: i..<html.endIndex),
                       let gt = html[r.upperBound...].firstIndex(of: ">") {
                        i = html.index(after: gt)
                    } else {
                        i = html.endIndex
                    }
                    continue
                }
                if let gt = html[i...].firstIndex(of: ">") {
                    let tag = html[html.index(after: i)..<gt].lowercased()
                    if tag.hasPrefix("br") || tag.hasPrefix("p") || tag.hasPrefix("/p") || tag.hasPrefix("div") || tag.hasPrefix("li") {
                        out.append(" ")
                    }
                    i = html.index(after: gt)
                } else {
                    out.append(ch)
                    i = html.index(after: i)
                }
            } else if ch == "&", let semi = html[i...].prefix(12).firstIndex(of: ";") {
                let name = String(html[html.index(after: i)..<semi])
                if let decoded = decodeEntity(name) {
                    out += decoded
                    i = html.index(after: semi)
                } else {
                    out.append(ch)
                    i = html.index(after: i)
                }
            } else {
                out.append(ch)
                i = html.index(after: i)
            }
        }
        return collapse(out)
    }

    static func decodeEntity(_ name: String) -> String? {
        if name.hasPrefix("#x") || name.hasPrefix("#X"), let v = UInt32(name.dropFirst(2), radix: 16), let s = Unicode.Scalar(v) {
            return String(Character(s))
        }
        if name.hasPrefix("#"), let v = UInt32(name.dropFirst()), let s = Unicode.Scalar(v) { return String(Character(s)) }
        if name == "apos" { return "'" }
        return HTMLEntities.codePoints[name].flatMap(Unicode.Scalar.init).map { String(Character($0)) }
    }

    static func collapse(_ s: String) -> String {
        s.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}

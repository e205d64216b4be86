import Foundation
import OutcryCore

/// Dates as feeds really write them: RFC 822 and its variants, ISO 8601/W3CDTF, and the
/// Chinese forms RSSHub and Chinese sites emit (`2018年3月12日 10:00`, `2018-03-12 10:00 +0800`).
public enum FeedDate {
    static let months = ["jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
                         "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12]
    static let zones = ["ut": 0, "utc": 0, "gmt": 0, "z": 0, "est": -5, "edt": -4, "cst": -6, "cdt": -5,
                        "mst": -7, "mdt": -6, "pst": -8, "pdt": -7]

    /// Parses any supported form; a date without a zone is taken as UTC (as feedparser does).
    public static func parse(_ raw: String) -> Date? {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return nil }
        if let d = Timestamp.parse(text) { return d }
        if let d = iso8601(text) { return d }
        if let d = rfc822(text) { return d }
        return nil
    }

    /// Splits into runs of digits, runs of letters and single punctuation marks.
    static func lex(_ s: String) -> [String] {
        var out: [String] = []
        var cur = ""
        var curKind = 0
        for ch in s {
            let kind = ch.isNumber && ch.isASCII ? 1 : (ch.isLetter && ch.isASCII ? 2 : 3)
            if kind == curKind && kind != 3 {
                cur.append(ch)
            } else {
                if !cur.isEmpty { out.append(cur) }
                cur = String(ch)
                curKind = kind
            }
        }
        if !cur.isEmpty { out.append(cur) }
        return out.filter { $0 != " " && $0 != "," && $0 != "\t" }
    }

    static func build(_ y: Int, _ mo: Int, _ d: Int, _ h: Int, _ mi: Int, _ s: Int, offset: Int) -> Date? {
        guard (1...12).contains(mo), (1...31).contains(d), h < 25, mi < 60, s < 62 else { return nil }
        let days = Timestamp.daysFromCivil(year: y, month: mo, day: d)
        return Date(timeIntervalSince1970: Double(days * 86_400 + h * 3600 + mi * 60 + s - offset))
    }

    static func offset(_ tokens: ArraySlice<String>) -> Int? {
        var t = Array(tokens)
        guard let first = t.first else { return 0 }
        if let z = zones[first.lowercased()] { return z * 3600 }
        guard first == "+" || first == "-" else { return nil }
        let sign = first == "-" ? -1 : 1
        t.removeFirst()
        guard let digits = t.first, let n = Int(digits) else { return nil }
        if digits.count == 4 { return sign * ((n / 100) * 3600 + (n % 100) * 60) }
        if digits.count <= 2, t.count >= 3, t[1] == ":", let m = Int(t[2]) { return sign * (n * 3600 + m * 60) }
        if digits.count <= 2 { return sign * n * 3600 }
        return nil
    }

    /// `2018-03-12`, `2018-03-12T10:00`, `2018-03-12 10:00:00 +0800`, `2018年3月12日 10:00`.
    static func iso8601(_ text: String) -> Date? {
        let folded = text.replacingOccurrences(of: "年", with: "-").replacingOccurrences(of: "月", with: "-")
            .replacingOccurrences(of: "日", with: " ").replacingOccurrences(of: "T", with: " ")
        let t = lex(folded)
        guard t.count >= 5, t[0].count == 4, let y = Int(t[0]), t[1] == "-", let mo = Int(t[2]), t[3] == "-",
              let d = Int(t[4]) else {
            if t.count >= 3, t[0].count == 4, let y = Int(t[0]), t[1] == "-", let mo = Int(t[2]), t.count == 3 {
                return build(y, mo, 1, 0, 0, 0, offset: 0)
            }
            if t.count == 1, t[0].count == 4, let y = Int(t[0]) { return build(y, 1, 1, 0, 0, 0, offset: 0) }
            return nil
        }
        var i = 5
        var h = 0, mi = 0, s = 0
        if i + 2 < t.count, let hh = Int(t[i]), t[i + 1] == ":", let mm = Int(t[i + 2]) {
            h = hh; mi = mm; i += 3
            if i + 1 < t.count, t[i] == ":", let ss = Int(t[i + 1]) {
                s = ss; i += 2
                if i + 1 < t.count, t[i] == ".", Int(t[i + 1]) != nil { i += 2 }
            }
        }
        guard let off = offset(t[i...]) else { return nil }
        return build(y, mo, d, h, mi, s, offset: off)
    }

    /// `Mon, 12 Mar 2018 10:00:00 +0800`, `12 Mar 18 10:00 GMT`, `Mon, 12 Mar 2018 10:00 CST`.
    static func rfc822(_ text: String) -> Date? {
        var t = lex(text)
        if let f = t.first, f.count >= 3, Int(f) == nil, months[String(f.prefix(3)).lowercased()] == nil { t.removeFirst() }
        guard t.count >= 3 else { return nil }
        var d: Int?, mo: Int?
        if let dd = Int(t[0]), let m = months[String(t[1].prefix(3)).lowercased()] { d = dd; mo = m }
        else if let m = months[String(t[0].prefix(3)).lowercased()], let dd = Int(t[1]) { d = dd; mo = m }
        guard let day = d, let month = mo, var y = Int(t[2]) else { return nil }
        if t[2].count == 2 { y += y < 50 ? 2000 : 1900 }
        var i = 3
        var h = 0, mi = 0, s = 0
        if i + 2 < t.count, let hh = Int(t[i]), t[i + 1] == ":", let mm = Int(t[i + 2]) {
            h = hh; mi = mm; i += 3
            if i + 1 < t.count, t[i] == ":", let ss = Int(t[i + 1]) { s = ss; i += 2 }
        }
        let off = offset(t[i...]) ?? 0
        return build(y, month, day, h, mi, s, offset: off)
    }
}

import Foundation
import OutcryCore

/// Dates as feeds really write them: RFC 822 and its variants, ISO 8601/W3CDTF, and the
/// Chinese forms RSSHub and Chinese sites emit (`2018年3月12日 10:00`, `2018-03-12 10:00 +0800`).
public enum FeedDate {
    static let months = ["jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
                         "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12]
    static let zones = ["ut": 0, "utc": 0, "gmt": 0, "z": 0, "est": -5, "edt": -4, "cst": -6, "cdt": -5,
                        "mst": -7, "mdt": -6, "pst": -8, "pdt": -7, "met": 1, "mest": 2, "cet": 1, "cest": 2,
                        "at": -4, "ast": -4, "adt": -3, "et": -5, "ct": -6, "mt": -7, "pt": -8, "kst": 9, "jst": 9,
                        "hkt": 8, "sgt": 8]

    /// Localized month and weekday names feeds are known to use (Greek, Hungarian), mapped to English.
    static let localizedNames: [(String, String)] = [
        ("január", "Jan"), ("február", "Feb"), ("március", "Mar"), ("április", "Apr"), ("május", "May"),
        ("június", "Jun"), ("július", "Jul"), ("augusztus", "Aug"), ("szeptember", "Sep"), ("október", "Oct"),
        ("november", "Nov"), ("december", "Dec"),
        ("Ιαν", "Jan"), ("Φεβ", "Feb"), ("Μάρ", "Mar"), ("Μαρ", "Mar"), ("Απρ", "Apr"), ("Μάι", "May"), ("Μαϊ", "May"),
        ("Μαι", "May"), ("Ιούν", "Jun"), ("Ιον", "Jun"), ("Ιούλ", "Jul"), ("Ιολ", "Jul"), ("Αύγ", "Aug"), ("Αυγ", "Aug"),
        ("Σεπ", "Sep"), ("Οκτ", "Oct"), ("Νοέ", "Nov"), ("Νοε", "Nov"), ("Δεκ", "Dec"),
        ("Κυρ", "Sun"), ("Δευ", "Mon"), ("Τρι", "Tue"), ("Τετ", "Wed"), ("Πεμ", "Thu"), ("Παρ", "Fri"), ("Σαβ", "Sat"),
    ]

    /// Parses any supported form; a date without a zone is taken as UTC (as feedparser does).
    public static func parse(_ raw: String) -> Date? {
        var text = raw.trimmedWhitespace
        guard !text.isEmpty else { return nil }
        if let d = Timestamp.parse(text) { return d }
        if let d = rfc822Common(text) { return d }
        // Fast path: the common RFC 822 form ("Mon, 12 Mar 2018 …") in plain ASCII.
        if text.utf8.allSatisfy({ $0 < 0x80 }), let first = text.utf8.first, (0x41...0x5A).contains(first) || (0x61...0x7A).contains(first),
           let d = rfc822(text) {
            return d
        }
        if text.utf8.contains(where: { $0 >= 0x80 }) {
            for (local, english) in localizedNames where text.contains(local) {
                text = text.replacingOccurrences(of: local, with: english)
            }
            if let d = korean(text) { return d }
        }
        if let d = compactISO(text) { return d }
        if let d = iso8601(text) { return d }
        if let d = rfc822(text) { return d }
        return nil
    }

    /// The form nearly every RSS feed writes, `Thu, 01 Mar 2018 00:00:00 +0800` (weekday optional,
    /// zone numeric or GMT/UT/UTC/Z), read straight from the bytes; nil sends anything else
    /// through the general parser, which accepts this form too and gives the same answer.
    static func rfc822Common(_ text: String) -> Date? {
        let u = Array(text.utf8)
        func letter(_ i: Int) -> Bool { i < u.count && ((u[i] | 0x20) >= 0x61 && (u[i] | 0x20) <= 0x7A) }
        func number(_ i: inout Int, digits: ClosedRange<Int>) -> Int? {
            var n = 0, k = i
            while k < u.count, u[k] >= 0x30, u[k] <= 0x39, k - i < digits.upperBound { n = n * 10 + Int(u[k] - 0x30); k += 1 }
            guard digits.contains(k - i) else { return nil }
            i = k
            return n
        }
        func expect(_ i: inout Int, _ b: UInt8) -> Bool {
            guard i < u.count, u[i] == b else { return false }
            i += 1
            return true
        }
        var i = 0
        if letter(0), letter(1), letter(2), u.count > 5, u[3] == 0x2C, u[4] == 0x20,
           months[String(decoding: u[0..<3], as: UTF8.self).lowercased()] == nil { i = 5 }
        guard let day = number(&i, digits: 1...2), expect(&i, 0x20), letter(i), letter(i + 1), letter(i + 2),
              let month = months[String(decoding: u[i..<(i + 3)], as: UTF8.self).lowercased()] else { return nil }
        i += 3
        guard expect(&i, 0x20), let year = number(&i, digits: 4...4), expect(&i, 0x20),
              let h = number(&i, digits: 2...2), expect(&i, 0x3A), let mi = number(&i, digits: 2...2), expect(&i, 0x3A),
              let sec = number(&i, digits: 2...2), expect(&i, 0x20), i < u.count else { return nil }
        var offset = 0
        if u[i] == 0x2B || u[i] == 0x2D {
            let sign = u[i] == 0x2D ? -1 : 1
            i += 1
            guard let z = number(&i, digits: 4...4), z % 100 < 60 else { return nil }
            offset = sign * ((z / 100) * 3600 + (z % 100) * 60)
        } else {
            let zone = String(decoding: u[i...], as: UTF8.self)
            guard ["GMT", "UT", "UTC", "Z"].contains(zone) else { return nil }
            i = u.count
        }
        guard i == u.count else { return nil }
        return build(year, month, day, h, mi, sec, offset: offset)
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
        // Years outside 1…9999 are no date (Python's datetime range, so feedparser's too), and a
        // hostile "2 Mar 2777777777701" must not overflow the arithmetic below.
        guard (1...9999).contains(y), (1...12).contains(mo), (1...31).contains(d), (0..<25).contains(h), (0..<60).contains(mi),
              (0..<62).contains(s), abs(offset) <= 48 * 3600 else { return nil }
        let days = Timestamp.daysFromCivil(year: y, month: mo, day: d)
        return Date(timeIntervalSince1970: Double(days * 86_400 + h * 3600 + mi * 60 + s - offset))
    }

    static func offset(_ tokens: ArraySlice<String>) -> Int? {
        var t = Array(tokens)
        guard var first = t.first else { return 0 }
        if first.lowercased() == "etc", t.count >= 3, t[1] == "/" {
            t.removeFirst(2)
            first = t[0]
        }
        if let z = zones[first.lowercased()] {
            if t.count > 1, t[1] == "+" || t[1] == "-" { return offset(t.dropFirst()[...]) }
            return t.count == 1 ? z * 3600 : nil
        }
        guard first == "+" || first == "-" else { return nil }
        let sign = first == "-" ? -1 : 1
        t.removeFirst()
        guard let digits = t.first, let n = Int(digits) else { return nil }
        if digits.count == 4, t.count == 1, n % 100 < 60 { return sign * ((n / 100) * 3600 + (n % 100) * 60) }
        if digits.count <= 2, t.count == 3, t[1] == ":", let m = Int(t[2]), m < 60, n < 24 { return sign * (n * 3600 + m * 60) }
        if digits.count <= 2, t.count == 1, n < 24 { return sign * n * 3600 }
        return nil
    }

    /// `2018-03-12`, `2018-03-12T10:00`, `2018-03-12 10:00:00 +0800`, `2018年3月12日 10:00`.
    static func iso8601(_ text: String) -> Date? {
        var folded = text.replacingOccurrences(of: "年", with: "-").replacingOccurrences(of: "月", with: "-")
            .replacingOccurrences(of: "日", with: " ")
            .replacingOccurrences(of: #"(?<=\d)T(?=\d)"#, with: " ", options: .regularExpression)
        // Perforce: "Fri, 2006/09/15 08:19:53 EDT"; a leading weekday is dropped.
        if let r = folded.range(of: #"^[A-Za-z]{3},?\s+(?=\d{4}[/-])"#, options: .regularExpression) { folded.removeSubrange(r) }
        if folded.range(of: #"^\d{4}/\d{1,3}/\d{1,2}"#, options: .regularExpression) != nil {
            folded = folded.replacingOccurrences(of: "/", with: "-")
        }
        // Hungarian "2004-Jul-13": a month name between hyphens.
        if let r = folded.range(of: #"^\d{4}-[A-Za-z]{3}-"#, options: .regularExpression),
           let m = months[String(folded[r].dropFirst(5).prefix(3)).lowercased()] {
            folded.replaceSubrange(r, with: String(folded[r].prefix(5)) + String(m) + "-")
        }
        let t = lex(folded)
        guard t.count >= 5, t[0].count == 4, let y = Int(t[0]), t[1] == "-", t[2].count <= 3, let mo = Int(t[2]), t[3] == "-",
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
        // "T" between date and time was folded to a space; a later one means garbage.
        if text.range(of: #"\dT[A-Za-z]"#, options: .regularExpression) != nil { return nil }
        guard let off = offset(t[i...]) else { return nil }
        return build(y, mo, d, h, mi, s, offset: off)
    }

    /// Korean forms (assumed KST, UTC+9): `2004-05-25 오후 11:23:17`, `2004년 05월 28일  01:31:15`.
    static func korean(_ text: String) -> Date? {
        guard text.unicodeScalars.contains(where: { (0xAC00...0xD7A3).contains($0.value) }) else { return nil }
        let pm = text.contains("오후")
        let cleaned = text.replacingOccurrences(of: "년", with: "-").replacingOccurrences(of: "월", with: "-")
            .replacingOccurrences(of: "일", with: " ").replacingOccurrences(of: "오후", with: " ").replacingOccurrences(of: "오전", with: " ")
        let t = lex(cleaned).filter { $0 != "-" || true }
        let numbers = t.compactMap { Int($0) }
        guard numbers.count >= 6 else { return nil }
        var h = numbers[3]
        if pm, h < 12 { h += 12 }
        return build(numbers[0], numbers[1], numbers[2], h, numbers[4], numbers[5], offset: 9 * 3600)
    }

    /// ISO 8601's compact and two-digit-year forms: `031231`, `03-12-31`, `-0312`, `-03-12`, `03335`.
    static func compactISO(_ text: String) -> Date? {
        // ASCII digits only: the pattern engine's \d also matches other scripts' digits ("2004۵").
        let forms = [#"^[0-9]{6}$"#, #"^[0-9]{2}-[0-9]{2}-[0-9]{2}$"#, #"^-[0-9]{4}$"#, #"^-[0-9]{2}-[0-9]{2}$"#, #"^[0-9]{5}$"#]
        guard forms.contains(where: { text.range(of: $0, options: .regularExpression) != nil }) else { return nil }
        let d = text.utf8.filter { $0 != UInt8(ascii: "-") }.map { Int($0) - 48 }
        func num(_ a: Int, _ n: Int) -> Int { d[a..<(a + n)].reduce(0) { $0 * 10 + $1 } }
        let century = 2000
        if text.hasPrefix("-") && d.count == 4 { return build(century + num(0, 2), num(2, 2), 1, 0, 0, 0, offset: 0) }
        if d.count == 6 { return build(century + num(0, 2), num(2, 2), num(4, 2), 0, 0, 0, offset: 0) }
        if d.count == 5, !text.contains("-") {
            let year = century + num(0, 2), ordinal = num(2, 3)
            guard ordinal >= 1, ordinal <= 366 else { return nil }
            let days = Timestamp.daysFromCivil(year: year, month: 1, day: 1) + ordinal - 1
            return Date(timeIntervalSince1970: Double(days * 86_400))
        }
        return nil
    }

    /// `Mon, 12 Mar 2018 10:00:00 +0800`, `12 Mar 18 10:00 GMT`, `Mon, 12 Mar 2018 10:00 CST`.
    static func rfc822(_ text: String) -> Date? {
        var t = lex(text)
        if let f = t.first, f.count >= 3, Int(f) == nil, months[String(f.prefix(3)).lowercased()] == nil { t.removeFirst() }
        guard t.count >= 3 else { return nil }
        // asctime: "Jan  4 16:29:06 2004", "Jul 15 01:16:00 +0000 2012"
        if months[String(t[0].prefix(3)).lowercased()] != nil, t.count >= 7, Int(t[1]) != nil, t[3] == ":",
           let year = t.last, year.count == 4, Int(year) != nil {
            var reordered = [t[1], t[0], year]
            reordered.append(contentsOf: t[2..<(t.count - 1)])
            t = reordered
        }
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
        if i + 1 < t.count, t[i] == ":" { return nil }   // "1:2:3:4"
        guard let off = offset(t[i...]) else { return nil }
        return build(y, month, day, h, mi, s, offset: off)
    }
}

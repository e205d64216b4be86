import Foundation
import OutcryCore

/// Dates and times as helpdesk exports and the spreadsheets they pass through write them:
/// RFC 3339; `2018-03-07 10:12[:34[.123]] [+0800|UTC]`; `2018/3/7 下午3:12`, `2018年3月7日 15点12分`;
/// Jira's `07/Mar/18 3:12 PM`; `Mar 7, 2018 3:12 PM`, `Wed, 7 Mar 2018 15:12`; and the short
/// dates of a spreadsheet's locale, `3/7/2018 15:12` (US) or `07/03/2018 15:12` (Europe). A time
/// without a zone is in the export's `utcOffset`; a date without a time is its midnight.
///
/// The order of a numeric short date's numbers is told by the column (``OrderEvidence``): a value
/// whose first number is above 12 cannot be month-first, one whose second is cannot be day-first,
/// and with a two-digit year the year may come first (`18/03/07`, as Japanese and Korean short
/// dates write it) — then the right reading is the one whose years repeat down the column, where
/// the wrong one's "years" are days. A column that does not tell needs the user's ``Order``.
/// Guessing would put every ticket of the export in a different month, or year, without a word.
public enum ExportDate {
    /// The order of a numeric short date's numbers: month, day, year (US); day, month, year;
    /// or a two-digit year, month, day.
    public enum Order: String, Sendable, CaseIterable {
        case mdy, dmy, ymd
    }

    /// What a text reads as.
    public enum Reading: Sendable, Equatable {
        case date(Date)
        /// A numeric short date that reads as a different date in each of these orders.
        case ambiguous([Order])
        case invalid
    }

    /// The date `text` names, or nil (unreadable, or numeric and ambiguous without an `order`).
    public static func parse(_ text: String, utcOffset: Int, order: Order? = nil) -> Date? {
        if case .date(let d) = read(text, utcOffset: utcOffset, order: order) { return d }
        return nil
    }

    /// The order one numeric short date proves, or nil when it is not one or does not tell.
    public static func order(evidence text: String) -> Order? {
        var evidence = OrderEvidence()
        evidence.add(text)
        return evidence.order
    }

    /// A numeric short date `A/B/C` in `order`, when that reads as a calendar date: the year is
    /// written with two or four digits, the month is 1–12, the day is in the month.
    static func calendarDate(_ n: NumericDate, in order: Order) -> (year: Int, month: Int, day: Int)? {
        let (year, month, day, yearDigits) = switch order {
        case .mdy: (n.third, n.first, n.second, n.thirdDigits)
        case .dmy: (n.third, n.second, n.first, n.thirdDigits)
        case .ymd: (n.first, n.second, n.third, n.thirdDigits == 4 ? 0 : n.firstDigits)
        }
        guard yearDigits == 2 || yearDigits == 4 else { return nil }
        let fullYear = yearDigits == 2 ? year + (year < 70 ? 2000 : 1900) : year
        guard (1...12).contains(month), (1...days(in: month, of: fullYear)).contains(day) else { return nil }
        return (fullYear, month, day)
    }

    public static func read(_ text: String, utcOffset: Int, order: Order?) -> Reading {
        if let d = Timestamp.parse(text) { return .date(d) }
        guard let parts = Parts(text) else { return .invalid }
        var year = parts.year, month = parts.month, day = parts.day
        if let numeric = parts.numericDate {
            let readings = Order.allCases.compactMap { o in calendarDate(numeric, in: o).map { (order: o, date: $0) } }
            guard let first = readings.first else { return .invalid }
            // The user's order where the date reads that way; else the one reading there is (a
            // day above 12 shows the order), or the one date every reading gives (3/3/2018).
            if let order, let mine = readings.first(where: { $0.order == order }) {
                (year, month, day) = mine.date
            } else if readings.allSatisfy({ $0.date == first.date }) {
                (year, month, day) = first.date
            } else {
                return .ambiguous(readings.map(\.order))
            }
        }
        var hour = parts.hour
        switch parts.meridiem {
        case .am?: guard (1...12).contains(hour) else { return .invalid }; if hour == 12 { hour = 0 }
        case .pm?: guard (1...12).contains(hour) else { return .invalid }; if hour < 12 { hour += 12 }
        case nil: break
        }
        if year < 100 { year += year < 70 ? 2000 : 1900 }
        guard (1970...2100).contains(year), (1...12).contains(month), (1...Self.days(in: month, of: year)).contains(day),
              (0...23).contains(hour), (0...59).contains(parts.minute), (0...60).contains(parts.second) else { return .invalid }
        let days = Timestamp.daysFromCivil(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3600 + parts.minute * 60 + parts.second - (parts.offset ?? utcOffset)
        return .date(Date(timeIntervalSince1970: TimeInterval(seconds)))
    }

    static func days(in month: Int, of year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    static let months: [String: Int] = {
        var m: [String: Int] = [:]
        let names = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"]
        for (i, name) in names.enumerated() {
            m[name] = i + 1
            m[String(name.prefix(3))] = i + 1
        }
        m["sept"] = 9
        return m
    }()

    static let weekdays: Set<String> = [
        "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    ]

    enum Meridiem { case am, pm }

    /// A short date of three numbers, `A/B/C`, with the digits its year may be written in.
    struct NumericDate {
        var first: Int, second: Int, third: Int
        var firstDigits: Int, thirdDigits: Int
    }

    /// A date and time read into its fields, before day and month are known to be in order.
    struct Parts {
        var year = 0, month = 0, day = 0
        /// Set instead of year/month/day for `A/B/C`: which number is which is not yet known.
        var numericDate: NumericDate?
        var hour = 0, minute = 0, second = 0
        var meridiem: Meridiem?
        /// Seconds east of UTC, when the text names a zone.
        var offset: Int?

        init?(_ text: String) {
            var tokens = ExportDateTokens.scan(text)
            tokens.removeAll { token in
                if case .word(let w) = token { return ExportDate.weekdays.contains(w) || w == "at" || w == "t" }
                if case .cjk(let w) = token { return w.hasPrefix("星期") || w.hasPrefix("周") || w.hasPrefix("週") || w == "礼拜" }
                return false
            }
            var i = 0
            guard readDate(tokens, &i) else { return nil }
            readTime(tokens, &i)
            guard readTail(tokens, &i), i == tokens.count else { return nil }
        }

        /// `Y-M-D`, `Y年M月D日`, `D Mon Y`, `Mon D Y`, `Y-Mon-D`, or numeric `A/B/Y`.
        mutating func readDate(_ t: [ExportDateTokens.Token], _ i: inout Int) -> Bool {
            var fields: [ExportDateTokens.Token] = []
            while i < t.count, fields.count < 3 {
                switch t[i] {
                case .number, .word: fields.append(t[i])
                case .symbol(let s) where ["-", "/", ".", ","].contains(s): break
                case .cjk(let w) where ["年", "月", "日", "号", "號"].contains(w): break
                case .cjk(let w) where Meridiem(cjk: w) != nil: meridiem = Meridiem(cjk: w)
                default: return false
                }
                i += 1
            }
            if i < t.count, case .cjk(let w) = t[i], ["日", "号", "號"].contains(w) { i += 1 }
            guard fields.count == 3 else { return false }
            switch (fields[0], fields[1], fields[2]) {
            case (.number(let y, 4), .number(let m, _), .number(let d, _)): (year, month, day) = (y, m, d)
            case (.number(let y, 4), .word(let m), .number(let d, _)): guard let mo = ExportDate.months[m] else { return false }; (year, month, day) = (y, mo, d)
            case (.number(let d, _), .word(let m), .number(let y, let n)) where n == 2 || n == 4:
                guard let mo = ExportDate.months[m] else { return false }; (year, month, day) = (y, mo, d)
            case (.word(let m), .number(let d, _), .number(let y, let n)) where n == 2 || n == 4:
                guard let mo = ExportDate.months[m] else { return false }; (year, month, day) = (y, mo, d)
            case (.number(let a, let na), .number(let b, let nb), .number(let c, let nc)) where na <= 2 && nb <= 2 && nc != 3 && nc <= 4:
                numericDate = NumericDate(first: a, second: b, third: c, firstDigits: na, thirdDigits: nc)
            default: return false
            }
            return true
        }

        /// `H:MM[:SS[.fff]]`, `H点MM分[SS秒]`, with a meridiem before or after it.
        mutating func readTime(_ t: [ExportDateTokens.Token], _ i: inout Int) {
            if i < t.count, case .cjk(let w) = t[i], let m = Meridiem(cjk: w) { meridiem = m; i += 1 }
            guard i + 1 < t.count, case .number(let h, let nh) = t[i], nh <= 2 else { return }
            switch t[i + 1] {
            case .symbol(":"):
                guard i + 2 < t.count, case .number(let m, 2) = t[i + 2] else { return }
                (hour, minute) = (h, m)
                i += 3
                if i + 1 < t.count, case .symbol(":") = t[i], case .number(let s, 2) = t[i + 1] {
                    second = s
                    i += 2
                    if i + 1 < t.count, case .symbol(".") = t[i], case .number = t[i + 1] { i += 2 }
                }
            case .cjk(let unit) where ["点", "點", "时", "時"].contains(unit):
                hour = h
                i += 2
                if i + 1 < t.count, case .number(let m, _) = t[i], case .cjk(let u) = t[i + 1], u == "分" { minute = m; i += 2 }
                else if i < t.count, case .cjk("半") = t[i] { minute = 30; i += 1 }
                if i + 1 < t.count, case .number(let s, _) = t[i], case .cjk(let u) = t[i + 1], u == "秒" { second = s; i += 2 }
            default: return
            }
        }

        /// What may follow the time: AM/PM and a zone (`UTC`, `GMT+8`, `Z`, `+0800`, `+08:00`).
        mutating func readTail(_ t: [ExportDateTokens.Token], _ i: inout Int) -> Bool {
            while i < t.count {
                switch t[i] {
                case .word("am"), .word("a"): meridiem = .am; i += 1
                case .word("pm"), .word("p"): meridiem = .pm; i += 1
                case .word(let w) where ["utc", "gmt", "ut", "z"].contains(w):
                    offset = 0
                    i += 1
                case .symbol(let sign) where sign == "+" || sign == "-":
                    guard i + 1 < t.count, case .number(let n, let digits) = t[i + 1] else { return false }
                    var seconds: Int
                    i += 2
                    if digits == 4 { seconds = (n / 100) * 3600 + (n % 100) * 60 }
                    else if digits <= 2 {
                        seconds = n * 3600
                        if i + 1 < t.count, case .symbol(":") = t[i], case .number(let m, 2) = t[i + 1] { seconds += m * 60; i += 2 }
                    } else { return false }
                    guard seconds <= 14 * 3600 else { return false }
                    offset = sign == "-" ? -seconds : seconds
                default: return false
                }
            }
            return true
        }
    }
}

extension ExportDate.Meridiem {
    /// Chinese parts of the day: morning (上午, 早上, 凌晨) is AM; afternoon, evening and noon
    /// (下午, 晚上, 中午: 中午12点 is noon, 中午1点 one o'clock) PM.
    init?(cjk: String) {
        switch cjk {
        case "上午", "早上", "早晨", "凌晨", "清晨": self = .am
        case "下午", "晚上", "傍晚", "中午", "夜里", "夜間", "夜间": self = .pm
        default: return nil
        }
    }
}

/// The tokens of a date: ASCII digit runs, ASCII letter runs (lower-cased; `a.m.` is `am`),
/// runs of CJK characters split at the date and time units, and single symbols.
enum ExportDateTokens {
    enum Token: Equatable {
        case number(Int, digits: Int)
        case word(String)
        case cjk(String)
        case symbol(String)
    }

    static let units: Set<Unicode.Scalar> = ["年", "月", "日", "号", "號", "点", "點", "时", "時", "分", "秒", "半"]

    /// Read from the UTF-8 bytes: every value of an export's date columns goes through here.
    static func scan(_ text: String) -> [Token] {
        var out: [Token] = []
        var text = text
        text.withUTF8 { u in
            var i = 0
            func run(while test: (UInt8) -> Bool) -> Range<Int> {
                let start = i
                while i < u.count, test(u[i]) { i += 1 }
                return start..<i
            }
            while i < u.count {
                let b = u[i]
                if b >= 0x30, b <= 0x39 {
                    let r = run { $0 >= 0x30 && $0 <= 0x39 }
                    // Nine digits at most: no overflow, and no date field is longer.
                    out.append(r.count <= 9 ? .number(u[r].reduce(0) { $0 * 10 + Int($1 - 0x30) }, digits: r.count) : .symbol("#"))
                } else if (b | 0x20) >= 0x61, (b | 0x20) <= 0x7A {
                    let r = run { ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A }
                    out.append(.word(String(decoding: u[r].map { $0 | 0x20 }, as: UTF8.self)))
                } else if b < 0x80 {
                    i += 1
                    if b != 0x20, b != 0x09, b != 0x0A, b != 0x0D { out.append(.symbol(String(Unicode.Scalar(b)))) }
                } else {
                    var scalars = String.UnicodeScalarView()
                    while i < u.count, u[i] >= 0x80 {
                        let (scalar, length) = Self.scalar(u, at: i)
                        if units.contains(scalar) || !scalar.properties.isAlphabetic {
                            if scalars.isEmpty {
                                i += length
                                if units.contains(scalar) { out.append(.cjk(String(scalar))) }
                                else if !scalar.properties.isWhitespace { out.append(.symbol(String(scalar))) }
                            }
                            break
                        }
                        scalars.append(scalar)
                        i += length
                    }
                    if !scalars.isEmpty { out.append(.cjk(String(scalars))) }
                }
            }
        }
        return joiningDottedMeridiems(out)
    }

    /// `a.m.` and `p.m.` as the words `am` and `pm`.
    static func joiningDottedMeridiems(_ t: [Token]) -> [Token] {
        guard t.contains(.word("m")) else { return t }
        var out: [Token] = []
        var i = 0
        while i < t.count {
            if i + 2 < t.count, t[i] == .word("a") || t[i] == .word("p"), t[i + 1] == .symbol("."), t[i + 2] == .word("m") {
                out.append(t[i] == .word("a") ? .word("am") : .word("pm"))
                i += 3
                if i < t.count, t[i] == .symbol(".") { i += 1 }
                continue
            }
            out.append(t[i])
            i += 1
        }
        return out
    }

    /// The scalar whose UTF-8 starts at `i`, and its length (text from a `String` is valid UTF-8).
    static func scalar(_ u: UnsafeBufferPointer<UInt8>, at i: Int) -> (Unicode.Scalar, Int) {
        let b = u[i]
        let length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
        var v = UInt32(b & (0xFF >> (length + 1)))
        for k in (i + 1)..<min(u.count, i + length) { v = (v << 6) | UInt32(u[k] & 0x3F) }
        return (Unicode.Scalar(v) ?? "\u{FFFD}", length)
    }
}

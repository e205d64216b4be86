import Foundation

/// RFC 3339 timestamps, parsed and formatted without `DateFormatter`.
///
/// Outcry's data formats require an explicit UTC offset on every timestamp: a time without
/// one is ambiguous across the Weibo (UTC+8) and helpdesk (often UTC) sources we merge,
/// and guessing would silently shift a spike by hours.
public enum Timestamp {
    /// Parses `2018-03-12T10:00:00+08:00`, `2018-03-12T02:00:00Z`, `2018-03-12 10:00:00.250+08:00`.
    /// Returns nil when the text is not RFC 3339 or has no offset.
    public static func parse(_ text: String) -> Date? {
        parseWithOffset(text)?.date
    }

    /// Parses like ``parse(_:)`` and also returns the offset (seconds east of UTC) that was written.
    public static func parseWithOffset(_ text: String) -> (date: Date, offset: Int)? {
        // Every post line carries one: read the bytes in place, with no array or closure context
        // allocated per call (they were 2% of ingest).
        var text = text
        return text.withUTF8 { bytes in
            var cursor = DigitCursor(bytes: bytes)
            return cursor.timestamp()
        }
    }

    /// A read position in an RFC 3339 timestamp's bytes.
    private struct DigitCursor {
        let bytes: UnsafeBufferPointer<UInt8>
        var i = 0

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        var next: UInt8? { i < bytes.count ? bytes[i] : nil }

        /// The next `count` bytes as a decimal number, or nil (consuming nothing) if they are not all digits.
        mutating func number(_ count: Int) -> Int? {
            guard bytes.count - i >= count else { return nil }
            var value = 0
            for k in i..<(i + count) {
                let b = bytes[k]
                guard b >= 0x30, b <= 0x39 else { return nil }
                value = value * 10 + Int(b - 0x30)
            }
            i += count
            return value
        }

        /// Consumes the next byte if it is `a`, `b` or `c`.
        mutating func expect(_ a: UInt8, or b: UInt8? = nil, or c: UInt8? = nil) -> Bool {
            guard let x = next, x == a || x == b || x == c else { return false }
            i += 1
            return true
        }

        mutating func timestamp() -> (date: Date, offset: Int)? {
            guard let year = number(4), expect(0x2D), let month = number(2), expect(0x2D), let day = number(2),
                  expect(0x54, or: 0x74, or: 0x20), let hour = number(2), expect(0x3A), let minute = number(2),
                  expect(0x3A), let second = number(2)
            else { return nil }
            guard (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day),
                  hour < 24, minute < 60, second < 61 else { return nil }
            var fraction = 0.0
            if expect(0x2E) {
                var scale = 0.1
                var digits = 0
                while let b = next, b >= 0x30, b <= 0x39 {
                    fraction += Double(b - 0x30) * scale
                    scale /= 10
                    digits += 1
                    i += 1
                }
                guard digits > 0 else { return nil }
            }
            var offset = 0
            if expect(0x5A, or: 0x7A) {
                offset = 0
            } else if let sign = next, sign == 0x2B || sign == 0x2D {
                i += 1
                guard let oh = number(2), expect(0x3A), let om = number(2), oh < 24, om < 60 else { return nil }
                offset = (oh * 3600 + om * 60) * (sign == 0x2D ? -1 : 1)
            } else {
                return nil
            }
            guard i == bytes.count else { return nil }
            let days = daysFromCivil(year: year, month: month, day: day)
            let seconds = Double(days * 86_400 + hour * 3600 + minute * 60 + second - offset) + fraction
            return (Date(timeIntervalSince1970: seconds), offset)
        }
    }

    /// `2018-03-12T02:00:00Z` — whole seconds, UTC. The form used in every JSON output.
    public static func utc(_ date: Date) -> String {
        format(date, offset: 0)
    }

    /// RFC 3339 at a given offset (seconds east of UTC), e.g. `2018-03-12T10:00:00+08:00`.
    public static func format(_ date: Date, offset: Int) -> String {
        let c = components(date, offset: offset)
        if (0...9999).contains(c.year), abs(offset) < 100 * 3600 {
            // Written as bytes: feeds format two dates per entry, and interpolation built eight strings each time.
            return String(unsafeUninitializedCapacity: 25) { buf in
                var n = 0
                func put(_ v: Int, _ width: Int) {
                    var v = v, k = width
                    while k > 0 { k -= 1; buf[n + k] = UInt8(0x30 + v % 10); v /= 10 }
                    n += width
                }
                func put(_ b: UInt8) { buf[n] = b; n += 1 }
                put(c.year, 4); put(0x2D); put(c.month, 2); put(0x2D); put(c.day, 2); put(0x54)
                put(c.hour, 2); put(0x3A); put(c.minute, 2); put(0x3A); put(c.second, 2)
                if offset == 0 {
                    put(0x5A)
                } else {
                    let a = abs(offset)
                    put(offset < 0 ? 0x2D : 0x2B); put(a / 3600, 2); put(0x3A); put(a % 3600 / 60, 2)
                }
                return n
            }
        }
        var s = "\(pad(c.year, 4))-\(pad(c.month))-\(pad(c.day))T\(pad(c.hour)):\(pad(c.minute)):\(pad(c.second))"
        if offset == 0 {
            s += "Z"
        } else {
            let a = abs(offset)
            s += (offset < 0 ? "-" : "+") + pad(a / 3600) + ":" + pad(a % 3600 / 60)
        }
        return s
    }

    /// `03-12 10:00` at the given offset: compact, for terminals and timelines.
    public static func short(_ date: Date, offset: Int) -> String {
        let c = components(date, offset: offset)
        return "\(pad(c.month))-\(pad(c.day)) \(pad(c.hour)):\(pad(c.minute))"
    }

    /// Civil date and time of `date` at `offset`.
    public static func components(_ date: Date, offset: Int) -> (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        let total = Int(floor(date.timeIntervalSince1970)) + offset
        let days = Int(floor(Double(total) / 86_400))
        let rem = total - days * 86_400
        let (y, m, d) = civilFromDays(days)
        return (y, m, d, rem / 3600, rem % 3600 / 60, rem % 60)
    }

    static func pad(_ v: Int, _ width: Int = 2) -> String {
        let s = String(v)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Howard Hinnant's days-from-civil algorithm (proleptic Gregorian).
    public static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// Year, month and day of a day number counted from 1970-01-01 (``daysFromCivil(year:month:day:)``'s inverse).
    public static func civilFromDays(_ z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }
}

/// A fixed offset from UTC as people write one: `+08:00`, `+0800`, `+08`, `+8`, `-05:30`,
/// `UTC+8`, `GMT-5`, `Z`, `UTC`. Every option and setting that takes an offset reads it here,
/// so `--utc-offset`, `timezone:` and a receiver's `utc_offset:` accept the same forms.
///
/// Zone names (`Asia/Shanghai`) are not offsets: theirs changes with daylight saving time, and
/// Outcry's buckets, reports and quiet hours are at one fixed offset.
public enum UTCOffset {
    /// What is said when an offset cannot be read.
    public static let expected = "expected a UTC offset like +08:00 or -05:00"

    /// Seconds east of UTC, or nil when `text` is not an offset between −12:00 and +14:00.
    public static func parse(_ text: String) -> Int? {
        var rest = Substring(text.trimmingCharacters(in: .whitespaces).uppercased())
        if rest == "Z" || rest == "UTC" || rest == "GMT" { return 0 }
        for prefix in ["UTC", "GMT"] where rest.hasPrefix(prefix) { rest = rest.dropFirst(prefix.count) }
        guard let sign = rest.first.flatMap({ $0 == "+" ? 1 : $0 == "-" ? -1 : nil }) else { return nil }
        rest = rest.dropFirst()
        let parts = rest.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }) else { return nil }
        let hours: Int, minutes: Int
        switch (parts.count, parts.first?.count ?? 0) {
        case (1, 1...2): (hours, minutes) = (Int(parts[0])!, 0)                                   // +8, +08
        case (1, 4): (hours, minutes) = (Int(parts[0].prefix(2))!, Int(parts[0].suffix(2))!)     // +0800
        case (2, 1...2) where parts[1].count == 2: (hours, minutes) = (Int(parts[0])!, Int(parts[1])!)   // +08:00, +8:00
        default: return nil
        }
        guard minutes < 60 else { return nil }
        let seconds = sign * (hours * 3600 + minutes * 60)
        return (-12 * 3600...14 * 3600).contains(seconds) ? seconds : nil
    }
}

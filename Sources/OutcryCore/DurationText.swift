import Foundation

/// Durations as configuration writes them: `30s`, `5m`, `1h30m`, `2d`, `0`.
public enum DurationText {
    public static func parse(_ text: String) -> TimeInterval? {
        let s = text.trimmingCharacters(in: .whitespaces)
        if s == "0" { return 0 }
        var total: TimeInterval = 0
        var number = ""
        var sawUnit = false
        for c in s {
            if c.isASCII && c.isNumber {
                number.append(c)
                continue
            }
            guard let n = Double(number) else { return nil }
            switch c {
            case "s": total += n
            case "m": total += n * 60
            case "h": total += n * 3600
            case "d": total += n * 86400
            default: return nil
            }
            number = ""
            sawUnit = true
        }
        return sawUnit && number.isEmpty ? total : nil
    }

    /// The shortest text that parses back to the same value (`90m` → `1h30m`).
    public static func format(_ seconds: TimeInterval) -> String {
        var rest = Int(seconds.rounded())
        if rest == 0 { return "0s" }
        var out = ""
        for (unit, size) in [("d", 86400), ("h", 3600), ("m", 60), ("s", 1)] where rest >= size {
            out += "\(rest / size)\(unit)"
            rest %= size
        }
        return out
    }
}

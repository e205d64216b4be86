import Foundation
import OutcryCore

/// Small formatting shared by the views: counts, ages, clock times and severity styles.
enum Format {
    static func count(_ n: Int) -> String { CompactCount.format(n) }

    static func age(_ seconds: TimeInterval) -> String {
        let s = max(0, Int(seconds))
        return s < 60 ? "\(s)s" : s < 3600 ? "\(s / 60)m" : s < 172_800 ? "\(s / 3600)h\(s % 3600 / 60 > 0 ? "\(s % 3600 / 60)m" : "")" : "\(s / 86400)d"
    }

    static func clock(_ d: Date, _ offset: Int) -> String { Timestamp.short(d, offset: offset) }

    static func style(_ s: Severity?) -> Frame.Style {
        switch s {
        case .critical?: .critical
        case .warning?: .warning
        case .watch?: .watch
        case nil: .normal
        }
    }

    static func ratio(_ rate: Int, _ expected: Double) -> String {
        expected <= 0 ? (rate > 0 ? "new" : "-") : String(format: rate >= 10 * Int(expected.rounded(.up)) ? "×%.0f" : "×%.1f", Double(rate) / expected)
    }

    static func clean(_ s: String) -> String { TerminalText.sanitize(s) }
}

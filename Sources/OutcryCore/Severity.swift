/// How loud a spike is. Ordered: `watch < warning < critical`.
public enum Severity: String, Sendable, Codable, CaseIterable, Comparable {
    /// Unusual, worth a look; not yet worth waking anyone.
    case watch
    /// A real surge of complaints; someone should respond today.
    case warning
    /// A public outcry in progress; respond now.
    case critical

    var rank: Int {
        switch self {
        case .watch: 0
        case .warning: 1
        case .critical: 2
        }
    }

    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

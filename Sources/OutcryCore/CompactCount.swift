import Foundation

/// Follower and reach counts as people read them in a line of text: `987`, `12k`, `12.6M`.
public enum CompactCount {
    public static func format(_ n: Int) -> String {
        n >= 1_000_000 ? String(format: "%.1fM", Double(n) / 1e6) : n >= 10_000 ? String(format: "%.0fk", Double(n) / 1e3) : String(n)
    }
}

import Foundation

/// What identifies one version of a local file a job follows — a post archive, a ticket
/// export: its size and modification time, read without opening it. Nil when it cannot be read.
public struct FileVersion: Sendable, Equatable {
    public var size: Int
    /// Seconds since 1970.
    public var modified: Double

    public static func of(_ path: String) -> FileVersion? {
        guard let a = try? FileManager.default.attributesOfItem(atPath: path),
              let size = (a[.size] as? NSNumber)?.intValue, let modified = a[.modificationDate] as? Date else { return nil }
        return FileVersion(size: size, modified: modified.timeIntervalSince1970)
    }
}

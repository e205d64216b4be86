import Foundation

/// Locates files under `Tests/Fixtures` and the repository, independent of the working directory.
public enum Fixtures {
    /// The repository root (this file is `Sources/OutcryTesting/Fixtures.swift`).
    public static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    public static func path(_ relative: String) -> String {
        root + "/Tests/Fixtures/" + relative
    }

    public static func repo(_ relative: String) -> String {
        root + "/" + relative
    }

    public static func data(_ relative: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: path(relative)))
    }

    /// The built `outcry` executable (debug build, as `swift test` builds it).
    public static var executable: String { root + "/.build/debug/outcry" }

    /// A fresh temporary directory.
    public static func temporaryDirectory() throws -> String {
        let dir = NSTemporaryDirectory() + "outcry-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }
}

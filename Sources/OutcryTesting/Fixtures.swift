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

    /// A throwaway self-signed certificate for 127.0.0.1 (made with `openssl`): (cert, key) PEM paths.
    public static func selfSignedCertificate() throws -> (certificate: String, key: String) {
        let dir = try temporaryDirectory()
        let openssl = Process()
        openssl.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        openssl.arguments = ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                             "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", dir + "/key.pem", "-out", dir + "/cert.pem"]
        openssl.standardOutput = FileHandle.nullDevice
        openssl.standardError = FileHandle.nullDevice
        try openssl.run()
        openssl.waitUntilExit()
        return (dir + "/cert.pem", dir + "/key.pem")
    }
}

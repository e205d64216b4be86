import Foundation

/// Reads fd 0 in large blocks and hands out lines without their newline, so commands that
/// filter stdin do not hold all of it in memory.
public enum StandardInput {
    public static func forEachLine(fd: Int32 = 0, _ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        let lines = LineCursor(fd: fd, file: fd == 0 ? JSONLines.standardInput : "fd \(fd)")
        while try lines.withNextLine(body) != nil {}
    }
}

import Foundation

/// Reads fd 0 in large blocks and hands out lines without their newline, so commands that
/// filter stdin do not hold all of it in memory.
public enum StandardInput {
    public static func forEachLine(_ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        let lines = LineCursor(fd: 0, file: JSONLines.standardInput)
        while try lines.withNextLine(body) != nil {}
    }
}

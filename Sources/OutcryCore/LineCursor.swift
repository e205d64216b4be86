import Foundation

/// The lines of a file, read in large blocks and pulled one at a time.
///
/// Pulled rather than pushed so a reader can interleave several files — replay merges its
/// sources by time — without holding any of them whole. Lines are handed out without their
/// `\n` (a `\r` before it is left to the caller), as borrowed bytes valid only during the call.
public final class LineCursor {
    /// The name errors give: the path, or `<stdin>`.
    public let file: String
    /// 1-based number of the line last handed out.
    public private(set) var lineNumber = 0
    /// Whether the line last handed out ended with `\n` (the last line of a file may not: it
    /// may still be being written).
    public private(set) var lineTerminated = false
    private let fd: Int32
    private let ownsDescriptor: Bool
    private var buffer: [UInt8]
    private var start = 0, end = 0, searchFrom = 0
    private var atEnd = false

    /// Opens `path` for reading; the cursor closes it.
    public init(path: String, blockSize: Int = 1 << 20) throws {
        fd = try InputFile.open(path)
        file = path
        ownsDescriptor = true
        buffer = [UInt8](repeating: 0, count: blockSize)
    }

    /// Reads an open descriptor (standard input) that the caller keeps ownership of.
    public init(fd: Int32, file: String, blockSize: Int = 1 << 20) {
        self.fd = fd
        self.file = file
        ownsDescriptor = false
        buffer = [UInt8](repeating: 0, count: blockSize)
    }

    /// A cursor over `path`, or over standard input for `-` (``JSONLines/standardInput``).
    public static func reading(_ path: String) throws -> LineCursor {
        path == JSONLines.standardInput ? LineCursor(fd: 0, file: path) : try LineCursor(path: path)
    }

    deinit { if ownsDescriptor { close(fd) } }

    /// Calls `body` with the next line's bytes and returns its result, or `nil` at the end.
    public func withNextLine<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) throws -> R? {
        while true {
            let newline = buffer.withUnsafeBufferPointer { b -> Int? in
                guard searchFrom < end, let p = memchr(b.baseAddress! + searchFrom, 0x0A, end - searchFrom) else { return nil }
                return UnsafePointer(p.assumingMemoryBound(to: UInt8.self)) - b.baseAddress!
            }
            if let newline {
                return try hand(out: newline, next: newline + 1, body)
            }
            searchFrom = end
            if atEnd {
                return start < end ? try hand(out: end, next: end, body) : nil
            }
            try fill()
        }
    }

    private func hand<R>(out lineEnd: Int, next: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) throws -> R {
        lineNumber += 1
        lineTerminated = next > lineEnd
        let lineStart = start
        start = next
        searchFrom = next
        return try buffer.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[lineStart..<lineEnd])) }
    }

    /// Moves the unfinished line to the front (growing the buffer if it fills it) and reads on.
    private func fill() throws {
        if start > 0 {
            buffer.withUnsafeMutableBufferPointer { b in
                _ = memmove(b.baseAddress!, b.baseAddress! + start, end - start)
            }
            end -= start
            searchFrom -= start
            start = 0
        }
        if end == buffer.count { buffer.append(contentsOf: repeatElement(0, count: buffer.count)) }
        var n: Int
        repeat {
            n = buffer.withUnsafeMutableBufferPointer { b in Foundation.read(fd, b.baseAddress! + end, b.count - end) }
        } while n < 0 && errno == EINTR
        if n < 0 { throw InputError(file: file, "read failed (errno \(errno))") }
        if n == 0 { atEnd = true } else { end += n }
    }
}

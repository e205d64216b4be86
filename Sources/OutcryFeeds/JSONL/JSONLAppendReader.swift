import Foundation
import OutcryCore

/// How far a growing Post JSONL file has been read, so that the next read takes only what was
/// appended: an archive that an exporter keeps writing is read once, not again in full at
/// every change. Kept as the source's cursor, so a restart goes on from it too.
public struct JSONLMark: Sendable, Hashable {
    /// Bytes taken: the end of the last whole line read.
    public var offset: Int
    /// Lines taken, so errors in what follows name their line in the file.
    public var line: Int
    /// FNV-1a of the bytes just before `offset` (up to ``JSONLAppendReader/tailLength``): a file
    /// rewritten or replaced rather than appended to no longer has them there.
    public var tail: UInt64

    public init(offset: Int, line: Int, tail: UInt64) {
        (self.offset, self.line, self.tail) = (offset, line, tail)
    }

    private static let prefix = "jsonl:"

    /// The mark as a source cursor: `jsonl:OFFSET:LINE:TAIL` (TAIL in hex).
    public var cursor: String { "\(Self.prefix)\(offset):\(line):\(String(tail, radix: 16))" }

    /// A cursor written by ``cursor``; nil for anything else (a file source from before marks).
    public init?(cursor: String?) {
        guard let cursor, cursor.hasPrefix(Self.prefix) else { return nil }
        let parts = cursor.dropFirst(Self.prefix.count).split(separator: ":")
        guard parts.count == 3, let offset = Int(parts[0]), let line = Int(parts[1]), let tail = UInt64(parts[2], radix: 16),
              offset >= 0, line >= 0 else { return nil }
        self.init(offset: offset, line: line, tail: tail)
    }
}

/// Reads what a Post JSONL file gained since a ``JSONLMark``.
///
/// Only whole lines are taken: a last line without its `\n` is taken if it parses (a file
/// that simply ends without one) and otherwise left for the next read (a writer in the middle
/// of it), without an error. A bad line before it fails the read with its file and line, and
/// nothing of the read is taken, as ``JSONLPostReader`` does. A file that is shorter than the
/// mark, or no longer holds the bytes before it, was replaced: it is read from the start.
public enum JSONLAppendReader {
    /// How many bytes before the mark its ``JSONLMark/tail`` covers.
    public static let tailLength = 4096

    public struct Read: Sendable {
        public var posts: [Post]
        public var mark: JSONLMark
        /// True when the file did not continue the mark and was read from its start.
        public var fromStart: Bool
        /// True when the read stopped at its line limit with more of the file after the mark.
        public var more: Bool
    }

    /// - Parameter limit: lines to take at most (memory: a first read of a large archive is
    ///   taken in parts, each at its own poll).
    public static func read(path: String, after mark: JSONLMark?, limit: Int = .max) throws -> Read {
        let fd = try InputFile.open(path)
        defer { close(fd) }
        let start = try mark.flatMap { try continues(fd, path: path, mark: $0) ? $0 : nil }
        guard lseek(fd, off_t(start?.offset ?? 0), SEEK_SET) >= 0 else { throw InputError(file: path, "cannot seek (errno \(errno))") }
        let lines = LineCursor(fd: fd, file: path)
        let firstLine = start?.line ?? 0
        var offset = start?.offset ?? 0, line = firstLine
        var posts: [Post] = []
        var more = false
        while true {
            if line - firstLine >= limit {
                more = true
                break
            }
            // nil at the end of the file; nil inside for an unfinished last line.
            let outcome = try lines.withNextLine { bytes -> (post: Post?, length: Int)? in
                let number = firstLine + lines.lineNumber
                guard !JSONLines.isBlank(bytes) else { return (nil, bytes.count) }
                do {
                    return (try Post(fields: JSONFields.parseLine(bytes, file: path, line: number)), bytes.count)
                } catch where !lines.lineTerminated {
                    return nil   // an unfinished last line: the next read takes it whole
                }
            }
            guard let outcome, let taken = outcome else { break }
            if let post = taken.post { posts.append(post) }
            offset += taken.length + (lines.lineTerminated ? 1 : 0)
            line = firstLine + lines.lineNumber
        }
        return Read(posts: posts, mark: JSONLMark(offset: offset, line: line, tail: try tail(fd, path: path, before: offset)),
                    fromStart: start == nil, more: more)
    }

    /// Whether the file still holds, just before the mark, the bytes it held when marked.
    private static func continues(_ fd: Int32, path: String, mark: JSONLMark) throws -> Bool {
        var info = stat()
        guard fstat(fd, &info) == 0, Int(info.st_size) >= mark.offset else { return false }
        return try tail(fd, path: path, before: mark.offset) == mark.tail
    }

    private static func tail(_ fd: Int32, path: String, before offset: Int) throws -> UInt64 {
        let count = min(tailLength, offset)
        var bytes = [UInt8](repeating: 0, count: count)
        var got = 0
        while got < count {
            let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + got, count - got, off_t(offset - count + got)) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw InputError(file: path, "read failed (errno \(errno))") }
            got += n
        }
        return bytes.withUnsafeBufferPointer { FNV1a.hash($0[...]) }
    }
}

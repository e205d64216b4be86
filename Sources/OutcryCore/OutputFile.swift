import Foundation

/// Writes a file the user named, in place: opened with `O_CREAT|O_TRUNC` (or `O_APPEND`), never
/// replaced by rename. Foundation's `createFile(atPath:contents:)` writes a temporary file and
/// renames it over the path, which turns `--out /dev/null` into a regular file (breaking the
/// machine's /dev/null), a symlink into a file beside its target, and a FIFO into nothing.
public enum OutputFile {
    public enum Failure: Error, CustomStringConvertible, Equatable {
        case cannotOpen(path: String, errno: Int32)
        case cannotWrite(path: String, errno: Int32)

        public var description: String {
            switch self {
            case .cannotOpen(let path, let e): "cannot open \(path) for writing: \(String(cString: strerror(e)))"
            case .cannotWrite(let path, let e): "cannot write \(path): \(String(cString: strerror(e)))"
            }
        }
    }

    /// Creates `path` or empties it, then writes `bytes`.
    public static func write(_ bytes: some Collection<UInt8>, to path: String) throws(Failure) {
        try write(bytes, to: path, flags: O_TRUNC)
    }

    /// Creates `path` if missing and adds `bytes` at its end.
    public static func append(_ bytes: some Collection<UInt8>, to path: String) throws(Failure) {
        try write(bytes, to: path, flags: O_APPEND)
    }

    private static func write(_ bytes: some Collection<UInt8>, to path: String, flags: Int32) throws(Failure) {
        let fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | flags, 0o644)
        guard fd >= 0 else { throw .cannotOpen(path: path, errno: errno) }
        defer { close(fd) }
        var failure: Int32 = 0
        Array(bytes).withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = Foundation.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { failure = errno; return }
                offset += n
            }
        }
        if failure != 0 { throw .cannotWrite(path: path, errno: failure) }
    }
}

import Foundation

/// Writes to fd 1 directly (glibc's `stdout` global is not usable from Swift 6).
public enum StandardOutput {
    public static func write(_ text: String, fd: Int32 = 1) {
        write(bytes: Array(text.utf8), fd: fd)
    }

    public static func write(bytes: [UInt8], fd: Int32 = 1) {
        var bytes = bytes
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { buf in
                Foundation.write(fd, buf.baseAddress! + offset, buf.count - offset)
            }
            if n <= 0 { break }
            offset += n
        }
        bytes.removeAll()
    }
}

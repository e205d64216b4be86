import Foundation

/// Reads fd 0 in large blocks and hands out lines without their newline, so commands that
/// filter stdin do not hold all of it in memory.
public enum StandardInput {
    public static func forEachLine(fd: Int32 = 0, _ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var carry: [UInt8] = []
        while true {
            let n = buffer.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress!, $0.count) }
            if n < 0 { throw InputError(file: "<stdin>", "read failed (errno \(errno))") }
            if n == 0 { break }
            try buffer.withUnsafeBufferPointer { all in
                let chunk = UnsafeBufferPointer(rebasing: all[0..<n])
                var start = 0
                for i in 0..<chunk.count where chunk[i] == 0x0A {
                    if carry.isEmpty {
                        try body(UnsafeBufferPointer(rebasing: chunk[start..<i]))
                    } else {
                        carry.append(contentsOf: chunk[start..<i])
                        try carry.withUnsafeBufferPointer { try body($0) }
                        carry.removeAll(keepingCapacity: true)
                    }
                    start = i + 1
                }
                carry.append(contentsOf: chunk[start..<chunk.count])
            }
        }
        if !carry.isEmpty { try carry.withUnsafeBufferPointer { try body($0) } }
    }
}

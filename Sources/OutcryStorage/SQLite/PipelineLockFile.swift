import Foundation
import OutcryCore
import Synchronization

/// An SQLite store's pipeline lease: an exclusive `flock` on `PATH-run.lock`, which the kernel
/// releases when the holding process dies, however it dies. The holder writes its `host/pid`
/// into the file so that other processes can name it.
final class PipelineLockFile: Sendable {
    let path: String
    /// The open, locked file while this process holds the lease; -1 otherwise.
    private let held = Mutex<Int32>(-1)

    init(store path: String) {
        self.path = path + "-run.lock"
    }

    deinit {
        held.withLock { fd in if fd >= 0 { close(fd) } }
    }

    /// Takes the lease unless another open file holds it (another process, or another store of
    /// this one on the same file).
    func tryAcquire() throws -> Bool {
        try held.withLock { held in
            if held >= 0 { return true }
            let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw StoreLocationError.lockFile(path, String(cString: strerror(errno))) }
            guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
                close(fd)
                return false
            }
            let name = Array(WorkerIdentity.current.description.utf8)
            _ = ftruncate(fd, 0)
            _ = name.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
            held = fd
            return true
        }
    }

    /// The name the holder wrote, if the lease is held at all.
    func holder() -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        if flock(fd, LOCK_SH | LOCK_NB) == 0 {   // nobody holds it
            flock(fd, LOCK_UN)
            return nil
        }
        var buffer = [UInt8](repeating: 0, count: 256)
        let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        return n > 0 ? String(decoding: buffer[..<n], as: UTF8.self) : "another process"
    }
}

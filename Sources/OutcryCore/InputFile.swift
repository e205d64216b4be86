import Foundation

/// Opens the files a user names (posts, tickets, series, configuration), and says why one cannot
/// be read — missing, not permitted, a directory — instead of only that it cannot.
public enum InputFile {
    /// A descriptor open for reading; the caller closes it.
    public static func open(_ path: String) throws -> Int32 {
        let fd = Foundation.open(path, O_RDONLY)
        guard fd >= 0 else { throw InputError(file: path, "cannot read file: \(String(cString: strerror(errno)))") }
        var info = stat()
        if fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFDIR {
            close(fd)
            throw InputError(file: path, "cannot read file: it is a directory")
        }
        return fd
    }

    /// The whole file.
    public static func contents(_ path: String) throws -> Data {
        let handle = FileHandle(fileDescriptor: try open(path), closeOnDealloc: true)
        do {
            return try handle.readToEnd() ?? Data()
        } catch {
            throw InputError(file: path, "cannot read file: \(error.localizedDescription)")
        }
    }
}

import Foundation
import OutcryLinking

/// Notices when `run`'s configured ticket files change — a helpdesk's nightly export written
/// over the last one — so their tickets are merged without a restart or a SIGHUP. A file is
/// known by its size and modification time, taken before it is read, so a write during a read
/// is noticed at the next look.
public struct TicketFileWatch: Sendable {
    private var files: [(file: TicketFile, version: FileVersion?)]

    /// Watches `files` from the versions they were read in.
    public init(_ files: [(TicketFile, FileVersion?)]) {
        self.files = files.map { (file: $0.0, version: $0.1) }
    }

    /// The files that changed since the last look (or since they were read), each with the
    /// version it has now; a file that has gone is not reported until it is back.
    public mutating func changed() -> [TicketFile] {
        var out: [TicketFile] = []
        for i in files.indices {
            guard let now = FileVersion.of(files[i].file.path), now != files[i].version else { continue }
            files[i].version = now
            out.append(files[i].file)
        }
        return out
    }
}

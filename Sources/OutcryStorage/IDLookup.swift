/// Reads rows by a list of ids, in statements of at most ``idsPerStatement`` ids each.
///
/// One statement binds at most 65,535 parameters in PostgreSQL (and 32,766 in SQLite as
/// built by default; Debian's allows 250,000), and an import or a pushed batch may name more
/// tickets than that: a single `IN` list would fail outright. Rows come back in the order
/// asked, a missing id skipped.
enum IDLookup {
    static let idsPerStatement = 10_000

    /// `fetch` reads one chunk's rows in any order, with the id of each.
    static func rows<T>(_ ids: [String], fetch: ([String]) throws -> [(id: String, row: T)]) rethrows -> [T] {
        var out: [T] = []
        out.reserveCapacity(ids.count)
        try forEachChunk(ids) { chunk in
            let byID = Dictionary(try fetch(chunk).map { ($0.id, $0.row) }, uniquingKeysWith: { a, _ in a })
            out += chunk.compactMap { byID[$0] }
        }
        return out
    }

    /// Calls `body` with the ids in order, at most ``idsPerStatement`` at a time.
    static func forEachChunk(_ ids: [String], _ body: ([String]) throws -> Void) rethrows {
        var start = 0
        while start < ids.count {
            try body(Array(ids[start..<min(ids.count, start + idsPerStatement)]))
            start += idsPerStatement
        }
    }
}

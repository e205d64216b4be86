/// Opens the store a `--db` value names (DESIGN.md: `--db PATH|postgres://…`): a
/// `postgres://` or `postgresql://` URL is a shared PostgreSQL database, anything else an SQLite
/// file (created if missing).
public enum StoreLocation {
    public static func open(_ db: String) throws -> any Store {
        if PostgresStore.isLocation(db) { return try PostgresStore(uri: db) }
        guard !db.isEmpty else { throw StoreLocationError.empty }
        return try SQLiteStore(path: db)
    }
}

public enum StoreLocationError: Error, CustomStringConvertible {
    case empty
    case lockFile(String, String)

    public var description: String {
        switch self {
        case .empty: "--db is empty: give an SQLite file path or a postgres:// URL"
        case .lockFile(let path, let why): "cannot open the store's lock file \(path): \(why)"
        }
    }
}

/// Bad input: a file, a line and a field that a person can go and fix.
///
/// Every reader of user-supplied data (posts, tickets, topics, feeds) throws this, so the CLI
/// can print one consistent `file:line: field: problem` message and exit with status 2.
public struct InputError: Error, Sendable, Hashable, CustomStringConvertible {
    public let file: String
    public let line: Int?
    public let field: String?
    public let message: String

    public init(file: String, line: Int? = nil, field: String? = nil, _ message: String) {
        self.file = file
        self.line = line
        self.field = field
        self.message = message
    }

    public var description: String {
        var s = file == JSONLines.standardInput ? "<stdin>" : file
        if let line { s += ":\(line)" }
        s += ": "
        if let field { s += "field '\(field)': " }
        return s + message
    }
}

/// Several problems found in one pass (a whole configuration checked at once).
public struct InputErrors: Error, Sendable, CustomStringConvertible {
    public let errors: [InputError]
    public init(_ errors: [InputError]) { self.errors = errors }
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}

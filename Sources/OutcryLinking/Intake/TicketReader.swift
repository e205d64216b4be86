import Foundation
import OutcryCore

/// Reads the Ticket JSONL format, all-or-nothing, naming the line and field of any error.
public enum TicketReader {
    /// Reads line by line (a file, or standard input for `-`): the file is never held whole.
    public static func readJSONL(path: String) throws -> [Ticket] {
        let lines = try LineCursor.reading(path)
        var tickets: [Ticket] = []
        var seen: [String: Int] = [:]
        while let read = try lines.withNextLine({ line -> Ticket? in
            JSONLines.isBlank(line) ? nil : try Ticket(fields: JSONFields.parseLine(line, file: path, line: lines.lineNumber))
        }) {
            guard let t = read else { continue }
            if let first = seen[t.id] {
                throw InputError(file: path, line: lines.lineNumber, field: "id", "duplicate ticket id '\(t.id.prefix(40))' (first on line \(first))")
            }
            seen[t.id] = lines.lineNumber
            tickets.append(t)
        }
        return tickets
    }
}

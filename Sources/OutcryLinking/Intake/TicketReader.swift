import Foundation
import OutcryCore

/// Reads the Ticket JSONL format, all-or-nothing, naming the line and field of any error.
public enum TicketReader {
    public static func readJSONL(path: String) throws -> [Ticket] {
        let data = try JSONLines.read(path)
        var tickets: [Ticket] = []
        var seen: [String: Int] = [:]
        for (number, line) in JSONLines.lines(of: data) {
            let t = try Ticket(fields: JSONFields.parseLine(line, file: path, line: number))
            if let first = seen[t.id] {
                throw InputError(file: path, line: number, field: "id", "duplicate ticket id '\(t.id.prefix(40))' (first on line \(first))")
            }
            seen[t.id] = number
            tickets.append(t)
        }
        return tickets
    }
}

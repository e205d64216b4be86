import Foundation
import OutcryCore

/// A mention-volume series as `outcry detect` reads it and NAB publishes it: a header line, then
/// `timestamp,value` rows at equal steps (extra columns ignored).
public struct VolumeSeries: Sendable {
    public struct Row: Sendable {
        /// The timestamp and value as written, echoed back unchanged by `outcry detect`.
        public var timestamp: String
        public var value: String
        public var count: Double
        /// Nil when the timestamp is in neither NAB's nor RFC 3339 form.
        public var time: Date?
    }

    public var rows: [Row]

    /// Reads `path` (`\n` or `\r\n` line ends); a row without a finite numeric value is an error
    /// naming the file and line: one NaN would poison every baseline after it.
    public init(path: String) throws {
        rows = []
        for (number, line) in JSONLines.lines(of: try JSONLines.read(path)) where number > 1 {
            let cols = line.trimmingCharacters(in: .whitespaces).split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard cols.count >= 2 else {
                throw InputError(file: path, line: number, field: "value", "expected timestamp,value")
            }
            let value = cols[1].trimmingCharacters(in: .whitespaces)
            guard let v = Double(value), v.isFinite else {
                throw InputError(file: path, line: number, field: "value", "'\(TerminalText.clip(value, 40))' is not a finite number")
            }
            rows.append(Row(timestamp: cols[0], value: cols[1], count: v, time: Self.date(cols[0])))
        }
    }

    /// Seconds between rows, from the first two timestamps (five minutes when they say nothing).
    public var stepSeconds: Double {
        if rows.count >= 2, let a = rows[0].time, let b = rows[1].time, b > a { return b.timeIntervalSince(a) }
        return 300
    }

    /// `2015-02-26 21:42:53` (NAB, taken as UTC) or RFC 3339.
    public static func date(_ s: String) -> Date? {
        Timestamp.parse(s) ?? Timestamp.parse(String(s.prefix(19)).replacingOccurrences(of: " ", with: "T") + "Z")
    }
}

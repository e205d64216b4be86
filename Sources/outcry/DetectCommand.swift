import ArgumentParser
import Foundation
import OutcryCore
import OutcryScoring

/// `outcry detect` — anomaly scores for a mention-volume series (DESIGN.md contract).
struct DetectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "detect",
                                                    abstract: "Score a timestamp,value series for surges (causal); writes timestamp,value,anomaly_score.")

    @Option(help: "CSV with a header and timestamp,value rows at equal steps.") var input: String
    @Option(help: "Where to write timestamp,value,anomaly_score.") var output: String

    func run() async throws {
        let text = String(decoding: try JSONLines.read(input), as: UTF8.self)
        var rows: [(String, String, Double, Date?)] = []
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where n > 0 {
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { continue }
            let cols = trimmed.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard cols.count >= 2, let v = Double(cols[1]) else {
                throw InputError(file: input, line: n + 1, field: "value", "expected timestamp,value")
            }
            rows.append((cols[0], cols[1], v, Self.date(cols[0])))
        }
        let step: Double
        if rows.count >= 2, let a = rows[0].3, let b = rows[1].3, b > a { step = b.timeIntervalSince(a) } else { step = 300 }
        var detector = SeriesDetector(stepSeconds: step)
        var out = "timestamp,value,anomaly_score\n"
        for r in rows {
            out += "\(r.0),\(r.1),\(String(format: "%.6f", detector.score(r.2)))\n"
        }
        guard FileManager.default.createFile(atPath: output, contents: Data(out.utf8)) else {
            throw RuntimeError("detect: cannot write \(output)")
        }
    }

    /// `2015-02-26 21:42:53` (NAB) or RFC 3339.
    static func date(_ s: String) -> Date? {
        Timestamp.parse(s) ?? Timestamp.parse(s.replacingOccurrences(of: " ", with: "T") + "Z")
    }
}

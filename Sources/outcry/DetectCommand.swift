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
        let series = try VolumeSeries(path: input)
        var detector = SeriesDetector(stepSeconds: series.stepSeconds)
        var out = "timestamp,value,anomaly_score\n"
        for r in series.rows {
            out += "\(r.timestamp),\(r.value),\(String(format: "%.6f", detector.score(r.count)))\n"
        }
        do { try OutputFile.write(out.utf8, to: output) } catch { throw RuntimeError("detect: \(error)") }
    }
}

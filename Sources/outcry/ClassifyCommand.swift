import ArgumentParser
import Foundation
import OutcryCore
import OutcryText

/// `outcry classify --jsonl` — complaint/negative classification of `{"id","text"}` lines.
struct ClassifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "classify",
                                                    abstract: "Classify text lines on stdin as negative/complaint (JSON lines out).")

    @Flag(help: "Read and write JSON lines.") var jsonl = false

    func run() async throws {
        guard jsonl else { throw ValidationError("classify: only --jsonl input is supported") }
        let analyzer = Analyzer(topics: [])
        let data = FileHandle.standardInput.readDataToEndOfFile()
        var out = Data()
        for (number, line) in JSONLines.lines(of: data) {
            let f = try JSONFields.parseLine(line, file: "<stdin>", line: number)
            let a = analyzer.analyze(try f.string("text"))
            let o: [String: Any] = ["id": try f.string("id"), "negative": a.negative, "complaint": a.complaint,
                                    "score": (a.score * 10_000).rounded() / 10_000, "terms": a.terms]
            out.append(try JSONSerialization.data(withJSONObject: o, options: [.sortedKeys, .withoutEscapingSlashes]))
            out.append(0x0A)
        }
        FileHandle.standardOutput.write(out)
    }
}

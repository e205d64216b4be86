import ArgumentParser
import Foundation
import OutcryCore
import OutcryText

/// `outcry classify --jsonl` — complaint/negative classification of `{"id","text"}` lines.
struct ClassifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "classify",
                                                    abstract: "Classify text lines on stdin as negative/complaint (JSON lines out).")

    @Flag(help: "Read and write JSON lines.") var jsonl = false
    @Flag(help: "Lexicons only, without the learned polarity model (to measure what the model adds).") var lexiconOnly = false

    func run() async throws {
        guard jsonl else { throw ValidationError("classify: only --jsonl input is supported") }
        let classifier = SentimentClassifier(model: lexiconOnly ? nil : .standard)
        let data = FileHandle.standardInput.readDataToEndOfFile()
        var out = Data()
        for (number, line) in JSONLines.lines(of: data) {
            let f = try JSONFields.parseLine(line, file: "<stdin>", line: number)
            let a = classifier.classify(try f.string("text"))
            let o: [String: Any] = ["id": try f.string("id"), "negative": a.negative, "complaint": a.complaint,
                                    "score": (a.score * 10_000).rounded() / 10_000, "terms": a.terms]
            out.append(try JSONSerialization.data(withJSONObject: o, options: [.sortedKeys, .withoutEscapingSlashes]))
            out.append(0x0A)
        }
        FileHandle.standardOutput.write(out)
    }
}

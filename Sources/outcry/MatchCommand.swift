import ArgumentParser
import Foundation
import OutcryCore
import OutcryText

/// `outcry match --terms FILE [--count]` — which lines of stdin mention any of the terms, after
/// the same normalization topics use (so `京東` and `ＪＤ` match `京东` and `jd`). For trying
/// topic terms against a sample of posts, and the matcher benchmark.
struct MatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "match",
                                                    abstract: "Print (or count) stdin lines that mention any term of a terms file.")

    @Option(help: "File with one term per line.") var terms: String
    @Flag(help: "Print only the number of matching lines.") var count = false

    func run() async throws {
        let raw = String(decoding: try InputFile.contents(terms), as: UTF8.self)
        let normalizer = Normalizer.shared
        let patterns = raw.split(whereSeparator: \.isNewline).map { normalizer.fold(String($0).trimmedWhitespace) }.filter { !$0.isEmpty }
        guard !patterns.isEmpty else { throw ValidationError("match: \(terms) has no terms") }
        let matcher = Matcher(patterns: patterns)
        var matching = 0
        var out: [UInt8] = []
        var folded: [UInt8] = []
        try StandardInput.forEachLine { line in
            normalizer.fold(utf8: line, into: &folded)
            let hit = folded.withUnsafeBufferPointer { matcher.matchesAny(utf8: $0) }
            guard hit else { return }
            matching += 1
            if !count {
                out.append(contentsOf: line)
                out.append(0x0A)
                if out.count >= 1 << 16 { StandardOutput.write(bytes: out); out.removeAll(keepingCapacity: true) }
            }
        }
        if count { out = Array("\(matching)\n".utf8) }
        StandardOutput.write(bytes: out)
    }
}

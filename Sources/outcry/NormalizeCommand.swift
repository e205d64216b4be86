import ArgumentParser
import OutcryCore
import OutcryText

/// `outcry normalize` — stdin lines folded exactly as topics and posts are before matching
/// (full-width, case, Taiwan phrases and Traditional characters to Simplified). For checking
/// what a term will match, and the normalization benchmark.
struct NormalizeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "normalize",
                                                    abstract: "Print stdin lines as the matcher sees them (normalized).")

    func run() async throws {
        let normalizer = Normalizer.shared
        var out: [UInt8] = []
        try StandardInput.forEachLine { line in
            out.append(contentsOf: normalizer.fold(String(decoding: line, as: UTF8.self)).utf8)
            out.append(0x0A)
            if out.count >= 1 << 16 { StandardOutput.write(bytes: out); out.removeAll(keepingCapacity: true) }
        }
        StandardOutput.write(bytes: out)
    }
}

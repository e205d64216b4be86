import Foundation
import OutcryCore
import OutcryTesting

/// Fuzz target: one Post JSONL line: either a post or an InputError, never a crash.
func check(_ data: Data) {
    for (n, line) in JSONLines.lines(of: data) {
        if let f = try? JSONFields.parseLine(line, file: "fuzz", line: n) { _ = try? Post(fields: f); _ = try? Ticket(fields: f) }
    }
}

#if FUZZING
/// SwiftPM renames an executable's entry point to `<target>_main`; libFuzzer's driver runs from it.
@_cdecl("FuzzPostLine_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    FuzzHarness.runLibFuzzer(argc, argv, check)
}
#else
@main
struct Reproducer {
    static func main() { FuzzHarness.reproduce(check) }
}
#endif

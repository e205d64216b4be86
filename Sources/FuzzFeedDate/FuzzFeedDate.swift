import Foundation
import OutcryFeeds
import OutcryTesting

/// Fuzz target: every date form; a parsed date must be finite.
func check(_ data: Data) {
    if let d = FeedDate.parse(String(decoding: data, as: UTF8.self)) { precondition(d.timeIntervalSince1970.isFinite) }
}

#if FUZZING
/// SwiftPM renames an executable's entry point to `<target>_main`; libFuzzer's driver runs from it.
@_cdecl("FuzzFeedDate_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    FuzzHarness.runLibFuzzer(argc, argv, check)
}
#else
@main
struct Reproducer {
    static func main() { FuzzHarness.reproduce(check) }
}
#endif

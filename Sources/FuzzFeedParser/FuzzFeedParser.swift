import Foundation
import OutcryFeeds
import OutcryTesting

/// Fuzz target: any bytes through format detection, encoding detection, libxml2 and every feed parser; whatever parses must adapt to posts.
func check(_ data: Data) {
    guard let feed = try? FeedParser.parse(data, source: "fuzz", contentType: nil, baseURL: "http://fuzz.example/") else { return }
    _ = FeedPostAdapter.posts(from: feed, source: "fuzz")
    _ = FeedJSON.object(feed)
}

#if FUZZING
/// SwiftPM renames an executable's entry point to `<target>_main`; libFuzzer's driver runs from it.
@_cdecl("FuzzFeedParser_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    FuzzHarness.runLibFuzzer(argc, argv, check)
}
#else
@main
struct Reproducer {
    static func main() { FuzzHarness.reproduce(check) }
}
#endif

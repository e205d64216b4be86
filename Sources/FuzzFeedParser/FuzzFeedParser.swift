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
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ bytes: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    check(bytes.map { Data(bytes: $0, count: size) } ?? Data())
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

/// SwiftPM renames an executable's entry point to `<target>_main`; libFuzzer's driver runs from it.
@_cdecl("FuzzFeedParser_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var args = argv
    return LLVMFuzzerRunDriver(&count, &args, fuzzOne)
}
#else
@main
struct Reproducer {
    static func main() { FuzzHarness.reproduce(check) }
}
#endif

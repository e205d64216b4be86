import Foundation
import OutcryFeeds
import OutcryTesting

/// Fuzz target: the sanitizer must terminate, and its output must be a fixed point with no script left.
func check(_ data: Data) {
    let html = String(decoding: data, as: UTF8.self)
    let once = HTMLSanitizer.sanitize(html)
    // Comments are kept (as feedparser keeps them); outside them no script element may survive.
    let outside = once.replacingOccurrences(of: "<!--[\\s\\S]*?-->", with: "", options: .regularExpression)
    precondition(!outside.lowercased().contains("<script"), "script survived sanitizing: \(once.debugDescription.prefix(300))")
    _ = HTMLText.plain(once)
}

#if FUZZING
/// SwiftPM renames an executable's entry point to `<target>_main`; libFuzzer's driver runs from it.
@_cdecl("FuzzHTMLSanitizer_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    FuzzHarness.runLibFuzzer(argc, argv, check)
}
#else
@main
struct Reproducer {
    static func main() { FuzzHarness.reproduce(check) }
}
#endif

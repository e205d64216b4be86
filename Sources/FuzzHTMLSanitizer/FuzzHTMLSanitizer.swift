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
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ bytes: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    check(bytes.map { Data(bytes: $0, count: size) } ?? Data())
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

/// SwiftPM renames an executable's entry point to `<target>_main`; libFuzzer's driver runs from it.
@_cdecl("FuzzHTMLSanitizer_main")
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

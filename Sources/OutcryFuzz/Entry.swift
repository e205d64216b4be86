import Foundation

// Built normally, `OutcryFuzz` is a reproducer: `OUTCRY_FUZZ_TARGET=feed-parser OutcryFuzz FILE|DIR…`
// runs inputs (crash files, the seed corpus) through the target. Built with
// `-D FUZZING -sanitize=fuzzer` (`make fuzz`), libFuzzer drives the same check.

#if FUZZING
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

nonisolated(unsafe) var fuzzTarget = FuzzTarget.feedParser

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ bytes: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    fuzzTarget.check(bytes.map { Data(bytes: $0, count: size) } ?? Data())
    return 0
}

/// SwiftPM renames an executable's entry point to `<target>_main`; libFuzzer's driver runs from it.
@_cdecl("OutcryFuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    fuzzTarget = FuzzTarget.selected
    var count = argc
    var args = argv
    return LLVMFuzzerRunDriver(&count, &args, fuzzOne)
}
#else
@main
struct Reproducer {
    static func main() {
        let target = FuzzTarget.selected
        var count = 0
        for arg in CommandLine.arguments.dropFirst() {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: arg, isDirectory: &isDir) else { continue }
            let files = isDir.boolValue ? ((try? FileManager.default.contentsOfDirectory(atPath: arg)) ?? []).map { arg + "/" + $0 } : [arg]
            for f in files {
                if let d = FileManager.default.contents(atPath: f) { target.check(d); count += 1 }
            }
        }
        FileHandle.standardError.write(Data("\(target.rawValue): ran \(count) inputs\n".utf8))
    }
}
#endif

import Foundation

/// Shared by the fuzz targets: in a normal build each target is a reproducer that runs files
/// (crash inputs, the seed corpus) through its check; built with `-D FUZZING -sanitize=fuzzer`
/// (`make fuzz`) libFuzzer drives the same check through ``runLibFuzzer(_:_:_:)``.
public enum FuzzHarness {
    /// Runs every file named on the command line (or in a named directory) through `body`.
    public static func reproduce(_ body: (Data) -> Void) {
        var count = 0
        for arg in CommandLine.arguments.dropFirst() {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: arg, isDirectory: &isDir) else { continue }
            let files = isDir.boolValue
                ? ((try? FileManager.default.contentsOfDirectory(atPath: arg)) ?? []).map { arg + "/" + $0 }
                : [arg]
            for f in files {
                if let d = FileManager.default.contents(atPath: f) { body(d); count += 1 }
            }
        }
        FileHandle.standardError.write(Data("ran \(count) inputs\n".utf8))
    }

    #if FUZZING
    /// The check libFuzzer calls; set once by the target before the driver starts.
    nonisolated(unsafe) static var check: ((Data) -> Void)?

    /// Hands control to libFuzzer with `check` as the target.
    public static func runLibFuzzer(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
                                    _ check: @escaping (Data) -> Void) -> CInt {
        Self.check = check
        var count = argc
        var args = argv
        return LLVMFuzzerRunDriver(&count, &args, fuzzOne)
    }
    #endif
}

#if FUZZING
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ bytes: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzHarness.check?(bytes.map { Data(bytes: $0, count: size) } ?? Data())
    return 0
}
#endif

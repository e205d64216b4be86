import Foundation

/// Shared by the fuzz targets: in a normal build each target is a reproducer that runs files
/// (crash inputs, the seed corpus) through its parser; built with `-D FUZZING -sanitize=fuzzer`
/// (`make fuzz`) libFuzzer drives the same entry point.
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
}

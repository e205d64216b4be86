import Foundation
import Synchronization

/// Runs the `outcry` executable and captures its output.
public struct CommandResult: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

public enum CLI {
    public static func run(_ arguments: [String], cwd: String? = nil, stdin: Data? = nil, environment: [String: String] = [:]) throws -> CommandResult {
        try runTool(Fixtures.executable, arguments, cwd: cwd, stdin: stdin, environment: environment)
    }

    /// A command that exits without reading all its input must fail its test, not kill the
    /// test process with SIGPIPE.
    private static let ignoreBrokenPipes: Void = { signal(SIGPIPE, SIG_IGN) }()

    /// Any program (a peer tool such as `psql`), run the same way.
    public static func runTool(_ path: String, _ arguments: [String], cwd: String? = nil, stdin: Data? = nil,
                               environment: [String: String] = [:]) throws -> CommandResult {
        _ = ignoreBrokenPipes
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path)
        p.arguments = arguments
        if !environment.isEmpty { p.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new } }
        if let cwd { p.currentDirectoryURL = URL(fileURLWithPath: cwd) }
        let out = Pipe(), err = Pipe(), input = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = input
        try p.run()
        // Standard input is written, and standard error read, beside the read of standard
        // output: done one after another, a command filling one pipe while the test waits on
        // another would never finish.
        let errors = Mutex(Data()), errorsRead = DispatchSemaphore(value: 0)
        let writing = input.fileHandleForWriting, reading = err.fileHandleForReading
        Thread {
            if let stdin { try? writing.write(contentsOf: stdin) }
            try? writing.close()
        }.start()
        Thread {
            let data = reading.readDataToEndOfFile()
            errors.withLock { $0 = data }
            errorsRead.signal()
        }.start()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        errorsRead.wait()
        let e = errors.withLock { $0 }
        return CommandResult(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }
}

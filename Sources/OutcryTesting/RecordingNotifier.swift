import Foundation
import OutcryAlerting
import OutcryCore
import Synchronization

/// A notifier that records what it was asked to deliver and answers from a script: the test
/// double for every channel.
public final class RecordingNotifier: Notifier {
    public let channel: String
    private let state: Mutex<(delivered: [Delivery], script: [DeliveryOutcome])>

    /// `script` answers the first deliveries in order; after it runs out, every delivery succeeds.
    public init(channel: String = "recording", script: [DeliveryOutcome] = []) {
        self.channel = channel
        state = Mutex(([], script))
    }

    /// Successful deliveries, in order.
    public var deliveries: [Delivery] { state.withLock { $0.delivered } }

    /// Each delivered alert with its idempotency key.
    public var delivered: [(alert: Alert, key: String)] {
        state.withLock { $0.delivered.flatMap { d in d.alerts.map { ($0, d.idempotencyKey) } } }
    }

    public func deliver(_ delivery: Delivery) async -> DeliveryOutcome {
        state.withLock { s in
            let outcome = s.script.isEmpty ? .delivered : s.script.removeFirst()
            if outcome == .delivered { s.delivered.append(delivery) }
            return outcome
        }
    }
}

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

    /// Any program (a peer tool such as `psql`), run the same way.
    public static func runTool(_ path: String, _ arguments: [String], cwd: String? = nil, stdin: Data? = nil,
                               environment: [String: String] = [:]) throws -> CommandResult {
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
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try input.fileHandleForWriting.close()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return CommandResult(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }
}

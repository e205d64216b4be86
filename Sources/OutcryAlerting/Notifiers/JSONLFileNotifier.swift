import Foundation
import OutcryCore

/// Appends each alert as one line of the DESIGN.md Alert JSON to a file (replay's `--out`).
public struct JSONLFileNotifier: Notifier {
    public let path: String
    public var channel: String { "jsonl:" + path }

    public init(path: String) { self.path = path }

    public func deliver(_ alert: Alert, idempotencyKey: String) async -> DeliveryOutcome {
        let line = Data((alert.jsonLine() + "\n").utf8)
        guard let handle = FileHandle(forWritingAtPath: path) ?? {
            _ = FileManager.default.createFile(atPath: path, contents: nil)
            return FileHandle(forWritingAtPath: path)
        }() else {
            return .failed(retryable: true, message: "cannot open \(path) for writing")
        }
        defer { try? handle.close() }
        do {
            try handle.seekToEnd()
            try handle.write(contentsOf: line)
            return .delivered
        } catch {
            return .failed(retryable: true, message: "write to \(path) failed: \(error.localizedDescription)")
        }
    }
}

import Foundation
import OutcryCore

/// Appends each alert of a notification as one line of the DESIGN.md Alert JSON to a file
/// (replay's `--out`, the demo's alert log).
public struct JSONLFileNotifier: Notifier {
    public let path: String
    public let channel: String

    public init(path: String, channel: String? = nil) {
        self.path = path
        self.channel = channel ?? "jsonl:" + path
    }

    public func deliver(_ d: Delivery) async -> DeliveryOutcome {
        let lines = Data(d.alerts.map { $0.jsonLine() + "\n" }.joined().utf8)
        guard let handle = FileHandle(forWritingAtPath: path) ?? {
            _ = FileManager.default.createFile(atPath: path, contents: nil)
            return FileHandle(forWritingAtPath: path)
        }() else {
            return .failed(retryable: true, message: "cannot open \(path) for writing")
        }
        defer { try? handle.close() }
        do {
            try handle.seekToEnd()
            try handle.write(contentsOf: lines)
            return .delivered
        } catch {
            return .failed(retryable: true, message: "write to \(path) failed: \(error.localizedDescription)")
        }
    }
}

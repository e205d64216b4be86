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
        let lines = d.alerts.map { $0.jsonLine() + "\n" }.joined().utf8
        do {
            try OutputFile.append(lines, to: path)
            return .delivered
        } catch {
            return .failed(retryable: true, message: "\(error)")
        }
    }
}

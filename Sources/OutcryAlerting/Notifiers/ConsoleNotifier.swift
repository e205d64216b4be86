import Foundation
import OutcryCore

/// Prints notifications to standard output through the `text` template (sanitized).
public struct ConsoleNotifier: Notifier {
    public let channel: String
    let renderer: MessageRenderer

    public init(channel: String = "console", renderer: MessageRenderer) {
        self.channel = channel
        self.renderer = renderer
    }

    public func deliver(_ d: Delivery) async -> DeliveryOutcome {
        do {
            StandardOutput.write(try renderer.render(d) + "\n")
            return .delivered
        } catch {
            return MessageRenderer.failure(error)
        }
    }
}

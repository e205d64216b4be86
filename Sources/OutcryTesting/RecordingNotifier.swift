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

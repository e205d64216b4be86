import Foundation
import OutcryCore

/// Renders one delivery through a template in the receiver's language and clock.
public struct MessageRenderer: Sendable {
    public let context: MessageContext
    public let template: MessageTemplate

    public init(context: MessageContext, template: MessageTemplate) {
        self.context = context
        self.template = template
    }

    public func render(_ d: Delivery) throws -> String {
        try template.render(context.build(d.notification, alerts: d.alerts, posts: d.posts, tickets: d.tickets))
    }

    /// The outcome for a template that failed at delivery time (``AlertingConfigLoader``
    /// renders every template before a run, so this means a template changed underneath).
    static func failure(_ error: any Error) -> DeliveryOutcome {
        .failed(retryable: false, message: "template: \(error)")
    }
}

extension String {
    /// At most `limit` UTF-8 bytes, cut at a character boundary, with a marker when cut
    /// (WeCom counts bytes, Slack characters).
    func clipped(utf8 limit: Int, marker: String = "\n…") -> String {
        guard utf8.count > limit else { return self }
        var out = ""
        var used = marker.utf8.count
        for ch in self {
            let n = ch.utf8.count
            if used + n > limit { break }
            out.append(ch)
            used += n
        }
        return out + marker
    }
}

import Foundation
import OutcryCore

/// Slack incoming webhook: the rendered mrkdwn in section blocks (≤ 3,000 characters each),
/// with a plain `text` fallback for notifications and old clients.
public struct SlackNotifier: Notifier {
    public let channel: String
    let urlEnv: String
    let renderer: MessageRenderer
    let transport: WebhookTransport
    let secrets: Secrets

    public init(channel: String, urlEnv: String, renderer: MessageRenderer, transport: WebhookTransport, secrets: Secrets) {
        self.channel = channel
        self.urlEnv = urlEnv
        self.renderer = renderer
        self.transport = transport
        self.secrets = secrets
    }

    public func deliver(_ d: Delivery) async -> DeliveryOutcome {
        let url: String
        do { url = try secrets.value(urlEnv) } catch { return .missing(error) }
        let text: String
        do { text = try renderer.render(d) } catch { return MessageRenderer.failure(error) }
        let body = JSONText.encode(["text": Self.sections(text, limit: 3000).first ?? "", "blocks": Self.blocks(text)])
        if case .failure(let f) = await transport.post(url, json: Data(body.utf8)) { return f.outcome }
        return .delivered
    }

    static func blocks(_ text: String) -> [[String: Any]] {
        sections(text, limit: 3000).prefix(50).map { ["type": "section", "text": ["type": "mrkdwn", "text": $0]] }
    }

    /// Splits at line ends into pieces of at most `limit` characters.
    static func sections(_ text: String, limit: Int) -> [String] {
        var out: [String] = [], current = ""
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let piece = line.count > limit ? String(line.prefix(limit - 1)) + "…" : String(line)
            if current.count + piece.count + 1 > limit, !current.isEmpty {
                out.append(current)
                current = ""
            }
            current += current.isEmpty ? piece : "\n" + piece
        }
        let last = current.trimmingCharacters(in: .whitespacesAndNewlines)
        if !last.isEmpty { out.append(current) }
        return out
    }
}

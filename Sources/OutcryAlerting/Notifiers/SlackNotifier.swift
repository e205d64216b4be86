import Foundation
import OutcryCore

/// Slack incoming webhook: the rendered mrkdwn in section blocks (≤ 3,000 characters each),
/// with a plain `text` fallback for notifications and old clients.
public struct SlackNotifier: HTTPNotifier {
    public let http: HTTPChannel
    public init(_ http: HTTPChannel) { self.http = http }

    public func deliver(_ d: Delivery) async -> DeliveryOutcome {
        await http.deliver(d) { p in
            await http.post(p.url, json: ["text": Self.sections(p.text, limit: 3000).first ?? "", "blocks": Self.blocks(p.text)])
        }
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
        if !current.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { out.append(current) }
        return out
    }
}

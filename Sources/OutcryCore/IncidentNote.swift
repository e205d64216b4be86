import Foundation

/// The team's own annotation on an incident ("called the shop 14:05", "statement drafted"),
/// shown on its timeline beside what the data says.
public struct IncidentNote: Sendable, Hashable, Codable {
    public var spikeID: String
    public var at: Date
    public var author: String
    /// Untrusted like any text: escaped by each renderer.
    public var text: String

    public init(spikeID: String, at: Date, author: String, text: String) {
        self.spikeID = spikeID
        self.at = at
        self.author = author
        self.text = text
    }
}

import Foundation

/// A watched subject: a brand, a product, a shop. Posts match it by its terms after normalization.
public struct Topic: Sendable, Hashable, Codable, Identifiable {
    public var id: String
    public var name: String
    /// Any one of these (normalized) marks a post as being about the topic.
    public var terms: [String]
    /// A post containing any of these is not about the topic, even if a term matched.
    public var exclude: [String]
    /// Accounts that speak for the organisation; their posts are the "response" on a timeline.
    public var officialAccounts: [String]

    public init(id: String, name: String, terms: [String], exclude: [String] = [], officialAccounts: [String] = []) {
        self.id = id
        self.name = name
        self.terms = terms
        self.exclude = exclude
        self.officialAccounts = officialAccounts
    }
}

extension Topic {
    /// What decides which posts mention the topic — its terms and exclusions — as text. A store
    /// keeps the definition its mentions were found with, so a job started with a different one
    /// knows to find them again.
    public var matchingDefinition: String {
        struct Matching: Encodable { let terms: [String], exclude: [String] }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Two string arrays always encode.
        return String(decoding: try! encoder.encode(Matching(terms: terms, exclude: exclude)), as: UTF8.self)
    }
}

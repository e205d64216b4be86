import Foundation

/// A feed as parsed, format-neutral, named as Python feedparser names things.
///
/// Every format's parser produces this; ``FeedPostAdapter`` turns its entries into ``Post``s
/// and the `feed parse` command prints it as feedparser-compatible JSON.
public struct ParsedFeed: Sendable, Hashable {
    public struct Link: Sendable, Hashable {
        public var href: String
        public var rel: String
        public var type: String?
        public var length: String?
        public init(href: String, rel: String = "alternate", type: String? = nil, length: String? = nil) {
            self.href = href
            self.rel = rel
            self.type = type
            self.length = length
        }
    }

    public struct Content: Sendable, Hashable {
        public var value: String
        public var type: String
        public init(value: String, type: String) {
            self.value = value
            self.type = type
        }
    }

    /// A category: feedparser's `{term, scheme, label}`.
    public struct Tag: Sendable, Hashable {
        public var term: String
        public var scheme: String?
        public var label: String?
        public init(term: String, scheme: String? = nil, label: String? = nil) {
            self.term = term
            self.scheme = scheme
            self.label = label
        }
    }

    public struct Entry: Sendable, Hashable {
        public var id: String?
        public var title: String?
        public var link: String?
        public var links: [Link] = []
        public var author: String?
        public var published: Date?
        public var updated: Date?
        public var summary: String?
        public var content: [Content] = []
        public var tags: [Tag] = []
        /// Engagement from social APIs (Mastodon, Reddit, Hacker News, Bluesky); nil for feeds.
        public var followers: Int?
        public var reposts: Int?
        public var comments: Int?
        public var likes: Int?
        public var language: String?
        /// The API's own id when it orders items (Mastodon status ids), for paging cursors.
        public var cursorID: String?
        public init() {}
    }

    public var version: String
    public var encoding: String
    /// Not well-formed, but recovered (feedparser's `bozo`).
    public var bozo: Bool = false
    public var bozoException: String?
    public var title: String?
    public var subtitle: String?
    public var link: String?
    public var links: [Link] = []
    public var language: String?
    public var id: String?
    public var author: String?
    public var rights: String?
    public var updated: Date?
    public var published: Date?
    public var tags: [Tag] = []
    public var entries: [Entry] = []

    public init(version: String, encoding: String) {
        self.version = version
        self.encoding = encoding
    }
}

/// Why a feed could not be read.
public struct FeedError: Error, Sendable, Hashable, CustomStringConvertible {
    public let source: String
    public let message: String
    public init(source: String, _ message: String) {
        self.source = source
        self.message = message
    }
    public var description: String { "feeds: \(source): \(message)" }
}

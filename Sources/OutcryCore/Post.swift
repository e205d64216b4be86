import Foundation

/// One public post from any source, after parsing: the unit every stage works on.
public struct Post: Sendable, Hashable, Codable {
    public var id: String
    public var source: String
    public var author: String
    public var followers: Int?
    public var text: String
    public var url: String?
    public var createdAt: Date
    public var reposts: Int?
    public var comments: Int?
    public var likes: Int?
    public var lang: String?

    public init(id: String, source: String, author: String, followers: Int? = nil, text: String, url: String? = nil,
                createdAt: Date, reposts: Int? = nil, comments: Int? = nil, likes: Int? = nil, lang: String? = nil) {
        self.id = id
        self.source = source
        self.author = author
        self.followers = followers
        self.text = text
        self.url = url
        self.createdAt = createdAt
        self.reposts = reposts
        self.comments = comments
        self.likes = likes
        self.lang = lang
    }

    /// How many people the post can plausibly have reached: the author's audience, at least 1.
    public var reach: Int { max(followers ?? 0, 1) }

    enum CodingKeys: String, CodingKey {
        case id, source, author, followers, text, url, reposts, comments, likes, lang
        case createdAt = "created_at"
    }
}

extension Post {
    /// Builds a post from one JSONL object (the Post format of DESIGN.md).
    public init(fields f: JSONFields) throws {
        let id = try f.string("id")
        guard !id.isEmpty else { throw f.fail("id", "must not be empty") }
        self.init(
            id: id,
            source: try f.optionalString("source") ?? "jsonl",
            author: try f.string("author"),
            followers: try f.optionalInt("followers"),
            text: try f.string("text"),
            url: try f.optionalString("url"),
            createdAt: try f.date("created_at"),
            reposts: try f.optionalInt("reposts"),
            comments: try f.optionalInt("comments"),
            likes: try f.optionalInt("likes"),
            lang: try f.optionalString("lang"))
    }

    /// The Post JSONL object, with timestamps in UTC.
    public var jsonObject: [String: Any] {
        var o: [String: Any] = ["id": id, "source": source, "author": author, "text": text,
                                "created_at": Timestamp.utc(createdAt)]
        if let followers { o["followers"] = followers }
        if let url { o["url"] = url }
        if let reposts { o["reposts"] = reposts }
        if let comments { o["comments"] = comments }
        if let likes { o["likes"] = likes }
        if let lang { o["lang"] = lang }
        return o
    }
}

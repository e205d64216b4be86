import Foundation

/// Mentions of one topic in one fixed time interval.
public struct Bucket: Sendable, Hashable, Codable {
    public var topic: String
    public var start: Date
    public var count: Int
    /// Mentions classified as complaints.
    public var complaints: Int
    /// Sum of authors' followers over the mentions.
    public var reach: Int
    /// The highest-reach author seen in the bucket, and their followers.
    public var topAuthor: String?
    public var topAuthorFollowers: Int

    public init(topic: String, start: Date, count: Int = 0, complaints: Int = 0, reach: Int = 0,
                topAuthor: String? = nil, topAuthorFollowers: Int = 0) {
        self.topic = topic
        self.start = start
        self.count = count
        self.complaints = complaints
        self.reach = reach
        self.topAuthor = topAuthor
        self.topAuthorFollowers = topAuthorFollowers
    }

    /// Adds one mention.
    public mutating func add(complaint: Bool, author: String, followers: Int) {
        count += 1
        if complaint { complaints += 1 }
        reach += max(followers, 1)
        if followers > topAuthorFollowers || topAuthor == nil {
            topAuthor = author
            topAuthorFollowers = followers
        }
    }

    public var complaintShare: Double { count == 0 ? 0 : Double(complaints) / Double(count) }
}

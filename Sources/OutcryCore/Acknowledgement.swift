import Foundation

/// Someone on the team has seen an alert: it stops repeating and escalating. A later severity
/// upgrade is a new alert and notifies again.
public struct Acknowledgement: Sendable, Hashable, Codable {
    public var alertID: String
    public var spikeID: String
    public var at: Date
    public var author: String
    public var comment: String

    public init(alertID: String, spikeID: String, at: Date, author: String, comment: String = "") {
        self.alertID = alertID
        self.spikeID = spikeID
        self.at = at
        self.author = author
        self.comment = comment
    }
}

/// Mutes notifications for alerts whose labels match, for a while (`outcry silence add`).
/// Matchers are kept as text (`topic=~"jd-.*"`); the alerting stage parses them.
public struct Silence: Sendable, Hashable, Codable {
    public var id: String
    public var matchers: [String]
    public var startsAt: Date
    public var endsAt: Date
    public var author: String
    public var comment: String

    public init(id: String, matchers: [String], startsAt: Date, endsAt: Date, author: String, comment: String) {
        self.id = id
        self.matchers = matchers
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.author = author
        self.comment = comment
    }

    public func isActive(at time: Date) -> Bool { startsAt <= time && time < endsAt }

    /// A silence starting now, with an id derived from what it mutes and when (`SIL-…`).
    public static func starting(at now: Date, for duration: TimeInterval, matchers: [String], author: String, comment: String) -> Silence {
        let id = "SIL-" + String(format: "%08llx", StableHash.fnv1a(matchers.joined(separator: " ") + "\(now.timeIntervalSince1970)") & 0xffff_ffff)
        return Silence(id: id, matchers: matchers, startsAt: now, endsAt: now.addingTimeInterval(duration), author: author, comment: comment)
    }
}

import Foundation

/// A ticket the linker believes is behind a spike, with the reasons a person can check.
public struct LinkedTicket: Sendable, Hashable, Codable {
    public var id: String
    /// Calibrated to [0, 1]: above ~0.5 the linker is confident; below ~0.2 it is guessing.
    public var score: Double
    public var reasons: [String]

    public init(id: String, score: Double, reasons: [String]) {
        self.id = id
        self.score = score
        self.reasons = reasons
    }
}

/// One notification about a spike: sent on first detection and on each severity upgrade.
///
/// Its JSON form (``jsonObject``) is the Alert format of DESIGN.md and the generic webhook body.
public struct Alert: Sendable, Hashable, Codable, Identifiable {
    public var id: String
    public var spikeID: String
    public var topic: String
    public var severity: Severity
    public var spikeStart: Date
    public var detectedAt: Date
    public var score: Double
    public var volume: Int
    public var baseline: Double
    public var negativeShare: Double
    /// The spike's ``Spike/usualComplaints``; nil for a source's alert, and in alerts stored
    /// before it was recorded.
    public var usualComplaints: Double?
    public var topTerms: [String]
    public var samplePosts: [String]
    public var linkedTickets: [LinkedTicket]

    public init(spike: Spike, at time: Date, linkedTickets: [LinkedTicket]) {
        id = Alert.makeID(spikeID: spike.id, severity: spike.severity)
        spikeID = spike.id
        topic = spike.topic
        severity = spike.severity
        spikeStart = spike.start
        detectedAt = time
        score = spike.score
        volume = spike.volume
        baseline = spike.baseline
        negativeShare = spike.negativeShare
        usualComplaints = spike.usualComplaints
        topTerms = spike.topTerms
        samplePosts = spike.samplePosts
        self.linkedTickets = linkedTickets
    }

    /// An alert about a source, not a topic: it is failing or has gone silent. Topic
    /// `source:<name>`, severity warning, the problem in `top_terms`.
    public init(sourceHealth source: String, since: Date, at time: Date, message: String) {
        spikeID = "source-\(source)-\(Int(since.timeIntervalSince1970))"
        id = "A-" + spikeID + "-warning"
        topic = "source:" + source
        severity = .warning
        spikeStart = since
        detectedAt = time
        score = 0
        volume = 0
        baseline = 0
        negativeShare = 0
        topTerms = [message]
        samplePosts = []
        linkedTickets = []
    }

    /// True for alerts about sources rather than topics.
    public var isSourceHealth: Bool { topic.hasPrefix("source:") }

    /// One alert per spike and severity: re-running over the same data produces the same ids.
    public static func makeID(spikeID: String, severity: Severity) -> String {
        "A-" + spikeID.dropFirst(2) + "-" + severity.rawValue
    }

    /// Complaints in the detection window.
    public var complaints: Int { Spike.complaints(share: negativeShare, of: volume) }

    /// The DESIGN.md Alert object, exactly its keys (``usualComplaints`` reaches messages, not it).
    public var jsonObject: [String: Any] {
        [
            "id": id,
            "topic": topic,
            "severity": severity.rawValue,
            "spike_start": Timestamp.utc(spikeStart),
            "detected_at": Timestamp.utc(detectedAt),
            "score": (score * 100).rounded() / 100,
            "volume": volume,
            "baseline": (baseline * 100).rounded() / 100,
            "negative_share": (negativeShare * 1000).rounded() / 1000,
            "top_terms": topTerms,
            "sample_posts": samplePosts,
            "linked_tickets": linkedTickets.map {
                ["id": $0.id, "score": ($0.score * 1000).rounded() / 1000, "reasons": $0.reasons] as [String: Any]
            },
        ]
    }

    /// One line of JSON, keys sorted, for JSONL outputs and webhook bodies.
    public func jsonLine() -> String {
        JSONText.encode(jsonObject)
    }
}

import Foundation
import OutcryCore
import OutcryStorage

/// One moment of an incident's story.
public struct TimelineEntry: Sendable, Hashable {
    public enum Kind: String, Sendable {
        case ticket, ticketEvent = "ticket_event", firstPost = "first_post", firstComplaint = "first_complaint", influencer,
             spikeOpened = "spike_opened",
             severity, alert, acknowledged, peak, response, closed, note
    }
    public var at: Date
    public var kind: Kind
    /// Untrusted text (posts, tickets) is stored raw and escaped by each renderer.
    public var text: String

    public init(at: Date, kind: Kind, text: String) {
        self.at = at
        self.kind = kind
        self.text = text
    }
}

/// An incident reconstructed from the store: tickets → first posts → influencer → spike → alerts → response.
public struct Timeline: Sendable {
    public var spike: Spike
    public var entries: [TimelineEntry]
    public var firstTicketAt: Date?
    public var firstPublicPostAt: Date?
    public var totalReach: Int
    /// Mentions per bucket around the incident (zero buckets omitted), for the chart.
    public var volume: [Bucket]

    public init(spike: Spike, entries: [TimelineEntry], firstTicketAt: Date?, firstPublicPostAt: Date?, totalReach: Int,
                volume: [Bucket] = []) {
        self.spike = spike
        self.entries = entries
        self.firstTicketAt = firstTicketAt
        self.firstPublicPostAt = firstPublicPostAt
        self.totalReach = totalReach
        self.volume = volume
    }

    /// The headline figures a PR lead reads first.
    public struct Metrics: Sendable, Hashable {
        public var firstTicketToFirstPost: TimeInterval?
        public var firstPostToDetection: TimeInterval?
        /// The first alert about the spike.
        public var detectionToFirstAlert: TimeInterval?
        /// Someone on the team said "seen" (`outcry alerts ack`).
        public var detectionToFirstAcknowledgement: TimeInterval?
        public var peakVolume: Int
        public var peakAt: Date
        public var totalReach: Int
    }

    public var metrics: Metrics {
        let firstAlert = entries.first { $0.kind == .alert }?.at
        let firstAck = entries.first { $0.kind == .acknowledged }?.at
        return Metrics(firstTicketToFirstPost: firstTicketAt.flatMap { a in firstPublicPostAt.map { $0.timeIntervalSince(a) } },
                       firstPostToDetection: firstPublicPostAt.map { firstDetection.timeIntervalSince($0) },
                       detectionToFirstAlert: firstAlert.map { $0.timeIntervalSince(firstDetection) },
                       detectionToFirstAcknowledgement: firstAck.map { $0.timeIntervalSince(firstDetection) },
                       peakVolume: spike.peakVolume, peakAt: spike.peakAt, totalReach: totalReach)
    }

    /// When the spike was first detected (its opening), not its latest escalation.
    public var firstDetection: Date {
        entries.first { $0.kind == .spikeOpened }?.at ?? spike.detectedAt
    }

    /// Builds the timeline of `spike` from what the store holds.
    public static func build(spike: Spike, topic: Topic?, store: any Store, highReach: Int = 1_000_000) throws -> Timeline {
        try IncidentReconstruction(spike: spike, topic: topic, store: store, highReach: highReach).timeline()
    }

    /// The story of a topic over a time range: every spike of the topic that overlaps it, merged
    /// into one chronology limited to the range, headed by the most severe spike (its metrics),
    /// with the topic's volume over the range. Nil when no spike overlaps the range.
    public static func build(topic: String, from: Date, to: Date, topicConfig: Topic?, store: any Store) throws -> Timeline? {
        let spikes = try store.spikes(.topicOverlapping(topic, from: from, to: to))
        guard let main = spikes.max(by: { ($0.severity, $0.peakVolume) < ($1.severity, $1.peakVolume) }) else { return nil }
        var merged = try build(spike: main, topic: topicConfig, store: store)
        var seen = Set(merged.entries.map { "\($0.at.timeIntervalSince1970)|\($0.kind.rawValue)|\($0.text)" })
        for other in spikes where other.id != main.id {
            for e in try build(spike: other, topic: topicConfig, store: store).entries
            where seen.insert("\(e.at.timeIntervalSince1970)|\(e.kind.rawValue)|\(e.text)").inserted {
                merged.entries.append(e)
            }
        }
        merged.entries = merged.entries.filter { $0.at >= from && $0.at <= to }.enumerated()
            .sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }.map(\.element)
        merged.volume = try store.buckets(topic: topic, from: from, to: to)
        return merged
    }
}

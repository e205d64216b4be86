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
        var entries: [TimelineEntry] = []
        let links = try store.links(spikeID: spike.id)
        let tickets = Dictionary(try store.tickets().map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        // The chain at the top of the ranking: the first linked ticket and any ticket chained to it.
        var chain: [Ticket] = []
        if let top = links.first, let t = tickets[top.id] {
            chain.append(t)
            for l in links.dropFirst() where l.reasons.first?.contains(top.id) == true {
                if let other = tickets[l.id] { chain.append(other) }
            }
        }
        for t in chain.sorted(by: { $0.createdAt < $1.createdAt }) {
            entries.append(.init(at: t.createdAt, kind: .ticket, text: "Ticket \(t.id) opened (\(t.channel?.rawValue ?? "unknown")): \(t.subject)"))
            for e in t.events(before: spike.closedAt ?? .distantFuture) where e.actor != .system || e.kind == .escalation {
                entries.append(.init(at: e.at, kind: .ticketEvent, text: "\(t.id) \(e.actor.rawValue) \(e.kind.rawValue): \(e.text)"))
            }
        }
        // First public post about the case: the earliest topic post naming what the tickets name.
        let lookbackStart = (chain.first?.createdAt ?? spike.start.addingTimeInterval(-7 * 86_400))
        // Up to detection — the spike's opening, not its latest escalation: a spike's start is a
        // bucket's first post, which can precede the case's.
        let events = try store.spikeEvents(spikeID: spike.id)
        let opened = events.first { $0.kind == .opened }?.at ?? spike.detectedAt
        let untilDetection = try store.posts(topic: spike.topic, from: lookbackStart, to: opened.addingTimeInterval(1), limit: 20_000)
        let markers = Self.caseMarkers(chain: chain, spikeTerms: spike.topTerms, before: spike.start)
        var firstPublic: Post?
        if !markers.isEmpty {
            firstPublic = untilDetection.first { p in markers.contains { p.text.lowercased().contains($0) } }
        }
        if firstPublic == nil { firstPublic = untilDetection.last { $0.createdAt <= spike.start } }
        if let p = firstPublic {
            entries.append(.init(at: p.createdAt, kind: .firstPost, text: "First public post by @\(p.author) (\(p.followers ?? 0) followers): \(p.text)"))
        }
        // The first public complaint about the case (or, without case markers, about the topic).
        let complaints = try store.complaintPosts(topic: spike.topic, from: lookbackStart, to: spike.detectedAt.addingTimeInterval(1), limit: 5_000)
        let firstComplaint = markers.isEmpty ? complaints.first
            : complaints.first { p in markers.contains { p.text.lowercased().contains($0) } } ?? complaints.first
        if let p = firstComplaint, p.id != firstPublic?.id {
            entries.append(.init(at: p.createdAt, kind: .firstComplaint,
                                 text: "First complaint post by @\(p.author) (\(p.followers ?? 0) followers): \(p.text)"))
        }
        let end = spike.closedAt ?? Date.distantFuture
        let during = try store.posts(topic: spike.topic, from: spike.start, to: end, limit: 200_000)
        let official = Set(topic?.officialAccounts ?? [])
        if let p = during.first(where: { ($0.followers ?? 0) >= highReach && !official.contains($0.author) }) {
            entries.append(.init(at: p.createdAt, kind: .influencer, text: "High-reach post by @\(p.author) (\(p.followers ?? 0) followers): \(p.text)"))
        }
        for e in events {
            switch e.kind {
            case .opened: entries.append(.init(at: e.at, kind: .spikeOpened, text: "Spike opened at \(e.severity.rawValue) (\(Self.window(e)))"))
            case .escalated: entries.append(.init(at: e.at, kind: .severity, text: "Severity raised to \(e.severity.rawValue) (\(Self.window(e)))"))
            case .peaked: entries.append(.init(at: e.at, kind: .peak, text: "Peak: \(e.volume) mentions in 30 min"))
            case .closed: entries.append(.init(at: e.at, kind: .closed, text: "Spike closed: volume back near baseline"))
            }
        }
        if spike.state == .open {
            entries.append(.init(at: spike.peakAt, kind: .peak, text: "Peak so far: \(spike.peakVolume) mentions in 30 min"))
        }
        let outbox = try store.outbox(status: nil)
        let notifications = try store.notifications()
        let alerts = try store.alerts().filter { $0.spikeID == spike.id }
        let stepsSayComplaints = Set(events.filter { $0.complaints != nil && $0.kind != .peaked }.map(\.severity))
        for a in alerts {
            // Delivered in a notification that carried this alert (or, for old rows, directly).
            let carriers = Set(notifications.filter { $0.alertIDs.contains(a.id) }.map(\.id))
            let delivered = outbox.filter { ($0.notificationID.map(carriers.contains) ?? ($0.alertID == a.id)) && $0.status == .delivered }
                .map(\.channel)
            let channels = Array(Set(delivered)).sorted()
            let top = a.linkedTickets.first.map { "; top ticket \($0.id)" } ?? ""
            // What made it that severe can be the complaints alone (a busy brand's outcry); said
            // here when the step to that severity does not say it (stored before steps kept it).
            let complaints = stepsSayComplaints.contains(a.severity) ? ""
                : a.usualComplaints.map { "; " + Spike.complaintsClause(a.complaints, usual: $0) } ?? ""
            entries.append(.init(at: a.detectedAt, kind: .alert,
                                 text: "Alert \(a.severity.rawValue) sent\(channels.isEmpty ? "" : " to " + channels.joined(separator: ", "))\(complaints)\(top)"))
        }
        let severities = Dictionary(alerts.map { ($0.id, $0.severity) }, uniquingKeysWith: { a, _ in a })
        for ack in try store.acknowledgements() where ack.spikeID == spike.id {
            let what = severities[ack.alertID].map { "\($0.rawValue) alert" } ?? "alert"
            entries.append(.init(at: ack.at, kind: .acknowledged,
                                 text: "The \(what) acknowledged by \(ack.author)\(ack.comment.isEmpty ? "" : ": " + ack.comment)"))
        }
        // The response: the first official post after the spike that is about the case (names the
        // high-reach author, a case marker or an emerging term), not a routine promotion.
        let caseWords = markers.union(spike.topTerms.map { $0.lowercased() })
            .union(during.filter { ($0.followers ?? 0) >= highReach && !official.contains($0.author) }.prefix(1).map(\.author))
        if let p = during.first(where: { p in
            official.contains(p.author) && p.createdAt > spike.start && caseWords.contains { p.text.lowercased().contains($0) }
        }) {
            entries.append(.init(at: p.createdAt, kind: .response, text: "Response by @\(p.author): \(p.text)"))
        }
        for n in try store.notes(spikeID: spike.id) {
            entries.append(.init(at: n.at, kind: .note, text: "Note by \(n.author): \(n.text)"))
        }
        let order: [TimelineEntry.Kind: Int] = [.ticket: 0, .ticketEvent: 1, .firstPost: 2, .firstComplaint: 2, .influencer: 3, .spikeOpened: 4,
                                                .alert: 6, .severity: 5, .acknowledged: 7, .peak: 7, .response: 8, .closed: 9, .note: 10]
        entries.sort { $0.at != $1.at ? $0.at < $1.at : order[$0.kind]! < order[$1.kind]! }
        // The chart spans the story: from a day before the first public post (or the spike) to
        // a day after the spike closed.
        let chartStart = min(firstPublic?.createdAt ?? spike.start, spike.start).addingTimeInterval(-86_400)
        let chartEnd = (spike.closedAt ?? entries.map(\.at).max() ?? spike.peakAt).addingTimeInterval(86_400)
        return Timeline(spike: spike, entries: entries, firstTicketAt: chain.map(\.createdAt).min(),
                        firstPublicPostAt: firstPublic?.createdAt, totalReach: during.reduce(0) { $0 + $1.reach },
                        volume: try store.buckets(topic: spike.topic, from: chartStart, to: chartEnd))
    }

    /// The story of a topic over a time range: every spike of the topic that overlaps it, merged
    /// into one chronology limited to the range, headed by the most severe spike (its metrics),
    /// with the topic's volume over the range. Nil when no spike overlaps the range.
    public static func build(topic: String, from: Date, to: Date, topicConfig: Topic?, store: any Store) throws -> Timeline? {
        let spikes = try store.spikes().filter { $0.topic == topic && $0.start <= to && ($0.closedAt ?? .distantFuture) >= from }
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

    /// "40 mentions in 30 min; complaints 28 vs 3.2 usual": the window a step was taken on. The
    /// complaints show why a step was taken when the volume alone does not (a busy brand's outcry).
    static func window(_ e: SpikeEvent) -> String {
        let mentions = "\(e.volume) mentions in 30 min"
        guard let complaints = e.complaints, let usual = e.usualComplaints else { return mentions }
        return mentions + "; " + Spike.complaintsClause(complaints, usual: usual)
    }

    /// What names the case in public: model names and order numbers from the chain's tickets,
    /// and the spike's emerging terms that its tickets also use (a Chinese case rarely has a Latin
    /// model name: `吃出` in "吃出钢丝球"). Lower-cased; bare short numbers are left out; only what
    /// the tickets said before the spike began counts.
    static func caseMarkers(chain: [Ticket], spikeTerms: [String], before start: Date) -> Set<String> {
        var out = Set(chain.flatMap { t in markers(t.subject + " " + t.body) })
        let said = chain.map { t in ([t.subject, t.body] + t.events(before: start).map(\.text)).joined(separator: " ").lowercased() }
            .joined(separator: " ")
        for term in spikeTerms where term.count >= 2 && !(term.count < 8 && term.allSatisfy(\.isNumber)) && said.contains(term) {
            out.insert(term)
        }
        return out
    }

    static func markers(_ text: String) -> [String] {
        var out: [String] = []
        var word = ""
        var words: [String] = []
        for ch in text + " " {
            if ch.isASCII && (ch.isLetter || ch.isNumber) { word.append(ch) } else {
                if !word.isEmpty { words.append(word) }
                word = ""
                if !(ch == " ") { words.append("|") }
            }
        }
        for (i, w) in words.enumerated() where w.first?.isUppercase == true && i + 1 < words.count && words[i + 1] != "|" {
            out.append((w + " " + words[i + 1]).lowercased())
        }
        out += words.filter { $0.count >= 8 && $0.allSatisfy(\.isNumber) }
        return out
    }
}

import Foundation
import OutcryCore
import OutcryStorage

/// Reads one spike's story back from the store, part by part in the order it happened: the ticket
/// chain behind it, the first public posts, the high-reach post, the spike's steps, the alerts and
/// who acknowledged them, the official response and the team's notes.
struct IncidentReconstruction {
    let spike: Spike
    let topic: Topic?
    let store: any Store
    /// Followers from which a post counts as an influencer's.
    let highReach: Int

    /// Which of two entries at the same moment is told first.
    static let order: [TimelineEntry.Kind: Int] = [.ticket: 0, .ticketEvent: 1, .firstPost: 2, .firstComplaint: 2, .influencer: 3,
                                                   .spikeOpened: 4, .alert: 6, .severity: 5, .acknowledged: 7, .peak: 7,
                                                   .response: 8, .closed: 9, .note: 10]

    func timeline() throws -> Timeline {
        let chain = try ticketChain()
        let events = try store.spikeEvents(spikeID: spike.id)
        let markers = CaseMarkers.of(chain: chain, spikeTerms: spike.topTerms, before: spike.start)
        let during = try store.posts(topic: spike.topic, from: spike.start, to: spike.closedAt ?? .distantFuture, limit: 200_000)
        let official = Set(topic?.officialAccounts ?? [])
        let influencer = during.first { ($0.followers ?? 0) >= highReach && !official.contains($0.author) }

        var entries = ticketEntries(chain)
        let (firstPublic, firstPosts) = try firstPosts(chain: chain, events: events, markers: markers)
        entries += firstPosts
        if let p = influencer {
            entries.append(.init(at: p.createdAt, kind: .influencer, text: "High-reach post by @\(p.author) (\(p.followers ?? 0) followers): \(p.text)"))
        }
        entries += steps(events)
        entries += try alertEntries(events: events)
        if let p = response(during: during, official: official, markers: markers, influencer: influencer) {
            entries.append(.init(at: p.createdAt, kind: .response, text: "Response by @\(p.author): \(p.text)"))
        }
        for n in try store.notes(spikeID: spike.id) {
            entries.append(.init(at: n.at, kind: .note, text: "Note by \(n.author): \(n.text)"))
        }
        entries.sort { $0.at != $1.at ? $0.at < $1.at : Self.order[$0.kind]! < Self.order[$1.kind]! }
        // The chart spans the story: from a day before the first public post (or the spike) to
        // a day after the spike closed.
        let chartStart = min(firstPublic?.createdAt ?? spike.start, spike.start).addingTimeInterval(-86_400)
        let chartEnd = (spike.closedAt ?? entries.map(\.at).max() ?? spike.peakAt).addingTimeInterval(86_400)
        return Timeline(spike: spike, entries: entries, firstTicketAt: chain.map(\.createdAt).min(),
                        firstPublicPostAt: firstPublic?.createdAt, totalReach: during.reduce(0) { $0 + $1.reach },
                        volume: try store.buckets(topic: spike.topic, from: chartStart, to: chartEnd))
    }

    /// The chain at the top of the ranking: the first linked ticket and any ticket chained to it.
    func ticketChain() throws -> [Ticket] {
        let links = try store.links(spikeID: spike.id)
        guard let top = links.first else { return [] }
        // Only the linked tickets: a helpdesk's store can hold millions.
        let tickets = Dictionary(try store.tickets(ids: links.map(\.id)).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        guard let first = tickets[top.id] else { return [] }
        return [first] + links.dropFirst().filter { $0.reasons.first?.contains(top.id) == true }.compactMap { tickets[$0.id] }
    }

    /// Each ticket's opening and what its customer and agents said (system events only when they
    /// escalate), up to the spike's close.
    func ticketEntries(_ chain: [Ticket]) -> [TimelineEntry] {
        var entries: [TimelineEntry] = []
        for t in chain.sorted(by: { $0.createdAt < $1.createdAt }) {
            entries.append(.init(at: t.createdAt, kind: .ticket, text: "Ticket \(t.id) opened (\(t.channel?.rawValue ?? "unknown")): \(t.subject)"))
            for e in t.events(before: spike.closedAt ?? .distantFuture) where e.actor != .system || e.kind == .escalation {
                entries.append(.init(at: e.at, kind: .ticketEvent, text: "\(t.id) \(e.actor.rawValue) \(e.kind.rawValue): \(e.text)"))
            }
        }
        return entries
    }

    /// The first public post about the case — the earliest topic post naming what the tickets
    /// name, else the last before the spike began — and the first complaint about it when that is
    /// another post.
    func firstPosts(chain: [Ticket], events: [SpikeEvent], markers: Set<String>) throws -> (Post?, [TimelineEntry]) {
        func namesTheCase(_ p: Post) -> Bool { markers.contains { p.text.lowercased().contains($0) } }
        // From the case's earliest ticket (the linker lists a chain oldest first; stored links
        // need not be in that order).
        let lookbackStart = chain.map(\.createdAt).min() ?? spike.start.addingTimeInterval(-7 * 86_400)
        // Up to detection — the spike's opening, not its latest escalation: a spike's start is a
        // bucket's first post, which can precede the case's.
        let opened = events.first { $0.kind == .opened }?.at ?? spike.detectedAt
        let untilDetection = try store.posts(topic: spike.topic, from: lookbackStart, to: opened.addingTimeInterval(1), limit: 20_000)
        var entries: [TimelineEntry] = []
        let firstPublic = (markers.isEmpty ? nil : untilDetection.first(where: namesTheCase))
            ?? untilDetection.last { $0.createdAt <= spike.start }
        if let p = firstPublic {
            entries.append(.init(at: p.createdAt, kind: .firstPost, text: "First public post by @\(p.author) (\(p.followers ?? 0) followers): \(p.text)"))
        }
        // The first public complaint about the case (or, without case markers, about the topic).
        let complaints = try store.complaintPosts(topic: spike.topic, from: lookbackStart, to: spike.detectedAt.addingTimeInterval(1), limit: 5_000)
        let firstComplaint = markers.isEmpty ? complaints.first : complaints.first(where: namesTheCase) ?? complaints.first
        if let p = firstComplaint, p.id != firstPublic?.id {
            entries.append(.init(at: p.createdAt, kind: .firstComplaint,
                                 text: "First complaint post by @\(p.author) (\(p.followers ?? 0) followers): \(p.text)"))
        }
        return (firstPublic, entries)
    }

    /// The spike's opening, escalations, peak and close; a spike still open shows its peak so far.
    func steps(_ events: [SpikeEvent]) -> [TimelineEntry] {
        var entries: [TimelineEntry] = events.map { e in
            switch e.kind {
            case .opened: .init(at: e.at, kind: .spikeOpened, text: "Spike opened at \(e.severity.rawValue) (\(Self.window(e)))")
            case .escalated: .init(at: e.at, kind: .severity, text: "Severity raised to \(e.severity.rawValue) (\(Self.window(e)))")
            case .peaked: .init(at: e.at, kind: .peak, text: "Peak: \(Self.window(e))")
            case .closed: .init(at: e.at, kind: .closed, text: "Spike closed: volume back near baseline")
            }
        }
        if spike.state == .open {
            entries.append(.init(at: spike.peakAt, kind: .peak, text: "Peak so far: \(Self.window(.peak(of: spike)))"))
        }
        return entries
    }

    /// "40 mentions in 30 min; complaints 28 vs 3.2 usual": the window a step was taken on. The
    /// complaints show why a step was taken when the volume alone does not (a busy brand's outcry).
    static func window(_ e: SpikeEvent) -> String {
        let mentions = "\(e.volume) mentions in 30 min"
        guard let complaints = e.complaints, let usual = e.usualComplaints else { return mentions }
        return mentions + "; " + Spike.complaintsClause(complaints, usual: usual)
    }

    /// Each alert about the spike with where it was delivered, then who acknowledged which.
    func alertEntries(events: [SpikeEvent]) throws -> [TimelineEntry] {
        let alerts = try store.alerts(spikeID: spike.id)
        let deliveries = AlertDeliveries.byAlert(try store.deliveries(alertIDs: alerts.map(\.id)))
        let stepsSayComplaints = Set(events.filter { $0.complaints != nil && $0.kind != .peaked }.map(\.severity))
        var entries: [TimelineEntry] = []
        for a in alerts {
            let channels = (deliveries[a.id]?.deliveredChannels ?? []).sorted()
            let top = a.linkedTickets.first.map { "; top ticket \($0.id)" } ?? ""
            // What made it that severe can be the complaints alone (a busy brand's outcry); said
            // here when the step to that severity does not say it (stored before steps kept it).
            let complaints = stepsSayComplaints.contains(a.severity) ? ""
                : a.usualComplaints.map { "; " + Spike.complaintsClause(a.complaints, usual: $0) } ?? ""
            entries.append(.init(at: a.detectedAt, kind: .alert,
                                 text: "Alert \(a.severity.rawValue) sent\(channels.isEmpty ? "" : " to " + channels.joined(separator: ", "))\(complaints)\(top)"))
        }
        let severities = Dictionary(alerts.map { ($0.id, $0.severity) }, uniquingKeysWith: { a, _ in a })
        for ack in try store.acknowledgements(spikeID: spike.id) {
            let what = severities[ack.alertID].map { "\($0.rawValue) alert" } ?? "alert"
            entries.append(.init(at: ack.at, kind: .acknowledged,
                                 text: "The \(what) acknowledged by \(ack.author)\(ack.comment.isEmpty ? "" : ": " + ack.comment)"))
        }
        return entries
    }

    /// The response: the first official post after the spike began that is about the case (names
    /// the high-reach author, a case marker or an emerging term), not a routine promotion.
    func response(during: [Post], official: Set<String>, markers: Set<String>, influencer: Post?) -> Post? {
        let caseWords = markers.union(spike.topTerms.map { $0.lowercased() }).union(influencer.map { [$0.author] } ?? [])
        return during.first { p in
            official.contains(p.author) && p.createdAt > spike.start && caseWords.contains { p.text.lowercased().contains($0) }
        }
    }
}

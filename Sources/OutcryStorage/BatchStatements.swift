import Foundation

/// SQL both stores run, written once: PostgreSQL's `$n` parameters and `ON CONFLICT` clauses,
/// which SQLite (3.24 and later) also accepts once `$n` is spelled `?n`. Each parameter's first
/// use comes in number order, so the values bind by position in either store.
struct StatementText: Sendable {
    let postgres: String
    let sqlite: String

    init(_ sql: String) {
        postgres = sql
        // Our own SQL text: a `$` only ever starts a parameter.
        sqlite = sql.replacingOccurrences(of: "$", with: "?")
    }
}

/// One statement of a commit and the values bound to it.
struct BatchStatement: Sendable {
    let text: StatementText
    let values: [StoreValue]
}

extension StoreBatch {
    /// The statements that write this batch, in the order both stores run them (in one
    /// transaction): each table's write is defined here once. `storedAt` stamps the tickets
    /// (``Store/tickets(storedSince:createdFrom:)``).
    func statements(storedAt: Date) -> [BatchStatement] {
        var out: [BatchStatement] = []
        out.reserveCapacity(posts.count + mentions.count + buckets.count + spikeEvents.count + 8)
        forEachStatement(storedAt: storedAt) { out.append($0) }
        return out
    }

    /// The same statements one at a time, for a store that runs each as it comes (SQLite): a
    /// commit of a million tickets does not hold a million statements' values at once.
    func forEachStatement(storedAt: Date, _ body: (BatchStatement) throws -> Void) rethrows {
        typealias SQL = BatchSQL
        func add(_ text: StatementText, _ values: [StoreValue]) throws { try body(BatchStatement(text: text, values: values)) }
        for p in posts {
            try add(SQL.post, [.text(p.id), .text(p.source), .text(p.author), .nullable(p.followers), .text(p.text), .nullable(p.url),
                           .time(p.createdAt), .nullable(p.reposts), .nullable(p.comments), .nullable(p.likes), .nullable(p.lang)])
        }
        for r in mentionsRefound {
            try add(SQL.forgetMentions, [.text(r.topic), .time(r.from), .time(r.to)])
        }
        let postTimes = knownPostTimes
        for m in mentions {
            try add(SQL.mention, [.text(m.post), .text(m.topic), .int(m.complaint ? 1 : 0), .time(postTimes[m.post])])
        }
        for b in buckets {
            try add(SQL.bucket, [.text(b.topic), .time(b.start), .int(b.count), .int(b.complaints), .int(b.reach), .nullable(b.topAuthor),
                             .int(b.topAuthorFollowers)])
        }
        let stamp = StoreValue.time(storedAt)
        for t in tickets {
            try add(SQL.ticket, [.text(t.id), .time(t.createdAt), .time(t.updatedAt), .text(t.status.rawValue), .nullable(t.channel?.rawValue),
                             .nullable(t.customer), .nullable(t.orderId), .text(t.subject), .text(t.body), .json(t.events), stamp])
        }
        for s in spikes {
            try add(SQL.spike, [.text(s.id), .text(s.topic), .time(s.start), .time(s.detectedAt), .text(s.severity.rawValue),
                            .text(s.state.rawValue), .double(s.score), .int(s.volume), .double(s.baseline), .double(s.negativeShare),
                            .int(s.reach), .json(s.topTerms), .json(s.samplePosts), .int(s.peakVolume), .time(s.peakAt),
                            .time(s.closedAt), .double(s.usualComplaints), .nullable(s.peakComplaints), .nullable(s.peakUsualComplaints)])
        }
        for e in spikeEvents {
            try add(SQL.spikeEvent, [.text(e.spikeID), .time(e.at), .text(e.kind.rawValue), .text(e.severity.rawValue), .int(e.volume),
                                 .nullable(e.complaints), .nullable(e.usualComplaints)])
        }
        for l in links {
            try add(SQL.forgetLinks, [.text(l.spike)])
            for (rank, t) in l.tickets.enumerated() {
                try add(SQL.link, [.text(l.spike), .int(rank), .text(t.id), .double(t.score), .json(t.reasons)])
            }
        }
        for n in notes {
            try add(SQL.note, [.text(n.spikeID), .time(n.at), .text(n.author), .text(n.text)])
        }
        for state in sourceStates {
            try add(SQL.sourceState, [.text(state.id), .json(state)])
        }
        for (topic, definition) in appliedTopics {
            try add(SQL.appliedTopic, [.text(topic), .text(definition)])
        }
        for alert in alerts {
            try add(SQL.alert, [.text(alert.id), .text(alert.spikeID), .text(alert.topic), .text(alert.severity.rawValue),
                            .time(alert.detectedAt), .json(alert)])
        }
        for (n, channels) in notifications {
            try add(SQL.notification, [.text(n.id), .text(n.receiver), .text(n.groupKey), .json(n.groupLabels), .text(n.kind.rawValue),
                                   .json(n.alertIDs), .json(n.newAlertIDs), .time(n.createdAt), .int(n.sequence)])
            for alertID in n.alertIDs {
                try add(SQL.notificationAlert, [.text(alertID), .text(n.id)])
            }
            for channel in channels {
                try add(SQL.outboxEntry, [.text("\(n.id)|\(channel)"), .text(n.alertIDs.first ?? ""), .text(n.id), .text(channel),
                                      .time(n.createdAt), .time(n.createdAt)])
            }
        }
        for (key, state) in alertGroups {
            if let state {
                try add(SQL.alertGroup, [.text(key), .text(state)])
            } else {
                try add(SQL.forgetAlertGroup, [.text(key)])
            }
        }
        for a in acknowledgements {
            try add(SQL.acknowledgement, [.text(a.alertID), .text(a.spikeID), .time(a.at), .text(a.author), .text(a.comment)])
        }
        for x in silences {
            try add(SQL.silence, [.text(x.id), .json(x.matchers), .time(x.startsAt), .time(x.endsAt), .text(x.author), .text(x.comment)])
        }
    }
}

/// The statements of ``StoreBatch/statements(storedAt:)``. A row written again replaces what
/// changes (counts, states, the latest ticket version); records of what happened (alerts,
/// notifications, deliveries, acknowledgements, a spike's steps) keep their first write.
enum BatchSQL {
    /// A post seen again updates only its engagement.
    static let post = StatementText("""
        INSERT INTO post (id, source, author, followers, text, url, created_at, reposts, comments, likes, lang)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
        ON CONFLICT (id) DO UPDATE SET followers = excluded.followers, reposts = excluded.reposts,
            comments = excluded.comments, likes = excluded.likes
        """)
    static let forgetMentions = StatementText("DELETE FROM mention WHERE topic = $1 AND created_at >= $2 AND created_at < $3")
    /// A post from an earlier batch lends its time from the table (PostgreSQL reads nothing
    /// mid-pipeline). A VALUES row, not INSERT … SELECT: SQLite runs the latter half as fast.
    static let mention = StatementText("""
        INSERT INTO mention (post_id, topic, complaint, created_at)
        VALUES ($1, $2, $3, COALESCE(CAST($4 AS double precision), (SELECT created_at FROM post WHERE id = $1), 0))
        ON CONFLICT (post_id, topic) DO UPDATE SET complaint = excluded.complaint, created_at = excluded.created_at
        """)
    static let bucket = StatementText("""
        INSERT INTO bucket (topic, start, count, complaints, reach, top_author, top_author_followers)
        VALUES ($1, $2, $3, $4, $5, $6, $7)
        ON CONFLICT (topic, start) DO UPDATE SET count = excluded.count, complaints = excluded.complaints,
            reach = excluded.reach, top_author = excluded.top_author, top_author_followers = excluded.top_author_followers
        """)
    static let ticket = StatementText("""
        INSERT INTO ticket (id, created_at, updated_at, status, channel, customer, order_id, subject, body, events, stored_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
        ON CONFLICT (id) DO UPDATE SET created_at = excluded.created_at, updated_at = excluded.updated_at,
            status = excluded.status, channel = excluded.channel, customer = excluded.customer,
            order_id = excluded.order_id, subject = excluded.subject, body = excluded.body, events = excluded.events,
            stored_at = excluded.stored_at
        """)
    static let spike = StatementText("""
        INSERT INTO spike (id, topic, start, detected_at, severity, state, score, volume, baseline,
            negative_share, reach, top_terms, sample_posts, peak_volume, peak_at, closed_at, usual_complaints,
            peak_complaints, peak_usual_complaints)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
        ON CONFLICT (id) DO UPDATE SET topic = excluded.topic, start = excluded.start, detected_at = excluded.detected_at,
            severity = excluded.severity, state = excluded.state, score = excluded.score, volume = excluded.volume,
            baseline = excluded.baseline, negative_share = excluded.negative_share, reach = excluded.reach,
            top_terms = excluded.top_terms, sample_posts = excluded.sample_posts, peak_volume = excluded.peak_volume,
            peak_at = excluded.peak_at, closed_at = excluded.closed_at, usual_complaints = excluded.usual_complaints,
            peak_complaints = excluded.peak_complaints, peak_usual_complaints = excluded.peak_usual_complaints
        """)
    static let spikeEvent = StatementText("""
        INSERT INTO spike_event (spike_id, at, kind, severity, volume, complaints, usual_complaints)
        VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING
        """)
    static let forgetLinks = StatementText("DELETE FROM link WHERE spike_id = $1")
    static let link = StatementText("INSERT INTO link (spike_id, rank, ticket_id, score, reasons) VALUES ($1, $2, $3, $4, $5)")
    static let note = StatementText("INSERT INTO incident_note (spike_id, at, author, text) VALUES ($1, $2, $3, $4)")
    static let sourceState = StatementText("""
        INSERT INTO source_state (id, state) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET state = excluded.state
        """)
    static let appliedTopic = StatementText("""
        INSERT INTO applied_topic (topic, definition) VALUES ($1, $2) ON CONFLICT (topic) DO UPDATE SET definition = excluded.definition
        """)
    static let alert = StatementText("""
        INSERT INTO alert (id, spike_id, topic, severity, detected_at, body) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING
        """)
    static let notification = StatementText("""
        INSERT INTO notification (id, receiver, group_key, group_labels, kind, alert_ids, new_alert_ids, created_at, sequence)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING
        """)
    /// Each alert a notification carries, where an index finds it (``HistoryLookup``).
    static let notificationAlert = StatementText("""
        INSERT INTO notification_alert (alert_id, notification_id) VALUES ($1, $2) ON CONFLICT DO NOTHING
        """)
    static let outboxEntry = StatementText("""
        INSERT INTO outbox (id, alert_id, notification_id, channel, status, attempts, next_attempt_at, created_at)
        VALUES ($1, $2, $3, $4, 'pending', 0, $5, $6) ON CONFLICT DO NOTHING
        """)
    static let alertGroup = StatementText("""
        INSERT INTO alert_group (key, state) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET state = excluded.state
        """)
    static let forgetAlertGroup = StatementText("DELETE FROM alert_group WHERE key = $1")
    static let acknowledgement = StatementText("""
        INSERT INTO acknowledgement (alert_id, spike_id, at, author, comment) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING
        """)
    static let silence = StatementText("""
        INSERT INTO silence (id, matchers, starts_at, ends_at, author, comment) VALUES ($1, $2, $3, $4, $5, $6)
        ON CONFLICT (id) DO UPDATE SET matchers = excluded.matchers, starts_at = excluded.starts_at,
            ends_at = excluded.ends_at, author = excluded.author, comment = excluded.comment
        """)
}

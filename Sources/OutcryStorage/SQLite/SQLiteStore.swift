import Foundation
import GRDB
import OutcryCore

/// The embedded store: one SQLite file through GRDB, in WAL mode so a dashboard can read while
/// the pipeline writes. All values are bound parameters; no untrusted text is spliced into SQL.
public final class SQLiteStore: Store {
    private let writer: any DatabaseWriter
    public let path: String
    /// The lease for a file store; nil for a store in memory or in SQLite's temporary database,
    /// which belongs to this process alone.
    private let pipelineLock: PipelineLockFile?
    /// Opens (creating and migrating as needed) the database at `path`; `":memory:"` for a private in-memory store.
    public init(path: String) throws {
        self.path = path
        pipelineLock = path == ":memory:" || path.isEmpty ? nil : PipelineLockFile(store: path)
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(10)
        if path == ":memory:" {
            writer = try DatabaseQueue(configuration: config)
        } else if path.isEmpty {
            writer = try DatabaseQueue(path: "", configuration: config)
        } else {
            writer = try DatabasePool(path: path, configuration: config)
        }
        // Two processes opening a new store at once (a dashboard started beside a run) may both
        // try the first migration; the loser sees it applied on the next attempt.
        var attempt = 0
        while true {
            do {
                try Migrations.migrator.migrate(writer)
                break
            } catch {
                attempt += 1
                if attempt >= 20 { throw error }
                Thread.sleep(forTimeInterval: 0.05)
            }
        }
    }

    /// A file store's lease is an exclusive `flock` on `PATH-run.lock` (``PipelineLockFile``);
    /// a private store always leads.
    public func tryLeadPipeline() throws -> Bool {
        try pipelineLock?.tryAcquire() ?? true
    }

    public func pipelineLeader() throws -> String? {
        guard let pipelineLock else { return WorkerIdentity.current.description }
        return pipelineLock.holder()
    }

    /// SQLite's private temporary database: its pages live in a small cache and spill to an
    /// unlinked file that SQLite removes when the store closes (or the process dies). For a
    /// replay, which needs a store but not to keep it: memory stays flat however long the
    /// recording, where `:memory:` holds every post.
    public static func temporary() throws -> SQLiteStore {
        try SQLiteStore(path: "")
    }

    static func json<T: Encodable>(_ value: T) -> String { StoreColumns.json(value) }
    static func decode<T: Decodable>(_ type: T.Type, _ text: String) -> T? { StoreColumns.decode(type, text) }
    static func t(_ d: Date) -> Double { StoreColumns.seconds(d) }
    static func d(_ v: Double) -> Date { StoreColumns.date(v) }

    // MARK: - Writing

    public func commit(_ batch: StoreBatch) throws {
        guard !batch.isEmpty else { return }
        let storedAt = Date()
        try writer.write { db in
            try batch.forEachStatement(storedAt: storedAt) { s in
                try db.executeCached(sql: s.text.sqlite, arguments: .positional(s.values))
            }
        }
    }

    public func markDelivered(_ ids: [String], at time: Date) throws {
        guard !ids.isEmpty else { return }
        try writer.write { db in
            let statement = try db.cachedStatement(
                sql: "UPDATE outbox SET status = 'delivered', attempts = attempts + 1, delivered_at = ?, last_error = NULL, claimed_until = NULL, claimed_by = NULL WHERE id = ?")
            for id in ids { try statement.execute(arguments: [Self.t(time), id]) }
        }
    }

    public func markFailed(_ id: String, error: String, retryAt: Date?) throws {
        try writer.write { db in
            if let retryAt {
                try db.execute(sql: "UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?, claimed_until = NULL, claimed_by = NULL WHERE id = ?",
                               arguments: [error, Self.t(retryAt), id])
            } else {
                try db.execute(sql: "UPDATE outbox SET status = 'dead', attempts = attempts + 1, last_error = ?, claimed_until = NULL, claimed_by = NULL WHERE id = ?",
                               arguments: [error, id])
            }
        }
    }

    // MARK: - Reading

    public func postCount() throws -> Int {
        try writer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM post") ?? 0 }
    }

    public func postCountForDisplay() throws -> Int { try postCount() }

    static func post(_ r: Row) -> Post {
        Post(id: r["id"], source: r["source"], author: r["author"], followers: r["followers"], text: r["text"], url: r["url"],
             createdAt: d(r["created_at"]), reposts: r["reposts"], comments: r["comments"], likes: r["likes"], lang: r["lang"])
    }

    public func posts(ids: [String]) throws -> [Post] {
        try rows(ids, of: "post", Self.post)
    }

    /// The rows of `table` whose `key` is in `ids`, in the order asked (missing ones skipped).
    private func rows<T>(_ ids: [String], of table: String, key: String = "id", _ decode: (Row) -> T) throws -> [T] {
        try writer.read { db in
            try IDLookup.rows(ids) { chunk in
                try Row.fetchAll(db, sql: "SELECT * FROM \(table) WHERE \(key) IN (\(Array(repeating: "?", count: chunk.count).joined(separator: ",")))",
                                 arguments: StatementArguments(chunk))
                    .map { (String($0[key] as String), decode($0)) }
            }
        }
    }

    public func posts(from: Date, to: Date, after: (createdAt: Date, id: String)?, limit: Int) throws -> [Post] {
        // Whole periods are read this way (a restart's warm-up): columns by position, not name.
        let columns = "id, source, author, followers, text, url, created_at, reposts, comments, likes, lang"
        return try writer.read { db in
            let rows: RowCursor
            if let after {
                // The index range starts at the last key read, not at `from` again.
                rows = try Row.fetchCursor(db, sql: """
                    SELECT \(columns) FROM post WHERE created_at >= ? AND created_at < ? AND (created_at > ? OR id > ?)
                    ORDER BY created_at, id LIMIT ?
                    """, arguments: [max(Self.t(from), Self.t(after.createdAt)), Self.t(to), Self.t(after.createdAt), after.id, limit])
            } else {
                rows = try Row.fetchCursor(db, sql: "SELECT \(columns) FROM post WHERE created_at >= ? AND created_at < ? ORDER BY created_at, id LIMIT ?",
                                           arguments: [Self.t(from), Self.t(to), limit])
            }
            var out: [Post] = []
            out.reserveCapacity(limit)
            while let r = try rows.next() {
                out.append(Post(id: r[0], source: r[1], author: r[2], followers: r[3], text: r[4], url: r[5], createdAt: Self.d(r[6]),
                                reposts: r[7], comments: r[8], likes: r[9], lang: r[10]))
            }
            return out
        }
    }

    public func posts(topic: String, from: Date, to: Date, limit: Int) throws -> [Post] {
        try writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT post.* FROM mention JOIN post ON post.id = mention.post_id
                WHERE mention.topic = ? AND mention.created_at >= ? AND mention.created_at < ?
                ORDER BY mention.created_at, post.id LIMIT ?
                """, arguments: [topic, Self.t(from), Self.t(to), limit]).map(Self.post)
        }
    }

    public func complaintPosts(topic: String, from: Date, to: Date, limit: Int) throws -> [Post] {
        try writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT post.* FROM mention JOIN post ON post.id = mention.post_id
                WHERE mention.topic = ? AND mention.complaint = 1 AND mention.created_at >= ? AND mention.created_at < ?
                ORDER BY mention.created_at, post.id LIMIT ?
                """, arguments: [topic, Self.t(from), Self.t(to), limit]).map(Self.post)
        }
    }

    public func tickets(createdFrom from: Date, to: Date) throws -> [Ticket] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM ticket WHERE created_at BETWEEN ? AND ? ORDER BY created_at, id",
                             arguments: [Self.t(from), Self.t(to)]).map(Self.ticket)
        }
    }

    public func tickets(storedSince since: Date, createdFrom opened: Date) throws -> [Ticket] {
        try writer.read { db in
            // By when they were written: a job asks every cycle, and few are new; the planner
            // would walk the horizon's tickets by opening time for the ORDER BY.
            try Row.fetchAll(db, sql: "SELECT * FROM ticket INDEXED BY ticket_stored WHERE stored_at >= ? AND created_at >= ? ORDER BY created_at, id",
                             arguments: [Self.t(since), Self.t(opened)]).map(Self.ticket)
        }
    }

    public func tickets(ids: [String]) throws -> [Ticket] {
        try rows(ids, of: "ticket", Self.ticket)
    }

    static func ticket(_ r: Row) -> Ticket {
        Ticket(id: r["id"], createdAt: Self.d(r["created_at"]), updatedAt: (r["updated_at"] as Double?).map(Self.d),
               status: Ticket.Status(rawValue: r["status"]) ?? .open,
               channel: (r["channel"] as String?).flatMap(Ticket.Channel.init(rawValue:)),
               customer: r["customer"], orderId: r["order_id"], subject: r["subject"], body: r["body"],
               events: Self.decode([TicketEvent].self, r["events"]) ?? [])
    }

    static let bucketColumns = "topic, start, count, complaints, reach, top_author, top_author_followers"

    /// A bucket from a row of ``bucketColumns``, by position (name lookups dominated reads).
    static func bucket(_ r: Row) -> Bucket {
        Bucket(topic: r[0], start: d(r[1]), count: r[2], complaints: r[3], reach: r[4], topAuthor: r[5], topAuthorFollowers: r[6])
    }

    public func buckets(topic: String, from: Date, to: Date) throws -> [Bucket] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT \(Self.bucketColumns) FROM bucket WHERE topic = ? AND start >= ? AND start < ? ORDER BY start",
                             arguments: [topic, Self.t(from), Self.t(to)]).map(Self.bucket)
        }
    }

    public func buckets(from: Date, to: Date) throws -> [Bucket] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT \(Self.bucketColumns) FROM bucket WHERE start >= ? AND start < ? ORDER BY topic, start",
                             arguments: [Self.t(from), Self.t(to)]).map(Self.bucket)
        }
    }

    public func bucketCounts(from: Date, to: Date) throws -> [(topic: String, start: Date, count: Int)] {
        try writer.read { db in
            var out: [(topic: String, start: Date, count: Int)] = []
            let rows = try Row.fetchCursor(db, sql: "SELECT topic, start, count FROM bucket WHERE start >= ? AND start < ?",
                                           arguments: [Self.t(from), Self.t(to)])
            while let r = try rows.next() {
                out.append((r[0], Self.d(r[1]), r[2]))
            }
            return out
        }
    }

    public func lastPostAt() throws -> Date? {
        try writer.read { db in try Double.fetchOne(db, sql: "SELECT MAX(created_at) FROM post").map(Self.d) }
    }

    public func spikes() throws -> [Spike] {
        try writer.read { db in try Row.fetchAll(db, sql: "SELECT * FROM spike ORDER BY start, id").map(Self.spike) }
    }

    public func spikes(_ filter: SpikeFilter) throws -> [Spike] {
        let (text, values) = filter.statement
        return try writer.read { db in try Row.fetchAll(db, sql: text.sqlite, arguments: .positional(values)).map(Self.spike) }
    }

    static func spike(_ r: Row) -> Spike {
        Spike(id: r["id"], topic: r["topic"], start: d(r["start"]), detectedAt: d(r["detected_at"]),
              severity: Severity(rawValue: r["severity"]) ?? .watch, state: Spike.State(rawValue: r["state"]) ?? .open,
              score: r["score"], volume: r["volume"], baseline: r["baseline"], negativeShare: r["negative_share"],
              usualComplaints: r["usual_complaints"], reach: r["reach"], topTerms: decode([String].self, r["top_terms"]) ?? [],
              samplePosts: decode([String].self, r["sample_posts"]) ?? [], peakVolume: r["peak_volume"],
              peakAt: d(r["peak_at"]), peakComplaints: r["peak_complaints"], peakUsualComplaints: r["peak_usual_complaints"],
              closedAt: (r["closed_at"] as Double?).map(d))
    }

    public func spikeEvents(spikeID: String) throws -> [SpikeEvent] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM spike_event WHERE spike_id = ? ORDER BY at", arguments: [spikeID]).map { r in
                SpikeEvent(spikeID: r["spike_id"], at: Self.d(r["at"]), kind: SpikeEvent.Kind(rawValue: r["kind"]) ?? .opened,
                           severity: Severity(rawValue: r["severity"]) ?? .watch, volume: r["volume"],
                           complaints: r["complaints"], usualComplaints: r["usual_complaints"])
            }
        }
    }

    public func links(spikeID: String) throws -> [LinkedTicket] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM link WHERE spike_id = ? ORDER BY rank", arguments: [spikeID]).map { r in
                LinkedTicket(id: r["ticket_id"], score: r["score"], reasons: Self.decode([String].self, r["reasons"]) ?? [])
            }
        }
    }

    public func alerts(since: Date?) throws -> [Alert] {
        try writer.read { db in
            try String.fetchAll(db, sql: "SELECT body FROM alert WHERE detected_at >= ? ORDER BY detected_at, id",
                                arguments: [since.map(Self.t) ?? -Double.infinity]).compactMap { Self.decode(Alert.self, $0) }
        }
    }

    public func alerts(spikeID: String) throws -> [Alert] {
        try writer.read { db in
            try String.fetchAll(db, sql: "SELECT body FROM alert WHERE spike_id = ? ORDER BY detected_at, id",
                                arguments: [spikeID]).compactMap { Self.decode(Alert.self, $0) }
        }
    }

    public func alert(id: String) throws -> Alert? {
        try writer.read { db in
            try String.fetchOne(db, sql: "SELECT body FROM alert WHERE id = ?", arguments: [id]).flatMap { Self.decode(Alert.self, $0) }
        }
    }

    public func topicSummaries() throws -> [TopicSummary] {
        try writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT topic, COUNT(*) AS n, SUM(complaint) AS c, MAX(created_at) AS last FROM mention GROUP BY topic ORDER BY topic
                """).map { r in
                TopicSummary(topic: r["topic"], mentions: r["n"], complaints: r["c"], lastMention: (r["last"] as Double?).map(Self.d))
            }
        }
    }

    public func notes(spikeID: String) throws -> [IncidentNote] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM incident_note WHERE spike_id = ? ORDER BY at, rowid", arguments: [spikeID]).map {
                IncidentNote(spikeID: $0["spike_id"], at: Self.d($0["at"]), author: $0["author"], text: $0["text"])
            }
        }
    }

    public func sourceStates() throws -> [SourceState] {
        try writer.read { db in
            try String.fetchAll(db, sql: "SELECT state FROM source_state ORDER BY id").compactMap { Self.decode(SourceState.self, $0) }
        }
    }

    public func appliedTopics() throws -> [String: String] {
        try writer.read { db in
            Dictionary(try Row.fetchAll(db, sql: "SELECT topic, definition FROM applied_topic").map { ($0["topic"], $0["definition"]) },
                       uniquingKeysWith: { a, _ in a })
        }
    }

    public func mentionCounts(topics: [String], from: Date, to: Date) throws -> [String: (mentions: Int, complaints: Int)] {
        try writer.read { db in
            // One range of the (topic, created_at) index per topic: the cost follows the window,
            // not the history (one GROUP BY over the time range scans every mention ever stored).
            var out: [String: (mentions: Int, complaints: Int)] = [:]
            let statement = try db.cachedStatement(sql: """
                SELECT COUNT(*), COALESCE(SUM(complaint), 0) FROM mention WHERE topic = ? AND created_at >= ? AND created_at < ?
                """)
            for topic in Set(topics) {
                guard let r = try Row.fetchOne(statement, arguments: [topic, Self.t(from), Self.t(to)]) else { continue }
                let n: Int = r[0]
                if n > 0 { out[topic] = (n, r[1]) }
            }
            return out
        }
    }

    public func redrive(ids: [String]?, at time: Date) throws -> Int {
        try writer.write { db in
            if let ids {
                var changed = 0
                for id in ids {
                    try db.execute(sql: "UPDATE outbox SET status = 'pending', next_attempt_at = ?, claimed_until = NULL, claimed_by = NULL WHERE id = ? AND status != 'delivered'",
                                   arguments: [Self.t(time), id])
                    changed += db.changesCount
                }
                return changed
            }
            try db.execute(sql: "UPDATE outbox SET status = 'pending', next_attempt_at = ?, claimed_until = NULL, claimed_by = NULL WHERE status = 'dead'", arguments: [Self.t(time)])
            return db.changesCount
        }
    }

    static func notification(_ r: Row) -> AlertNotification {
        AlertNotification(id: r["id"], receiver: r["receiver"], groupKey: r["group_key"],
                          groupLabels: decode([String: String].self, r["group_labels"]) ?? [:],
                          kind: AlertNotification.Kind(rawValue: r["kind"]) ?? .firing,
                          alertIDs: decode([String].self, r["alert_ids"]) ?? [], newAlertIDs: decode([String].self, r["new_alert_ids"]) ?? [],
                          createdAt: d(r["created_at"]), sequence: r["sequence"])
    }

    public func notification(id: String) throws -> AlertNotification? {
        try writer.read { db in try Row.fetchOne(db, sql: "SELECT * FROM notification WHERE id = ?", arguments: [id]).map(Self.notification) }
    }

    public func notifications(since: Date?) throws -> [AlertNotification] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM notification WHERE created_at >= ? ORDER BY created_at, id",
                             arguments: [since.map(Self.t) ?? -Double.infinity]).map(Self.notification)
        }
    }

    public func alertGroups() throws -> [(key: String, state: String)] {
        try writer.read { db in try Row.fetchAll(db, sql: "SELECT key, state FROM alert_group ORDER BY key").map { ($0["key"], $0["state"]) } }
    }

    public func acknowledgements(since: Date?) throws -> [Acknowledgement] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM acknowledgement WHERE at >= ? ORDER BY at, alert_id",
                             arguments: [since.map(Self.t) ?? -Double.infinity]).map(Self.acknowledgement)
        }
    }

    public func acknowledgements(spikeID: String) throws -> [Acknowledgement] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM acknowledgement WHERE spike_id = ? ORDER BY at, alert_id", arguments: [spikeID])
                .map(Self.acknowledgement)
        }
    }

    static func acknowledgement(_ r: Row) -> Acknowledgement {
        Acknowledgement(alertID: r["alert_id"], spikeID: r["spike_id"], at: d(r["at"]), author: r["author"], comment: r["comment"])
    }

    public func deliveries(alertIDs: [String]) throws -> [AlertDelivery] {
        try writer.read { db in
            var out: [AlertDelivery] = []
            // Each id once: a repeated one would repeat its rows.
            try IDLookup.forEachChunk(Array(Set(alertIDs))) { chunk in
                out += try Row.fetchAll(db, sql: HistoryLookup.sqliteDeliveries(count: chunk.count), arguments: StatementArguments(chunk + chunk))
                    .map { AlertDelivery(alertID: $0["carried"], receiver: $0["receiver"], entry: Self.outboxEntry($0)) }
            }
            return AlertDelivery.oldestFirst(out)
        }
    }

    public func acknowledgements(alertIDs: [String]) throws -> [Acknowledgement] {
        try rows(alertIDs, of: "acknowledgement", key: "alert_id", Self.acknowledgement)
    }

    public func silences() throws -> [Silence] {
        try silences(endingAfter: -Double.infinity)
    }

    public func silences(endingAfter time: Date) throws -> [Silence] {
        try silences(endingAfter: Self.t(time))
    }

    private func silences(endingAfter seconds: Double) throws -> [Silence] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM silence WHERE ends_at > ? ORDER BY starts_at, id", arguments: [seconds]).map {
                Silence(id: $0["id"], matchers: Self.decode([String].self, $0["matchers"]) ?? [], startsAt: Self.d($0["starts_at"]),
                        endsAt: Self.d($0["ends_at"]), author: $0["author"], comment: $0["comment"])
            }
        }
    }

    static func outboxEntry(_ r: Row) -> OutboxEntry {
        OutboxEntry(id: r["id"], alertID: r["alert_id"], notificationID: r["notification_id"], channel: r["channel"],
                    status: OutboxEntry.Status(rawValue: r["status"]) ?? .pending, attempts: r["attempts"],
                    nextAttemptAt: d(r["next_attempt_at"]), lastError: r["last_error"], createdAt: d(r["created_at"]),
                    deliveredAt: (r["delivered_at"] as Double?).map(d))
    }

    public func outbox(since: Date) throws -> [OutboxEntry] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM outbox WHERE created_at >= ? ORDER BY created_at, id", arguments: [Self.t(since)])
                .map(Self.outboxEntry)
        }
    }

    public func outbox(status: OutboxEntry.Status?) throws -> [OutboxEntry] {
        try writer.read { db in
            if let status {
                return try Row.fetchAll(db, sql: "SELECT * FROM outbox WHERE status = ? ORDER BY created_at, id",
                                        arguments: [status.rawValue]).map(Self.outboxEntry)
            }
            return try Row.fetchAll(db, sql: "SELECT * FROM outbox ORDER BY created_at, id").map(Self.outboxEntry)
        }
    }

    public func claimDueOutbox(at time: Date, channels: [String], limit: Int, lease: TimeInterval, worker: String) throws -> [OutboxEntry] {
        guard !channels.isEmpty, limit > 0 else { return [] }
        // One write transaction: SQLite serializes writers, so two workers never take the same rows.
        return try writer.write { db in
            let marks = Array(repeating: "?", count: channels.count).joined(separator: ",")
            var arguments: [(any DatabaseValueConvertible)?] = [Self.t(time), Self.t(time)]
            arguments += channels.map { $0 as (any DatabaseValueConvertible)? }
            arguments.append(limit)
            let entries = try Row.fetchAll(db, sql: """
                SELECT * FROM outbox WHERE status = 'pending' AND next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until <= ?)
                AND channel IN (\(marks)) ORDER BY created_at, id LIMIT ?
                """, arguments: StatementArguments(arguments)).map(Self.outboxEntry)
            let hold = try db.cachedStatement(sql: "UPDATE outbox SET claimed_until = ?, claimed_by = ? WHERE id = ?")
            for e in entries { try hold.execute(arguments: [Self.t(time) + lease, worker, e.id]) }
            return entries
        }
    }

    public func outboxHolders(at time: Date) throws -> [String] {
        try writer.read { db in
            try String.fetchAll(db, sql: "SELECT DISTINCT claimed_by FROM outbox WHERE claimed_until IS NOT NULL AND claimed_until > ? AND claimed_by IS NOT NULL ORDER BY 1",
                                arguments: [Self.t(time)])
        }
    }

    public func releaseOutboxClaims(heldBy worker: String) throws {
        try writer.write { db in
            try db.execute(sql: "UPDATE outbox SET claimed_until = NULL, claimed_by = NULL WHERE claimed_by = ?", arguments: [worker])
        }
    }

    public func dueOutbox(at time: Date, limit: Int) throws -> [OutboxEntry] {
        try writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM outbox WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY created_at, id LIMIT ?
                """, arguments: [Self.t(time), limit]).map(Self.outboxEntry)
        }
    }
}

extension Database {
    /// Runs one statement of a commit, prepared once per connection: a commit runs the same
    /// few statements for every post, mention and bucket it writes.
    fileprivate func executeCached(sql: String, arguments: StatementArguments) throws {
        try cachedStatement(sql: sql).execute(arguments: arguments)
    }
}

extension StatementArguments {
    /// `values` bound by position, through GRDB's array-literal initializer, which GRDB compiles
    /// for arrays: its initializers from a sequence, called from here, run unspecialized and cost
    /// a commit a fifth more (perf, a 150,000-post replay). Rows of up to 17 values (all but a
    /// spike's 19, a handful per commit) take this path.
    static func positional(_ values: [StoreValue]) -> StatementArguments {
        let d = values.map(\.databaseValue)
        return switch d.count {
        case 0: []
        case 1: [d[0]]
        case 2: [d[0], d[1]]
        case 3: [d[0], d[1], d[2]]
        case 4: [d[0], d[1], d[2], d[3]]
        case 5: [d[0], d[1], d[2], d[3], d[4]]
        case 6: [d[0], d[1], d[2], d[3], d[4], d[5]]
        case 7: [d[0], d[1], d[2], d[3], d[4], d[5], d[6]]
        case 8: [d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7]]
        case 9: [d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7], d[8]]
        case 10: [d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7], d[8], d[9]]
        case 11: [d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7], d[8], d[9], d[10]]
        case 12: [d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7], d[8], d[9], d[10], d[11]]
        case 13: [d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7], d[8], d[9], d[10], d[11], d[12]]
        case 14: [d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7], d[8], d[9], d[10], d[11], d[12], d[13]]
        case 15: [d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7], d[8], d[9], d[10], d[11], d[12], d[13], d[14]]
        case 16: [d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7], d[8], d[9], d[10], d[11], d[12], d[13], d[14], d[15]]
        case 17: [d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7], d[8], d[9], d[10], d[11], d[12], d[13], d[14], d[15], d[16]]
        default: StatementArguments(d)
        }
    }
}

extension StoreValue {
    /// The value as SQLite binds it.
    var databaseValue: DatabaseValue {
        switch self {
        case .text(let s): s.databaseValue
        case .int(let i): i.databaseValue
        case .double(let d): d.databaseValue
        case .null: .null
        }
    }
}

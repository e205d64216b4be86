import Foundation
import OutcryCore

/// The shared store: PostgreSQL through libpq, for a team whose workers, dashboards and CLI
/// commands on several machines read and write one database. Same protocol, same tables and the
/// same values as ``SQLiteStore``; every value is a bound parameter.
///
/// One connection per store, used by one statement at a time (libpq connections are not
/// thread-safe); each process opens its own store.
public final class PostgresStore: Store, @unchecked Sendable {
    // @unchecked: `connection` is only touched while `lock` is held.
    private let connection: PostgresConnection
    private let lock = NSLock()
    /// The location without any password (safe to print).
    public let location: String

    /// Connects to `uri` (`postgres://user@host:port/database?sslmode=…`), creating and migrating
    /// the tables as needed. `schema` keeps this store's tables in a schema of their own (tests,
    /// or several deployments in one database); nil uses the database's default search path.
    public init(uri: String, schema: String? = nil) throws {
        try Self.refusePassword(in: uri)
        location = uri
        connection = try PostgresConnection(uri: uri, schema: schema)
        try PostgresSchema.migrate(connection)
        analyzeStaleTables()
    }

    /// Tables of which a fifth or more changed (at least 1,000 rows) since the planner's
    /// statistics were gathered: filled in one go — a replay into PostgreSQL, a restore — and
    /// opened before autovacuum's next pass, they would be planned as nearly empty (a dashboard
    /// refresh over 20,000 spikes took 4–10 s that way, about 70 ms analyzed).
    static let staleTables = """
        SELECT relname FROM pg_stat_user_tables
        WHERE schemaname = current_schema() AND n_mod_since_analyze >= 1000 AND n_mod_since_analyze * 5 >= n_live_tup
        ORDER BY relname
        """

    /// Analyzes the ``staleTables`` when the store is opened, so the first reader after a bulk
    /// load does not wait for autovacuum. Best effort: a role that does not own the tables is
    /// skipped by the server with a notice, and a failure here only leaves the planning as it was.
    private func analyzeStaleTables() {
        guard let stale = try? query(Self.staleTables).map({ $0.string("relname") }) else { return }
        for table in stale {
            _ = try? query("ANALYZE \"" + table.replacingOccurrences(of: "\"", with: "\"\"") + "\"")
        }
    }

    /// Has the server gather the planner's statistics of every table now. Autovacuum does this
    /// after enough writes, within a minute or so; until then a table filled in one go (a bulk
    /// load, a benchmark's store) is planned as if it were empty, with scans where lookups belong.
    public func analyze() throws {
        _ = try query("ANALYZE")
    }

    /// The server process serving this store's session (`pg_stat_activity.pid`), for operators.
    public var backendPID: Int32 { lock.withLock { connection.backendPID } }

    /// Whether `--db` names a PostgreSQL database rather than an SQLite file.
    public static func isLocation(_ db: String) -> Bool {
        db.hasPrefix("postgres://") || db.hasPrefix("postgresql://")
    }

    /// Secrets come from the environment: a password written into `--db` would sit in shell
    /// history and in every `ps` listing.
    static func refusePassword(in uri: String) throws {
        guard let schemeEnd = uri.range(of: "://") else { return }
        let rest = uri[schemeEnd.upperBound...]
        let authority = rest.prefix { $0 != "/" && $0 != "?" }
        if let at = authority.lastIndex(of: "@"), authority[..<at].contains(":") {
            throw PostgresError.invalidLocation("the --db URL holds a password; put it in PGPASSWORD or ~/.pgpass instead")
        }
        if rest.contains("password=") {
            throw PostgresError.invalidLocation("the --db URL holds a password parameter; put it in PGPASSWORD or ~/.pgpass instead")
        }
    }

    /// Whether this store holds the pipeline lease (guarded by `lock`).
    private var leading = false

    /// Runs `body` on the connection. A lost session is reopened and `body` run once more (every
    /// write here is idempotent or harmless to repeat) — unless this store leads the pipeline:
    /// its lease went with the session, so it stops instead of running beside a new leader.
    private func run<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        do {
            return try body(connection)
        } catch let error as PostgresError where connection.isBroken {
            if leading { throw PostgresError.leaseLost("\(error)") }
            try connection.reconnect()
            return try body(connection)
        }
    }

    private func query(_ sql: String, _ parameters: [StoreValue] = []) throws -> [PostgresRow] {
        try run { try $0.execute(sql, parameters).rows }
    }

    private static func d(_ v: Double) -> Date { StoreColumns.date(v) }
    private static func since(_ d: Date?) -> StoreValue { .double(d.map(StoreColumns.seconds) ?? -.infinity) }

    /// A session advisory lock keyed by the schema, so deployments in different schemas of one
    /// database lead their own pipelines; the server drops it when the connection ends.
    public func tryLeadPipeline() throws -> Bool {
        let led = try query("SELECT pg_try_advisory_lock(7955209, hashtext(current_schema())) AS led").first?.string("led") == "t"
        if led { lock.withLock { leading = true } }
        return led
    }

    /// Read from the server's lock table: the session holding this schema's lease, named by
    /// the `application_name` every Outcry connection sets.
    public func pipelineLeader() throws -> String? {
        try query("""
            SELECT a.application_name AS name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'advisory' AND l.granted AND l.classid = 7955209 AND l.objid = hashtext(current_schema())::oid
              AND l.objsubid = 2 AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
            """).first.map { $0.string("name").replacingOccurrences(of: "outcry ", with: "") }
    }

    // MARK: - Writing

    public func commit(_ batch: StoreBatch) throws {
        guard !batch.isEmpty else { return }
        // One pipelined transaction: every row is sent before any answer is awaited.
        let statements = batch.statements(storedAt: Date()).map { (sql: $0.text.postgres, parameters: $0.values) }
        try run { try $0.pipelinedTransaction(statements) }
    }

    public func markDelivered(_ ids: [String], at time: Date) throws {
        guard !ids.isEmpty else { return }
        let sql = """
            UPDATE outbox SET status = 'delivered', attempts = attempts + 1, delivered_at = $1, last_error = NULL, claimed_until = NULL, claimed_by = NULL WHERE id = $2
            """
        try run { try $0.pipelinedTransaction(ids.map { (sql, [StoreValue.time(time), .text($0)]) }) }
    }

    public func markFailed(_ id: String, error: String, retryAt: Date?) throws {
        if let retryAt {
            _ = try query("UPDATE outbox SET attempts = attempts + 1, last_error = $1, next_attempt_at = $2, claimed_until = NULL, claimed_by = NULL WHERE id = $3",
                          [.text(error), StoreValue.time(retryAt), .text(id)])
        } else {
            _ = try query("UPDATE outbox SET status = 'dead', attempts = attempts + 1, last_error = $1, claimed_until = NULL, claimed_by = NULL WHERE id = $2", [.text(error), .text(id)])
        }
    }

    public func redrive(ids: [String]?, at time: Date) throws -> Int {
        try run { c in
            guard let ids else {
                return try c.execute("UPDATE outbox SET status = 'pending', next_attempt_at = $1, claimed_until = NULL, claimed_by = NULL WHERE status = 'dead'", [StoreValue.time(time)]).changed
            }
            return try c.transaction {
                try ids.reduce(0) { sum, id in
                    sum + (try c.execute("UPDATE outbox SET status = 'pending', next_attempt_at = $1, claimed_until = NULL, claimed_by = NULL WHERE id = $2 AND status != 'delivered'",
                                         [StoreValue.time(time), .text(id)]).changed)
                }
            }
        }
    }

    // MARK: - Reading

    static let postColumns = "post.id, post.source, post.author, post.followers, post.text, post.url, post.created_at, post.reposts, post.comments, post.likes, post.lang"

    static func post(_ r: PostgresRow) -> Post {
        Post(id: r.string("id"), source: r.string("source"), author: r.string("author"), followers: r.optionalInt("followers"),
             text: r.string("text"), url: r.optionalString("url"), createdAt: d(r.double("created_at")), reposts: r.optionalInt("reposts"),
             comments: r.optionalInt("comments"), likes: r.optionalInt("likes"), lang: r.optionalString("lang"))
    }

    public func postCount() throws -> Int {
        try query("SELECT COUNT(*) AS n FROM post").first?.int("n") ?? 0
    }

    public func postCountForDisplay() throws -> Int {
        // reltuples: as of the last VACUUM or ANALYZE (autovacuum keeps it close); -1 or 0 when never analyzed.
        let estimate = Int(try query("SELECT reltuples::float8 AS n FROM pg_class WHERE oid = 'post'::regclass").first?.double("n") ?? -1)
        return estimate >= 1_000_000 ? estimate : try postCount()
    }

    /// `$first, $first+1, …`: `count` parameter markers for an `IN (…)` list.
    static func markers(_ count: Int, from first: Int = 1) -> String {
        (first..<(first + count)).map { "$\($0)" }.joined(separator: ",")
    }

    /// The rows of `table` whose id is in `ids`, in the order asked (missing ones skipped).
    private func rows<T>(_ ids: [String], of table: String, key: String = "id", columns: String, _ decode: (PostgresRow) -> T) throws -> [T] {
        try IDLookup.rows(ids) { chunk in
            try query("SELECT \(columns) FROM \(table) WHERE \(key) IN (\(Self.markers(chunk.count)))", chunk.map(StoreValue.text))
                .map { ($0.string(key), decode($0)) }
        }
    }

    public func posts(ids: [String]) throws -> [Post] {
        try rows(ids, of: "post", columns: Self.postColumns, Self.post)
    }

    public func posts(from: Date, to: Date, after: (createdAt: Date, id: String)?, limit: Int) throws -> [Post] {
        if let after {
            return try query("""
                SELECT \(Self.postColumns) FROM post WHERE created_at >= $1 AND created_at < $2 AND (created_at, id) > ($3, $4)
                ORDER BY created_at, id LIMIT $5
                """, [StoreValue.time(from), StoreValue.time(to), StoreValue.time(after.createdAt), .text(after.id), .int(limit)]).map(Self.post)
        }
        return try query("SELECT \(Self.postColumns) FROM post WHERE created_at >= $1 AND created_at < $2 ORDER BY created_at, id LIMIT $3",
                         [StoreValue.time(from), StoreValue.time(to), .int(limit)]).map(Self.post)
    }

    public func posts(topic: String, from: Date, to: Date, limit: Int) throws -> [Post] {
        try mentioningPosts(topic: topic, complaintsOnly: false, from: from, to: to, limit: limit)
    }

    public func complaintPosts(topic: String, from: Date, to: Date, limit: Int) throws -> [Post] {
        try mentioningPosts(topic: topic, complaintsOnly: true, from: from, to: to, limit: limit)
    }

    private func mentioningPosts(topic: String, complaintsOnly: Bool, from: Date, to: Date, limit: Int) throws -> [Post] {
        try query("""
            SELECT \(Self.postColumns) FROM mention JOIN post ON post.id = mention.post_id
            WHERE mention.topic = $1 AND mention.complaint >= $2 AND mention.created_at >= $3 AND mention.created_at < $4
            ORDER BY mention.created_at, post.id LIMIT $5
            """, [.text(topic), .int(complaintsOnly ? 1 : 0), StoreValue.time(from), StoreValue.time(to), .int(limit)]).map(Self.post)
    }

    static func ticket(_ r: PostgresRow) -> Ticket {
        Ticket(id: r.string("id"), createdAt: d(r.double("created_at")), updatedAt: r.optionalDouble("updated_at").map(d),
               status: Ticket.Status(rawValue: r.string("status")) ?? .open,
               channel: r.optionalString("channel").flatMap(Ticket.Channel.init(rawValue:)),
               customer: r.optionalString("customer"), orderId: r.optionalString("order_id"), subject: r.string("subject"),
               body: r.string("body"), events: StoreColumns.decode([TicketEvent].self, r.string("events")) ?? [])
    }

    public func tickets(createdFrom from: Date, to: Date) throws -> [Ticket] {
        try query("SELECT * FROM ticket WHERE created_at BETWEEN $1 AND $2 ORDER BY created_at, id",
                  [StoreValue.time(from), StoreValue.time(to)]).map(Self.ticket)
    }

    public func tickets(storedSince since: Date, createdFrom opened: Date) throws -> [Ticket] {
        try query("SELECT * FROM ticket WHERE stored_at >= $1 AND created_at >= $2 ORDER BY created_at, id",
                  [StoreValue.time(since), StoreValue.time(opened)]).map(Self.ticket)
    }

    public func tickets(ids: [String]) throws -> [Ticket] {
        try rows(ids, of: "ticket", columns: "*", Self.ticket)
    }

    static func bucket(_ r: PostgresRow) -> Bucket {
        Bucket(topic: r.string("topic"), start: d(r.double("start")), count: r.int("count"), complaints: r.int("complaints"),
               reach: r.int("reach"), topAuthor: r.optionalString("top_author"), topAuthorFollowers: r.int("top_author_followers"))
    }

    public func buckets(topic: String, from: Date, to: Date) throws -> [Bucket] {
        try query("SELECT * FROM bucket WHERE topic = $1 AND start >= $2 AND start < $3 ORDER BY start",
                  [.text(topic), StoreValue.time(from), StoreValue.time(to)]).map(Self.bucket)
    }

    public func buckets(from: Date, to: Date) throws -> [Bucket] {
        try query("SELECT * FROM bucket WHERE start >= $1 AND start < $2 ORDER BY topic, start", [StoreValue.time(from), StoreValue.time(to)]).map(Self.bucket)
    }

    public func bucketCounts(from: Date, to: Date) throws -> [(topic: String, start: Date, count: Int)] {
        try query("SELECT topic, start, count FROM bucket WHERE start >= $1 AND start < $2", [StoreValue.time(from), StoreValue.time(to)]).map {
            ($0.string("topic"), Self.d($0.double("start")), $0.int("count"))
        }
    }

    public func lastPostAt() throws -> Date? {
        try query("SELECT MAX(created_at) AS last FROM post").first?.optionalDouble("last").map(Self.d)
    }

    public func spikes() throws -> [Spike] {
        try query("SELECT * FROM spike ORDER BY start, id").map(Self.spike)
    }

    public func spikes(_ filter: SpikeFilter) throws -> [Spike] {
        let (text, values) = filter.statement
        return try query(text.postgres, values).map(Self.spike)
    }

    static func spike(_ r: PostgresRow) -> Spike {
        Spike(id: r.string("id"), topic: r.string("topic"), start: d(r.double("start")), detectedAt: d(r.double("detected_at")),
              severity: Severity(rawValue: r.string("severity")) ?? .watch, state: Spike.State(rawValue: r.string("state")) ?? .open,
              score: r.double("score"), volume: r.int("volume"), baseline: r.double("baseline"), negativeShare: r.double("negative_share"),
              usualComplaints: r.double("usual_complaints"), reach: r.int("reach"), topTerms: StoreColumns.decode([String].self, r.string("top_terms")) ?? [],
              samplePosts: StoreColumns.decode([String].self, r.string("sample_posts")) ?? [], peakVolume: r.int("peak_volume"),
              peakAt: d(r.double("peak_at")), peakComplaints: r.optionalInt("peak_complaints"),
              peakUsualComplaints: r.optionalDouble("peak_usual_complaints"), closedAt: r.optionalDouble("closed_at").map(d))
    }

    public func spikeEvents(spikeID: String) throws -> [SpikeEvent] {
        try query("SELECT * FROM spike_event WHERE spike_id = $1 ORDER BY at", [.text(spikeID)]).map { r in
            SpikeEvent(spikeID: r.string("spike_id"), at: Self.d(r.double("at")), kind: SpikeEvent.Kind(rawValue: r.string("kind")) ?? .opened,
                       severity: Severity(rawValue: r.string("severity")) ?? .watch, volume: r.int("volume"),
                       complaints: r.optionalInt("complaints"), usualComplaints: r.optionalDouble("usual_complaints"))
        }
    }

    public func links(spikeID: String) throws -> [LinkedTicket] {
        try query("SELECT * FROM link WHERE spike_id = $1 ORDER BY rank", [.text(spikeID)]).map { r in
            LinkedTicket(id: r.string("ticket_id"), score: r.double("score"), reasons: StoreColumns.decode([String].self, r.string("reasons")) ?? [])
        }
    }

    public func alerts(since: Date?) throws -> [Alert] {
        try query("SELECT body FROM alert WHERE detected_at >= $1 ORDER BY detected_at, id", [Self.since(since)])
            .compactMap { StoreColumns.decode(Alert.self, $0.string("body")) }
    }

    public func alerts(spikeID: String) throws -> [Alert] {
        try query("SELECT body FROM alert WHERE spike_id = $1 ORDER BY detected_at, id", [.text(spikeID)])
            .compactMap { StoreColumns.decode(Alert.self, $0.string("body")) }
    }

    public func alert(id: String) throws -> Alert? {
        try query("SELECT body FROM alert WHERE id = $1", [.text(id)]).first.flatMap { StoreColumns.decode(Alert.self, $0.string("body")) }
    }

    public func topicSummaries() throws -> [TopicSummary] {
        try query("SELECT topic, COUNT(*) AS n, SUM(complaint) AS c, MAX(created_at) AS last FROM mention GROUP BY topic ORDER BY topic").map { r in
            TopicSummary(topic: r.string("topic"), mentions: r.int("n"), complaints: r.int("c"), lastMention: r.optionalDouble("last").map(Self.d))
        }
    }

    public func mentionCounts(topics: [String], from: Date, to: Date) throws -> [String: (mentions: Int, complaints: Int)] {
        let wanted = Array(Set(topics))
        guard !wanted.isEmpty else { return [:] }
        // One round trip for every topic (a dashboard asks for a thousand at once); the
        // (topic, created_at) index serves each topic's range.
        let marks = Self.markers(wanted.count, from: 3)
        var out: [String: (mentions: Int, complaints: Int)] = [:]
        for r in try query("""
            SELECT topic, COUNT(*) AS n, COALESCE(SUM(complaint), 0) AS c FROM mention
            WHERE topic IN (\(marks)) AND created_at >= $1 AND created_at < $2 GROUP BY topic
            """, [StoreValue.time(from), StoreValue.time(to)] + wanted.map(StoreValue.text)) {
            out[r.string("topic")] = (r.int("n"), r.int("c"))
        }
        return out
    }

    public func sourceStates() throws -> [SourceState] {
        try query("SELECT state FROM source_state ORDER BY id").compactMap { StoreColumns.decode(SourceState.self, $0.string("state")) }
    }

    public func appliedTopics() throws -> [String: String] {
        Dictionary(try query("SELECT topic, definition FROM applied_topic").map { ($0.string("topic"), $0.string("definition")) },
                   uniquingKeysWith: { a, _ in a })
    }

    public func notes(spikeID: String) throws -> [IncidentNote] {
        try query("SELECT * FROM incident_note WHERE spike_id = $1 ORDER BY at, seq", [.text(spikeID)]).map {
            IncidentNote(spikeID: $0.string("spike_id"), at: Self.d($0.double("at")), author: $0.string("author"), text: $0.string("text"))
        }
    }

    static func outboxEntry(_ r: PostgresRow) -> OutboxEntry {
        OutboxEntry(id: r.string("id"), alertID: r.string("alert_id"), notificationID: r.optionalString("notification_id"),
                    channel: r.string("channel"), status: OutboxEntry.Status(rawValue: r.string("status")) ?? .pending,
                    attempts: r.int("attempts"), nextAttemptAt: d(r.double("next_attempt_at")), lastError: r.optionalString("last_error"),
                    createdAt: d(r.double("created_at")), deliveredAt: r.optionalDouble("delivered_at").map(d))
    }

    public func outbox(status: OutboxEntry.Status?) throws -> [OutboxEntry] {
        if let status {
            return try query("SELECT * FROM outbox WHERE status = $1 ORDER BY created_at, id", [.text(status.rawValue)]).map(Self.outboxEntry)
        }
        return try query("SELECT * FROM outbox ORDER BY created_at, id").map(Self.outboxEntry)
    }

    public func outbox(since: Date) throws -> [OutboxEntry] {
        try query("SELECT * FROM outbox WHERE created_at >= $1 ORDER BY created_at, id", [StoreValue.time(since)]).map(Self.outboxEntry)
    }

    public func dueOutbox(at time: Date, limit: Int) throws -> [OutboxEntry] {
        try query("SELECT * FROM outbox WHERE status = 'pending' AND next_attempt_at <= $1 ORDER BY created_at, id LIMIT $2",
                  [StoreValue.time(time), .int(limit)]).map(Self.outboxEntry)
    }

    public func claimDueOutbox(at time: Date, channels: [String], limit: Int, lease: TimeInterval, worker: String) throws -> [OutboxEntry] {
        guard !channels.isEmpty, limit > 0 else { return [] }
        // SKIP LOCKED: a worker claiming at the same moment takes the next rows instead of waiting.
        // Holds are timed by the server's clock, which every worker shares.
        let marks = Self.markers(channels.count, from: 5)
        return try query("""
            UPDATE outbox SET claimed_until = \(Self.serverNow) + $1, claimed_by = $4 WHERE id IN (
                SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= $2 AND (claimed_until IS NULL OR claimed_until <= \(Self.serverNow))
                AND channel IN (\(marks)) ORDER BY created_at, id LIMIT $3 FOR UPDATE SKIP LOCKED)
            RETURNING *
            """, [.double(lease), StoreValue.time(time), .int(limit), .text(worker)] + channels.map(StoreValue.text))
            .map(Self.outboxEntry).sorted { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }
    }

    public func outboxHolders(at time: Date) throws -> [String] {
        try query("SELECT DISTINCT claimed_by FROM outbox WHERE claimed_until IS NOT NULL AND claimed_until > \(Self.serverNow) AND claimed_by IS NOT NULL ORDER BY 1")
            .map { $0.string("claimed_by") }
    }

    /// The server's clock in the store's time unit (seconds since 1970), for outbox holds.
    private static let serverNow = "EXTRACT(EPOCH FROM statement_timestamp())::double precision"

    public func releaseOutboxClaims(heldBy worker: String) throws {
        _ = try query("UPDATE outbox SET claimed_until = NULL, claimed_by = NULL WHERE claimed_by = $1", [.text(worker)])
    }

    static func notification(_ r: PostgresRow) -> AlertNotification {
        AlertNotification(id: r.string("id"), receiver: r.string("receiver"), groupKey: r.string("group_key"),
                          groupLabels: StoreColumns.decode([String: String].self, r.string("group_labels")) ?? [:],
                          kind: AlertNotification.Kind(rawValue: r.string("kind")) ?? .firing,
                          alertIDs: StoreColumns.decode([String].self, r.string("alert_ids")) ?? [],
                          newAlertIDs: StoreColumns.decode([String].self, r.string("new_alert_ids")) ?? [],
                          createdAt: d(r.double("created_at")), sequence: r.int("sequence"))
    }

    public func notification(id: String) throws -> AlertNotification? {
        try query("SELECT * FROM notification WHERE id = $1", [.text(id)]).first.map(Self.notification)
    }

    public func notifications(since: Date?) throws -> [AlertNotification] {
        try query("SELECT * FROM notification WHERE created_at >= $1 ORDER BY created_at, id", [Self.since(since)]).map(Self.notification)
    }

    public func alertGroups() throws -> [(key: String, state: String)] {
        try query("SELECT key, state FROM alert_group ORDER BY key").map { ($0.string("key"), $0.string("state")) }
    }

    public func acknowledgements(since: Date?) throws -> [Acknowledgement] {
        try query("SELECT * FROM acknowledgement WHERE at >= $1 ORDER BY at, alert_id", [Self.since(since)]).map(Self.acknowledgement)
    }

    public func acknowledgements(spikeID: String) throws -> [Acknowledgement] {
        try query("SELECT * FROM acknowledgement WHERE spike_id = $1 ORDER BY at, alert_id", [.text(spikeID)]).map(Self.acknowledgement)
    }

    static func acknowledgement(_ r: PostgresRow) -> Acknowledgement {
        Acknowledgement(alertID: r.string("alert_id"), spikeID: r.string("spike_id"), at: d(r.double("at")),
                        author: r.string("author"), comment: r.string("comment"))
    }

    public func deliveries(alertIDs: [String]) throws -> [AlertDelivery] {
        var out: [AlertDelivery] = []
        // Each id once: a repeated one would repeat its rows.
        try IDLookup.forEachChunk(Array(Set(alertIDs))) { chunk in
            out += try query(HistoryLookup.postgresDeliveries(count: chunk.count), chunk.map(StoreValue.text)).map {
                AlertDelivery(alertID: $0.string("carried"), receiver: $0.optionalString("receiver"), entry: Self.outboxEntry($0))
            }
        }
        return AlertDelivery.oldestFirst(out)
    }

    public func acknowledgements(alertIDs: [String]) throws -> [Acknowledgement] {
        try rows(alertIDs, of: "acknowledgement", key: "alert_id", columns: "*", Self.acknowledgement)
    }

    public func silences() throws -> [Silence] {
        try silences(endingAfter: -.infinity)
    }

    public func silences(endingAfter time: Date) throws -> [Silence] {
        try silences(endingAfter: StoreColumns.seconds(time))
    }

    private func silences(endingAfter seconds: Double) throws -> [Silence] {
        try query("SELECT * FROM silence WHERE ends_at > $1 ORDER BY starts_at, id", [.double(seconds)]).map {
            Silence(id: $0.string("id"), matchers: StoreColumns.decode([String].self, $0.string("matchers")) ?? [],
                    startsAt: Self.d($0.double("starts_at")), endsAt: Self.d($0.double("ends_at")), author: $0.string("author"),
                    comment: $0.string("comment"))
        }
    }
}

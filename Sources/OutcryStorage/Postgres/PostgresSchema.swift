/// The PostgreSQL schema: the same tables and indexes as SQLite's (`Migrations`), with
/// PostgreSQL's types. Times are seconds since 1970 in `DOUBLE PRECISION`, as in SQLite, so both
/// stores read and write the same values. Append-only like SQLite's history: a shipped step is
/// never edited. Keys sort as bytes (`COLLATE "C"`), as in SQLite, whatever the database's locale,
/// so pages and ties come out in the same order from both stores.
enum PostgresSchema {
    static let steps: [(name: String, sql: String)] = [
        ("v1", """
            CREATE TABLE post (
                id TEXT COLLATE "C" PRIMARY KEY, source TEXT NOT NULL, author TEXT NOT NULL, followers BIGINT,
                text TEXT NOT NULL, url TEXT, created_at DOUBLE PRECISION NOT NULL, reposts BIGINT, comments BIGINT,
                likes BIGINT, lang TEXT);
            CREATE INDEX post_created ON post(created_at, id);
            CREATE TABLE mention (
                post_id TEXT NOT NULL REFERENCES post(id), topic TEXT COLLATE "C" NOT NULL, complaint INTEGER NOT NULL,
                created_at DOUBLE PRECISION NOT NULL, PRIMARY KEY (post_id, topic));
            CREATE INDEX mention_topic_time ON mention(topic, created_at);
            CREATE TABLE bucket (
                topic TEXT COLLATE "C" NOT NULL, start DOUBLE PRECISION NOT NULL, count BIGINT NOT NULL, complaints BIGINT NOT NULL,
                reach BIGINT NOT NULL, top_author TEXT, top_author_followers BIGINT NOT NULL,
                PRIMARY KEY (topic, start));
            CREATE INDEX bucket_start_counts ON bucket(start, topic, count);
            CREATE TABLE spike (
                id TEXT COLLATE "C" PRIMARY KEY, topic TEXT COLLATE "C" NOT NULL, start DOUBLE PRECISION NOT NULL, detected_at DOUBLE PRECISION NOT NULL,
                severity TEXT NOT NULL, state TEXT NOT NULL, score DOUBLE PRECISION NOT NULL, volume BIGINT NOT NULL,
                baseline DOUBLE PRECISION NOT NULL, negative_share DOUBLE PRECISION NOT NULL, reach BIGINT NOT NULL,
                top_terms TEXT NOT NULL, sample_posts TEXT NOT NULL, peak_volume BIGINT NOT NULL,
                peak_at DOUBLE PRECISION NOT NULL, closed_at DOUBLE PRECISION);
            CREATE TABLE spike_event (
                spike_id TEXT NOT NULL REFERENCES spike(id), at DOUBLE PRECISION NOT NULL, kind TEXT NOT NULL,
                severity TEXT NOT NULL, volume BIGINT NOT NULL, PRIMARY KEY (spike_id, kind, severity, at));
            CREATE TABLE ticket (
                id TEXT COLLATE "C" PRIMARY KEY, created_at DOUBLE PRECISION NOT NULL, updated_at DOUBLE PRECISION, status TEXT NOT NULL,
                channel TEXT, customer TEXT, order_id TEXT, subject TEXT NOT NULL, body TEXT NOT NULL, events TEXT NOT NULL,
                stored_at DOUBLE PRECISION NOT NULL DEFAULT 0);
            CREATE INDEX ticket_stored ON ticket(stored_at);
            CREATE TABLE link (
                spike_id TEXT NOT NULL REFERENCES spike(id), rank BIGINT NOT NULL, ticket_id TEXT NOT NULL,
                score DOUBLE PRECISION NOT NULL, reasons TEXT NOT NULL, PRIMARY KEY (spike_id, rank));
            CREATE TABLE alert (
                id TEXT COLLATE "C" PRIMARY KEY, spike_id TEXT NOT NULL, topic TEXT COLLATE "C" NOT NULL, severity TEXT NOT NULL,
                detected_at DOUBLE PRECISION NOT NULL, body TEXT NOT NULL);
            CREATE INDEX alert_detected ON alert(detected_at);
            CREATE TABLE notification (
                id TEXT COLLATE "C" PRIMARY KEY, receiver TEXT NOT NULL, group_key TEXT NOT NULL, group_labels TEXT NOT NULL,
                kind TEXT NOT NULL, alert_ids TEXT NOT NULL, new_alert_ids TEXT NOT NULL, created_at DOUBLE PRECISION NOT NULL,
                sequence BIGINT NOT NULL);
            CREATE INDEX notification_created ON notification(created_at);
            CREATE TABLE outbox (
                id TEXT COLLATE "C" PRIMARY KEY, alert_id TEXT NOT NULL REFERENCES alert(id), notification_id TEXT REFERENCES notification(id),
                channel TEXT NOT NULL, status TEXT NOT NULL, attempts BIGINT NOT NULL DEFAULT 0,
                next_attempt_at DOUBLE PRECISION NOT NULL, last_error TEXT, created_at DOUBLE PRECISION NOT NULL,
                delivered_at DOUBLE PRECISION, claimed_until DOUBLE PRECISION, claimed_by TEXT);
            CREATE INDEX outbox_due ON outbox(status, next_attempt_at);
            CREATE INDEX outbox_created ON outbox(created_at);
            CREATE INDEX outbox_claimed ON outbox(claimed_until) WHERE claimed_until IS NOT NULL;
            CREATE TABLE source_state (id TEXT COLLATE "C" PRIMARY KEY, state TEXT NOT NULL);
            CREATE TABLE incident_note (
                seq BIGSERIAL PRIMARY KEY, spike_id TEXT NOT NULL, at DOUBLE PRECISION NOT NULL, author TEXT NOT NULL,
                text TEXT NOT NULL);
            CREATE INDEX incident_note_spike ON incident_note(spike_id, at, seq);
            CREATE TABLE alert_group (key TEXT COLLATE "C" PRIMARY KEY, state TEXT NOT NULL);
            CREATE TABLE acknowledgement (
                alert_id TEXT COLLATE "C" PRIMARY KEY, spike_id TEXT NOT NULL, at DOUBLE PRECISION NOT NULL, author TEXT NOT NULL,
                comment TEXT NOT NULL);
            CREATE INDEX acknowledgement_at ON acknowledgement(at);
            CREATE TABLE silence (
                id TEXT COLLATE "C" PRIMARY KEY, matchers TEXT NOT NULL, starts_at DOUBLE PRECISION NOT NULL,
                ends_at DOUBLE PRECISION NOT NULL, author TEXT NOT NULL, comment TEXT NOT NULL);
            """),
        ("v2-applied-topic", """
            CREATE TABLE applied_topic (topic TEXT COLLATE "C" PRIMARY KEY, definition TEXT NOT NULL);
            """),
        ("v3-spike-event-once", SpikeEventOnce.sql),
        ("v4-usual-complaints", "ALTER TABLE spike ADD COLUMN usual_complaints DOUBLE PRECISION NOT NULL DEFAULT 0"),
        ("v5-spike-event-complaints", ComplaintColumns.stepSQL(real: "DOUBLE PRECISION")),
        ("v6-spike-peak-complaints", ComplaintColumns.peakSQL(real: "DOUBLE PRECISION")),
        // The pairs are filled in one go: their statistics at once, not at autovacuum's next pass.
        ("v7-history-lookups", HistoryLookup.sql(
            collate: " COLLATE \"C\"", pairs: "SELECT j, n.id FROM notification n, jsonb_array_elements_text(n.alert_ids::jsonb) j")
            + "\nANALYZE notification_alert;"),
        ("v8-ticket-created", TicketCreatedIndex.sql),
    ]

    /// Applies the steps not yet applied, under an advisory lock: workers starting together
    /// against a new database migrate it once.
    static func migrate(_ connection: PostgresConnection) throws {
        try connection.transaction {
            try connection.execute("SELECT pg_advisory_xact_lock(7955209001)")
            try connection.execute("CREATE TABLE IF NOT EXISTS outcry_schema (step TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())")
            let applied = Set(try connection.execute("SELECT step FROM outcry_schema").rows.map { $0.string("step") })
            for step in steps where !applied.contains(step.name) {
                try connection.executeScript(step.sql)
                try connection.execute("INSERT INTO outcry_schema (step) VALUES ($1)", [.text(step.name)])
            }
        }
    }
}

import GRDB

/// Append-only schema history. A shipped migration is never edited: add a new one.
enum Migrations {
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1-core") { db in
            try db.execute(sql: """
                CREATE TABLE post (
                    id TEXT PRIMARY KEY, source TEXT NOT NULL, author TEXT NOT NULL, followers INTEGER,
                    text TEXT NOT NULL, url TEXT, created_at REAL NOT NULL, reposts INTEGER, comments INTEGER,
                    likes INTEGER, lang TEXT);
                CREATE INDEX post_created ON post(created_at);
                CREATE TABLE mention (
                    post_id TEXT NOT NULL REFERENCES post(id), topic TEXT NOT NULL, complaint INTEGER NOT NULL,
                    created_at REAL NOT NULL, PRIMARY KEY (post_id, topic));
                CREATE INDEX mention_topic_time ON mention(topic, created_at);
                CREATE TABLE bucket (
                    topic TEXT NOT NULL, start REAL NOT NULL, count INTEGER NOT NULL, complaints INTEGER NOT NULL,
                    reach INTEGER NOT NULL, top_author TEXT, top_author_followers INTEGER NOT NULL,
                    PRIMARY KEY (topic, start));
                CREATE TABLE spike (
                    id TEXT PRIMARY KEY, topic TEXT NOT NULL, start REAL NOT NULL, detected_at REAL NOT NULL,
                    severity TEXT NOT NULL, state TEXT NOT NULL, score REAL NOT NULL, volume INTEGER NOT NULL,
                    baseline REAL NOT NULL, negative_share REAL NOT NULL, reach INTEGER NOT NULL,
                    top_terms TEXT NOT NULL, sample_posts TEXT NOT NULL, peak_volume INTEGER NOT NULL,
                    peak_at REAL NOT NULL, closed_at REAL);
                CREATE TABLE spike_event (
                    spike_id TEXT NOT NULL REFERENCES spike(id), at REAL NOT NULL, kind TEXT NOT NULL,
                    severity TEXT NOT NULL, volume INTEGER NOT NULL, PRIMARY KEY (spike_id, kind, severity, at));
                CREATE TABLE ticket (
                    id TEXT PRIMARY KEY, created_at REAL NOT NULL, updated_at REAL, status TEXT NOT NULL,
                    channel TEXT, customer TEXT, order_id TEXT, subject TEXT NOT NULL, body TEXT NOT NULL,
                    events TEXT NOT NULL);
                CREATE TABLE link (
                    spike_id TEXT NOT NULL REFERENCES spike(id), rank INTEGER NOT NULL, ticket_id TEXT NOT NULL,
                    score REAL NOT NULL, reasons TEXT NOT NULL, PRIMARY KEY (spike_id, rank));
                CREATE TABLE alert (
                    id TEXT PRIMARY KEY, spike_id TEXT NOT NULL, topic TEXT NOT NULL, severity TEXT NOT NULL,
                    detected_at REAL NOT NULL, body TEXT NOT NULL);
                CREATE TABLE outbox (
                    id TEXT PRIMARY KEY, alert_id TEXT NOT NULL REFERENCES alert(id), channel TEXT NOT NULL,
                    status TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at REAL NOT NULL,
                    last_error TEXT, created_at REAL NOT NULL, delivered_at REAL);
                CREATE INDEX outbox_due ON outbox(status, next_attempt_at);
                """)
        }
        m.registerMigration("v2-source-state") { db in
            try db.execute(sql: "CREATE TABLE source_state (id TEXT PRIMARY KEY, state TEXT NOT NULL)")
        }
        m.registerMigration("v3-incident-note") { db in
            try db.execute(sql: """
                CREATE TABLE incident_note (spike_id TEXT NOT NULL, at REAL NOT NULL, author TEXT NOT NULL, text TEXT NOT NULL);
                CREATE INDEX incident_note_spike ON incident_note(spike_id, at);
                """)
        }
        m.registerMigration("v4-routing") { db in
            try db.execute(sql: """
                CREATE TABLE notification (
                    id TEXT PRIMARY KEY, receiver TEXT NOT NULL, group_key TEXT NOT NULL, group_labels TEXT NOT NULL,
                    kind TEXT NOT NULL, alert_ids TEXT NOT NULL, new_alert_ids TEXT NOT NULL, created_at REAL NOT NULL,
                    sequence INTEGER NOT NULL);
                ALTER TABLE outbox ADD COLUMN notification_id TEXT REFERENCES notification(id);
                CREATE TABLE alert_group (key TEXT PRIMARY KEY, state TEXT NOT NULL);
                CREATE TABLE acknowledgement (
                    alert_id TEXT PRIMARY KEY, spike_id TEXT NOT NULL, at REAL NOT NULL, author TEXT NOT NULL, comment TEXT NOT NULL);
                CREATE TABLE silence (
                    id TEXT PRIMARY KEY, matchers TEXT NOT NULL, starts_at REAL NOT NULL, ends_at REAL NOT NULL,
                    author TEXT NOT NULL, comment TEXT NOT NULL);
                """)
        }
        m.registerMigration("v5-bucket-time") { db in
            // The dashboard reads every topic's recent buckets at once.
            try db.execute(sql: "CREATE INDEX bucket_start ON bucket(start)")
        }
        m.registerMigration("v6-bucket-counts-covered") { db in
            // The dashboard reads every topic's bucket counts once a second: from the index alone,
            // with no row lookups and no sort (docs/BENCHMARKS.md, Dashboard).
            try db.execute(sql: """
                DROP INDEX bucket_start;
                CREATE INDEX bucket_start_counts ON bucket(start, topic, count);
                """)
        }
        m.registerMigration("v7-recent-alerts") { db in
            // The dashboard reads the last week of alerts, notifications, deliveries and
            // acknowledgements once a second, however much history the store holds.
            try db.execute(sql: """
                CREATE INDEX alert_detected ON alert(detected_at);
                CREATE INDEX notification_created ON notification(created_at);
                CREATE INDEX outbox_created ON outbox(created_at);
                CREATE INDEX acknowledgement_at ON acknowledgement(at);
                """)
        }
        m.registerMigration("v8-outbox-claims") { db in
            // Delivery workers hold the entries they are sending (Store.claimDueOutbox).
            try db.execute(sql: """
                ALTER TABLE outbox ADD COLUMN claimed_until REAL;
                ALTER TABLE outbox ADD COLUMN claimed_by TEXT;
                """)
        }
        m.registerMigration("v9-ticket-stored-at") { db in
            // A running job picks up tickets written after it started (Store.tickets(storedSince:)).
            try db.execute(sql: """
                ALTER TABLE ticket ADD COLUMN stored_at REAL NOT NULL DEFAULT 0;
                CREATE INDEX ticket_stored ON ticket(stored_at);
                """)
        }
        m.registerMigration("v10-outbox-holders") { db in
            // Every drain asks who holds entries; holds are cleared on delivery, so this partial
            // index stays as small as the entries in flight while the outbox keeps all history.
            try db.execute(sql: "CREATE INDEX outbox_claimed ON outbox(claimed_until) WHERE claimed_until IS NOT NULL")
        }
        m.registerMigration("v11-applied-topic") { db in
            // Which topic definitions the stored mentions were found with (Store.appliedTopics).
            try db.execute(sql: "CREATE TABLE applied_topic (topic TEXT PRIMARY KEY, definition TEXT NOT NULL)")
        }
        m.registerMigration("v12-spike-event-once") { db in
            // A spike opens, peaks and closes once and reaches each severity once; a second run over
            // the same store (a replay again, with another build's timing) keeps the first record
            // of each, so a timeline never shows one step twice.
            try db.execute(sql: SpikeEventOnce.sql)
        }
        m.registerMigration("v13-usual-complaints") { db in
            // What a spike's window would usually hold in complaints (Spike.usualComplaints).
            try db.execute(sql: "ALTER TABLE spike ADD COLUMN usual_complaints REAL NOT NULL DEFAULT 0")
        }
        m.registerMigration("v14-spike-event-complaints") { db in
            // Each opening and escalation keeps its window's complaints and their usual
            // (SpikeEvent.complaints); older steps have neither.
            try db.execute(sql: ComplaintColumns.stepSQL(real: "REAL"))
        }
        m.registerMigration("v15-spike-peak-complaints") { db in
            // The peak keeps its window's complaints too (Spike.peakComplaints).
            try db.execute(sql: ComplaintColumns.peakSQL(real: "REAL"))
        }
        m.registerMigration("v16-history-lookups") { db in
            // A spike's alerts, their deliveries and acknowledgements by index (HistoryLookup).
            // `WHERE true`: SQLite reads `ON` after a bare join as a join constraint, not the
            // upsert's `ON CONFLICT`, unless the SELECT has a WHERE clause.
            try db.execute(sql: HistoryLookup.sql(
                collate: "", pairs: "SELECT j.value, n.id FROM notification n, json_each(n.alert_ids) j WHERE true"))
        }
        m.registerMigration("v17-ticket-created") { db in
            try db.execute(sql: TicketCreatedIndex.sql)
        }
        return m
    }
}


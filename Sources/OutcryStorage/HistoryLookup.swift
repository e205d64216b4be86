import OutcryCore

/// How the stores read history by index, in time that follows what one spike or one moment
/// holds and not how long the store has been kept: a spike's alerts, each alert's deliveries
/// and acknowledgements (the timeline, `alerts list`, the dashboard), the spikes open at a
/// moment or of one topic (the dashboard once a second, `timeline TOPIC`). A notification lists
/// its alerts as JSON, which no index reaches, so each (alert, notification) pair also gets a
/// row of its own.
enum HistoryLookup {
    /// The migration step: the pair table, filled from the notifications already stored
    /// (`pairs`: the store's way to read a notification's JSON list of alert ids), and the indexes.
    static func sql(collate: String, pairs: String) -> String {
        """
        CREATE TABLE notification_alert (
            alert_id TEXT\(collate) NOT NULL, notification_id TEXT NOT NULL REFERENCES notification(id),
            PRIMARY KEY (alert_id, notification_id));
        INSERT INTO notification_alert (alert_id, notification_id) \(pairs) ON CONFLICT DO NOTHING;
        CREATE INDEX outbox_notification ON outbox(notification_id);
        CREATE INDEX outbox_unrouted_alert ON outbox(alert_id) WHERE notification_id IS NULL;
        CREATE INDEX alert_spike ON alert(spike_id, detected_at);
        CREATE INDEX acknowledgement_spike ON acknowledgement(spike_id, at);
        CREATE INDEX spike_topic ON spike(topic, start);
        CREATE INDEX spike_closed ON spike(closed_at);
        """
    }

    static let outboxColumns = """
        o.id, o.alert_id, o.notification_id, o.channel, o.status, o.attempts, o.next_attempt_at, o.last_error, o.created_at, o.delivered_at
        """

    /// The deliveries of the alerts whose id column passes `matches`: through the pair table,
    /// and the unrouted entries by their own alert id.
    private static func deliveries(where matches: (_ alertColumn: String) -> String) -> String {
        """
        SELECT na.alert_id AS carried, n.receiver AS receiver, \(outboxColumns)
        FROM notification_alert na JOIN notification n ON n.id = na.notification_id JOIN outbox o ON o.notification_id = na.notification_id
        WHERE \(matches("na.alert_id"))
        UNION ALL
        SELECT o.alert_id AS carried, NULL AS receiver, \(outboxColumns)
        FROM outbox o WHERE o.notification_id IS NULL AND \(matches("o.alert_id"))
        """
    }

    /// The deliveries of `count` alerts whose ids are bound to `?`s, in no order: each half's
    /// `IN` list, the ids bound twice over. Plain `?`s, as SQLite looks a numbered parameter up
    /// by walking all of them and so prepares thousands of them in quadratic time.
    static func sqliteDeliveries(count: Int) -> String {
        let ids = Array(repeating: "?", count: max(1, count)).joined(separator: ",")
        return deliveries { "\($0) IN (\(ids))" }
    }

    /// The same for PostgreSQL, the ids bound to `$1…$count` once: each id looks up its own
    /// rows (a lateral join), so the plan is index lookups however many ids are asked, where an
    /// `IN` list of hundreds turns its planner to scanning every pair and notification.
    static func postgresDeliveries(count: Int) -> String {
        let ids = (1...max(1, count)).map { "($\($0)::text)" }.joined(separator: ",")
        return """
            SELECT d.* FROM (VALUES \(ids)) AS wanted(alert_id)
            CROSS JOIN LATERAL (\(deliveries { "\($0) = wanted.alert_id" })) d
            """
    }
}

/// The step both stores take to keep one record of each step of a spike: the earliest of any
/// repeats already stored stays, and a unique index turns later repeats into no-ops.
enum SpikeEventOnce {
    static let sql = """
        DELETE FROM spike_event WHERE EXISTS (
            SELECT 1 FROM spike_event e WHERE e.spike_id = spike_event.spike_id AND e.kind = spike_event.kind
                AND e.severity = spike_event.severity AND e.at < spike_event.at);
        CREATE UNIQUE INDEX spike_event_once ON spike_event(spike_id, kind, severity);
        """
}

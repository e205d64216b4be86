/// The step both stores take to keep a window's complaints beside its volume: two nullable
/// columns, so rows stored before them read as "not recorded" rather than as zero complaints.
enum ComplaintColumns {
    /// Each spike step's window (``SpikeEvent/complaints``).
    static func stepSQL(real: String) -> String { sql(table: "spike_event", prefix: "", real: real) }

    /// A spike's loudest window (``Spike/peakComplaints``).
    static func peakSQL(real: String) -> String { sql(table: "spike", prefix: "peak_", real: real) }

    private static func sql(table: String, prefix: String, real: String) -> String {
        """
        ALTER TABLE \(table) ADD COLUMN \(prefix)complaints INTEGER;
        ALTER TABLE \(table) ADD COLUMN \(prefix)usual_complaints \(real);
        """
    }
}

/// The step both stores take to keep a spike step's complaints beside its volume: two nullable
/// columns, so steps stored before them read as "not recorded" rather than as zero complaints.
enum SpikeEventComplaints {
    static func sql(real: String) -> String {
        """
        ALTER TABLE spike_event ADD COLUMN complaints INTEGER;
        ALTER TABLE spike_event ADD COLUMN usual_complaints \(real);
        """
    }
}

import Foundation

/// Which spikes to read (``Store/spikes(_:)``), each answered by an index: the dashboard asks
/// once a second which spikes are open, and a store keeps every spike it ever saw.
public enum SpikeFilter: Sendable, Hashable {
    /// The spike with this id (none or one).
    case id(String)
    /// Every spike of the topic.
    case topic(String)
    /// Detected by then and not closed by then: what a dashboard at that moment calls open.
    case openAt(Date)
    /// The topic's spikes that began by `to` and had not closed before `from`.
    case topicOverlapping(String, from: Date, to: Date)

    /// The `WHERE` condition, its parameters numbered `$1…`, and their values.
    var condition: (sql: String, values: [StoreValue]) {
        switch self {
        case .id(let id):
            return ("id = $1", [.text(id)])
        case .topic(let topic):
            return ("topic = $1", [.text(topic)])
        case .openAt(let time):
            // Two index ranges (still open, closed later), not a scan of every closed spike.
            return ("(closed_at IS NULL OR closed_at > $1) AND detected_at <= $2", [.time(time), .time(time)])
        case .topicOverlapping(let topic, let from, let to):
            return ("topic = $1 AND start <= $2 AND (closed_at IS NULL OR closed_at >= $3)", [.text(topic), .time(to), .time(from)])
        }
    }

    /// The whole statement, for either store.
    var statement: (text: StatementText, values: [StoreValue]) {
        let c = condition
        return (StatementText("SELECT * FROM spike WHERE \(c.sql) ORDER BY start, id"), c.values)
    }
}

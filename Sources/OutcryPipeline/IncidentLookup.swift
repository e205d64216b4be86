import OutcryCore
import OutcryStorage

/// What a user means by an incident on the command line: a spike id (`S-…`), or a topic, for its
/// latest spike that got past *watch* (else its latest at all).
public enum IncidentLookup {
    public static func spike(_ name: String, in store: any Store) throws -> Spike? {
        let spikes = try store.spikes()
        return spikes.first { $0.id == name } ?? spikes.last { $0.topic == name && $0.severity > .watch }
            ?? spikes.last { $0.topic == name }
    }
}

import OutcryCore
import OutcryStorage

/// What a user means by an incident on the command line: a spike id (`S-…`), or a topic, for its
/// latest spike that got past *watch* (else its latest at all).
public enum IncidentLookup {
    public static func spike(_ name: String, in store: any Store) throws -> Spike? {
        if let spike = try store.spikes(.id(name)).first { return spike }
        let spikes = try store.spikes(.topic(name))
        return spikes.last { $0.severity > .watch } ?? spikes.last
    }
}

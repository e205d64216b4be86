/// FNV-1a over UTF-8: a hash that is the same in every run (Swift's `hashValue` is seeded per process).
///
/// Used wherever an id must survive a restart: derived post ids, content fingerprints.
public enum StableHash {
    public static func fnv1a(_ text: String) -> UInt64 { FNV1a.hash(text) }

    public static func hex(_ text: String) -> String {
        let s = String(fnv1a(text), radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}

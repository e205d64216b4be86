/// FNV-1a over UTF-8: a hash that is the same in every run (Swift's `hashValue` is seeded per process).
///
/// Used wherever an id must survive a restart: derived post ids, content fingerprints.
public enum StableHash {
    public static func fnv1a(_ text: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in text.utf8 {
            h ^= UInt64(b)
            h = h &* 0x0000_0100_0000_01B3
        }
        return h
    }

    public static func hex(_ text: String) -> String {
        let s = String(fnv1a(text), radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}

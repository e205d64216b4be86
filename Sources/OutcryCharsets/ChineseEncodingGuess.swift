/// Guesses whether bytes that are not UTF-8 are GB2312/GBK or Big5 Chinese, as chardet would
/// for feeds that declare nothing or the wrong thing (older Chinese sites do both).
///
/// Two questions per double-byte pair. Is it where the encoding keeps its common characters —
/// GB2312's level-1 hanzi (leads B0–D7, trails A1–FE), Big5's frequent characters (leads
/// A4–C6)? Most pairs of real text are, in its own encoding; Latin accents and Thai are not.
/// And can only one of the two have written it — a GBK lead below A1 or a GB2312 level-1 lead past
/// C6 (GB), a trail below 7F or a lead in A4–AF, which GB2312 gives to kana, Greek and nothing
/// (Big5)? The common ranges overlap (leads B0–C6), so the second question decides. The caller
/// still decodes strictly: a guess that does not decode costs nothing.
enum ChineseEncodingGuess {
    /// `GB2312` or `Big5` (chardet's names, which feedparser reports), or nil.
    static func guess(_ bytes: [UInt8]) -> String? {
        var pairs = 0, gbCommon = 0, big5Common = 0, gbOnly = 0, big5Only = 0
        var i = 0
        while i + 1 < bytes.count {
            let lead = bytes[i]
            guard lead >= 0x81 else { i += 1; continue }
            let trail = bytes[i + 1]
            pairs += 1
            let highTrail = (0xA1...0xFE).contains(trail)
            if (0xB0...0xD7).contains(lead), highTrail { gbCommon += 1 }
            if (0xA4...0xC6).contains(lead), highTrail || (0x40...0x7E).contains(trail) { big5Common += 1 }
            if lead <= 0xA0 || ((0xC7...0xD7).contains(lead) && highTrail) {
                gbOnly += 1
            } else if (0x40...0x7E).contains(trail) || ((0xA4...0xAF).contains(lead) && highTrail) {
                big5Only += 1
            }
            i += 2
        }
        guard pairs >= 4 else { return nil }
        if Double(gbCommon) >= 0.6 * Double(pairs), gbOnly > 2 * big5Only { return "GB2312" }
        if Double(big5Common) >= 0.6 * Double(pairs), big5Only > 2 * gbOnly { return "Big5" }
        return nil
    }
}

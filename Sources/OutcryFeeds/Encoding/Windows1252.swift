import OutcryCore

/// The characters windows-1252 puts at 0x80–0x9F, where ISO-8859-1 and Unicode have C1 controls.
///
/// Feeds written by Windows tools carry them as `&#146;` references, or as U+0092 once someone
/// decoded windows-1252 text as ISO-8859-1; feedparser maps both to what was meant (’), and so do
/// we (the sanitizer's character references, ``FeedEncoding`` for decoded text).
enum Windows1252 {
    static let extensions: [Int: UInt32] = [
        128: 0x20AC, 130: 0x201A, 131: 0x0192, 132: 0x201E, 133: 0x2026, 134: 0x2020, 135: 0x2021, 136: 0x02C6,
        137: 0x2030, 138: 0x0160, 139: 0x2039, 140: 0x0152, 142: 0x017D, 145: 0x2018, 146: 0x2019, 147: 0x201C,
        148: 0x201D, 149: 0x2022, 150: 0x2013, 151: 0x2014, 152: 0x02DC, 153: 0x2122, 154: 0x0161, 155: 0x203A,
        156: 0x0153, 158: 0x017E, 159: 0x0178,
    ]

    /// `utf8` with each C1 control that windows-1252 defines replaced by its character, or the
    /// same bytes when there is none (the usual case: no copy).
    static func demoronize(_ utf8: [UInt8]) -> [UInt8] {
        var splicer = ByteSplicer(utf8)
        var i = 0
        while let k = utf8[i...].firstIndex(of: 0xC2) {
            i = k + 1
            guard k + 1 < utf8.count, (0x80...0x9F).contains(utf8[k + 1]),
                  let mapped = extensions[Int(utf8[k + 1])].flatMap(Unicode.Scalar.init) else { continue }
            splicer.replace(k..<(k + 2), with: String(Character(mapped)).utf8)
            i = k + 2
        }
        return splicer.result()
    }
}

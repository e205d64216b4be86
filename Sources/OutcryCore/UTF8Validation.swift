/// Strict UTF-8 validation (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF)
/// without building a String: deciding that a multi-megabyte feed is already UTF-8 should not
/// cost a copy of it. ASCII runs are skipped eight bytes at a time.
public enum UTF8Validation {
    public static func isValid(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { raw in
            let p = raw.bindMemory(to: UInt8.self)
            let n = p.count
            var i = 0
            while i < n {
                if i + 8 <= n, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                    i += 8
                    continue
                }
                let lead = p[i]
                if lead < 0x80 { i += 1; continue }
                // The allowed range of the second byte depends on the lead (Table 3-7 of the Unicode standard).
                let length: Int
                var low: UInt8 = 0x80, high: UInt8 = 0xBF
                switch lead {
                case 0xC2...0xDF: length = 2
                case 0xE0: length = 3; low = 0xA0
                case 0xE1...0xEC, 0xEE...0xEF: length = 3
                case 0xED: length = 3; high = 0x9F
                case 0xF0: length = 4; low = 0x90
                case 0xF1...0xF3: length = 4
                case 0xF4: length = 4; high = 0x8F
                default: return false
                }
                guard i + length <= n, p[i + 1] >= low, p[i + 1] <= high else { return false }
                for k in 2..<length where p[i + k] & 0xC0 != 0x80 { return false }
                i += length
            }
            return true
        }
    }
}

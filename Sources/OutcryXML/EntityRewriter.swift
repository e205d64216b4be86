/// Rewrites undeclared HTML named entities (`&eacute;`) to numeric references (`&#233;`) before
/// libxml2 sees the document: RSS in the wild uses them freely, and libxml2 would drop them.
///
/// Byte-level and encoding-safe for ASCII-compatible encodings; CDATA sections, comments and the
/// five XML entities are left alone, and so are names the document declares itself.
enum EntityRewriter {
    static let xmlNames: Set<String> = ["amp", "lt", "gt", "quot", "apos"]

    static func rewrite(_ bytes: [UInt8]) -> [UInt8] {
        // UTF-16/32 (BOM or NUL bytes early) are not ASCII-compatible: leave them to libxml2.
        if bytes.count >= 2, (bytes[0] == 0xFE && bytes[1] == 0xFF) || (bytes[0] == 0xFF && bytes[1] == 0xFE) { return bytes }
        if bytes.prefix(64).contains(0) { return bytes }
        guard bytes.contains(0x26) else { return bytes }
        let declared = declaredEntities(bytes)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 64)
        var i = 0
        let n = bytes.count
        func starts(_ s: StaticString, at j: Int) -> Bool {
            let count = s.utf8CodeUnitCount
            guard j + count <= n else { return false }
            let p = s.utf8Start
            for k in 0..<count where bytes[j + k] != p[k] { return false }
            return true
        }
        while i < n {
            let b = bytes[i]
            if b == 0x3C, starts("<![CDATA[", at: i) || starts("<!--", at: i) {
                let closer: [UInt8] = starts("<!--", at: i) ? [0x2D, 0x2D, 0x3E] : [0x5D, 0x5D, 0x3E]
                var j = i + 4
                while j + 3 <= n, !(bytes[j] == closer[0] && bytes[j + 1] == closer[1] && bytes[j + 2] == closer[2]) { j += 1 }
                let end = min(n, j + closer.count)
                out.append(contentsOf: bytes[i..<end])
                i = end
                continue
            }
            if b == 0x26 {
                if i + 1 < n, bytes[i + 1] == 0x23 {   // numeric reference: libxml2 handles it
                    out.append(b)
                    i += 1
                    continue
                }
                var j = i + 1
                while j < n, j - i <= 32, isNameByte(bytes[j]) || bytes[j] == 0x5F || bytes[j] == 0x2D || bytes[j] == 0x2E { j += 1 }
                let name = String(decoding: bytes[(i + 1)..<j], as: UTF8.self)
                if j < n, bytes[j] == 0x3B, j > i + 1, xmlNames.contains(name) || declared.contains(name) {
                    out.append(b)
                    i += 1
                    continue
                }
                if j < n, bytes[j] == 0x3B, let cp = HTMLEntities.codePoints[name] {
                    out.append(contentsOf: Array("&#\(cp);".utf8))
                    i = j + 1
                    continue
                }
                // A bare ampersand or an unknown entity: keep it as text (libxml2 would drop what follows).
                out.append(contentsOf: Array("&amp;".utf8))
                i += 1
                continue
            }
            out.append(b)
            i += 1
        }
        return out
    }

    static func isNameByte(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39)
    }

    /// Names declared with `<!ENTITY name …>` in the document's own internal subset.
    static func declaredEntities(_ bytes: [UInt8]) -> Set<String> {
        var names = Set<String>()
        let marker = Array("<!ENTITY".utf8)
        var i = 0
        let limit = min(bytes.count, 1 << 16)
        while i + marker.count < limit {
            if bytes[i] == 0x3C, Array(bytes[i..<(i + marker.count)]) == marker {
                var j = i + marker.count
                while j < limit, bytes[j] == 0x20 || bytes[j] == 0x09 || bytes[j] == 0x0A || bytes[j] == 0x25 { j += 1 }
                var k = j
                while k < limit, isNameByte(bytes[k]) || bytes[k] == 0x5F || bytes[k] == 0x2D { k += 1 }
                if k > j { names.insert(String(decoding: bytes[j..<k], as: UTF8.self)) }
                i = k
            } else {
                i += 1
            }
        }
        return names
    }
}

/// Rewrites undeclared HTML named entities (`&eacute;`) to numeric references (`&#233;`) before
/// libxml2 sees the document: RSS in the wild uses them freely, and libxml2 would drop them.
///
/// Byte-level and encoding-safe for ASCII-compatible encodings; CDATA sections, comments and the
/// five XML entities are left alone, and so are names the document declares itself.
enum EntityRewriter {
    static func rewrite(_ bytes: [UInt8]) -> [UInt8] {
        // UTF-16/32 (BOM or NUL bytes early) are not ASCII-compatible: leave them to libxml2.
        if bytes.count >= 2, (bytes[0] == 0xFE && bytes[1] == 0xFF) || (bytes[0] == 0xFF && bytes[1] == 0xFE) { return bytes }
        if bytes.prefix(64).contains(0) { return bytes }
        guard bytes.contains(0x26) else { return bytes }
        let declared = declaredEntities(bytes)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 64)
        bytes.withUnsafeBufferPointer { p in
            let n = p.count
            func starts(_ s: StaticString, at j: Int) -> Bool {
                let count = s.utf8CodeUnitCount
                guard j + count <= n else { return false }
                let q = s.utf8Start
                for k in 0..<count where p[j + k] != q[k] { return false }
                return true
            }
            var run = 0   // start of the bytes not yet copied to `out`
            var i = 0
            func replace(upTo end: Int, with text: String, resumeAt next: Int) {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: p[run..<end]))
                out.append(contentsOf: text.utf8)
                run = next
                i = next
            }
            while i < n {
                let b = p[i]
                if b != 0x26 && b != 0x3C { i += 1; continue }
                if b == 0x3C {
                    let comment = starts("<!--", at: i)
                    guard comment || starts("<![CDATA[", at: i) else { i += 1; continue }
                    let closer: (UInt8, UInt8, UInt8) = comment ? (0x2D, 0x2D, 0x3E) : (0x5D, 0x5D, 0x3E)
                    var j = i + 4
                    while j + 3 <= n, !(p[j] == closer.0 && p[j + 1] == closer.1 && p[j + 2] == closer.2) { j += 1 }
                    i = min(n, j + 3)   // copied as it is
                    continue
                }
                if i + 1 < n, p[i + 1] == 0x23 { i += 1; continue }   // numeric reference: libxml2 handles it
                var j = i + 1
                while j < n, j - i <= 32, isNameByte(p[j]) || p[j] == 0x5F || p[j] == 0x2D || p[j] == 0x2E { j += 1 }
                let terminated = j < n && p[j] == 0x3B && j > i + 1
                if terminated, isXMLName(UnsafeBufferPointer(rebasing: p[(i + 1)..<j])) { i = j + 1; continue }
                let name = String(decoding: UnsafeBufferPointer(rebasing: p[(i + 1)..<j]), as: UTF8.self)
                if terminated, declared.contains(name) { i = j + 1; continue }
                if terminated, let cp = HTMLEntities.codePoints[name] {
                    replace(upTo: i, with: "&#\(cp);", resumeAt: j + 1)
                    continue
                }
                // A bare ampersand or an unknown entity: keep it as text (libxml2 would drop what follows).
                replace(upTo: i, with: "&amp;", resumeAt: i + 1)
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: p[run..<n]))
        }
        return out
    }

    /// `amp`, `lt`, `gt`, `quot` or `apos`, compared as bytes (the hot case in escaped HTML).
    static func isXMLName(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
        switch name.count {
        case 2: return (name[0] == 0x6C || name[0] == 0x67) && name[1] == 0x74
        case 3: return name[0] == 0x61 && name[1] == 0x6D && name[2] == 0x70
        case 4: return name.elementsEqual("quot".utf8) || name.elementsEqual("apos".utf8)
        default: return false
        }
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

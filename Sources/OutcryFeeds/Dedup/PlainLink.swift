/// A link simple enough to canonicalize byte by byte: `http(s)://host[:port][/path][?query][#fragment]`
/// with a host of letters, digits, `.` and `-`, a path of letters, digits and `/._~-`, and a query
/// of non-empty `name=value` pairs over letters, digits and `._-`. Anything else is `nil`, and
/// ``PostDeduplicator/canonicalLink(_:)`` falls back to `URLComponents`.
struct PlainLink {
    let host: String
    let port: Int?
    let path: String
    let parameters: [(name: String, value: String)]

    init?(_ raw: String) {
        var bytes = Array(raw.utf8)
        // The same white space `trimmedWhitespace` strips, for ASCII; anything else is not plain.
        while let f = bytes.first, f == 0x20 || (0x09...0x0D).contains(f) { bytes.removeFirst() }
        while let l = bytes.last, l == 0x20 || (0x09...0x0D).contains(l) { bytes.removeLast() }
        let lower = bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
        var i: Int
        if lower.starts(with: Array("https://".utf8)) { i = 8 } else if lower.starts(with: Array("http://".utf8)) { i = 7 } else { return nil }
        let n = bytes.count
        func isAlnum(_ b: UInt8) -> Bool { (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) }
        func isPathByte(_ b: UInt8) -> Bool { isAlnum(b) || b == 0x2F || b == 0x2E || b == 0x5F || b == 0x7E || b == 0x2D }  // / . _ ~ -
        func isWordByte(_ b: UInt8) -> Bool { isAlnum(b) || b == 0x5F || b == 0x2E || b == 0x2D }  // _ . -
        // Host.
        let hostStart = i
        while i < n, isAlnum(bytes[i]) || bytes[i] == UInt8(ascii: ".") || bytes[i] == UInt8(ascii: "-") { i += 1 }
        guard i > hostStart else { return nil }
        var host = String(decoding: lower[hostStart..<i], as: UTF8.self)
        if host.hasPrefix("www.") { host.removeFirst(4) }
        guard !host.isEmpty, !host.hasPrefix("."), !host.hasSuffix("."), !host.contains("..") else { return nil }
        self.host = host
        // Port: digits without a leading zero.
        var port: Int?
        if i < n, bytes[i] == UInt8(ascii: ":") {
            i += 1
            let start = i
            while i < n, bytes[i] >= 0x30, bytes[i] <= 0x39 { i += 1 }
            guard i > start, i - start <= 5, bytes[start] != 0x30,
                  let p = Int(String(decoding: bytes[start..<i], as: UTF8.self)), p <= 65_535 else { return nil }
            port = p == 80 || p == 443 ? nil : p
        }
        self.port = port
        // Path.
        let pathStart = i
        while i < n, isPathByte(bytes[i]) { i += 1 }
        guard pathStart == i || bytes[pathStart] == UInt8(ascii: "/") else { return nil }
        var path = String(decoding: bytes[pathStart..<i], as: UTF8.self)
        if path.utf8.count > 1, path.hasSuffix("/") { path.removeLast() }
        self.path = path
        // Query: non-empty name=value pairs.
        var parameters: [(name: String, value: String)] = []
        if i < n, bytes[i] == UInt8(ascii: "?") {
            i += 1
            while true {
                let nameStart = i
                while i < n, isWordByte(bytes[i]) { i += 1 }
                guard i > nameStart, i < n, bytes[i] == UInt8(ascii: "=") else { return nil }
                let name = String(decoding: bytes[nameStart..<i], as: UTF8.self)
                i += 1
                let valueStart = i
                while i < n, isWordByte(bytes[i]) { i += 1 }
                parameters.append((name, String(decoding: bytes[valueStart..<i], as: UTF8.self)))
                guard i < n, bytes[i] == UInt8(ascii: "&") else { break }
                i += 1
            }
        }
        self.parameters = parameters
        // A fragment is dropped whatever it holds, if it is plain too.
        if i < n, bytes[i] == UInt8(ascii: "#") {
            i += 1
            while i < n, isPathByte(bytes[i]) { i += 1 }
        }
        guard i == n else { return nil }
    }

    var canonical: String {
        var s = "https://" + host
        if let port { s += ":\(port)" }
        s += path
        let kept = parameters
            .filter { !PostDeduplicator.isTracking($0.name) }
            .sorted { ($0.name, $0.value) < ($1.name, $1.value) }
        if !kept.isEmpty { s += "?" + kept.map { $0.name + "=" + $0.value }.joined(separator: "&") }
        if s.hasSuffix("/") { s.removeLast() }
        return s
    }
}

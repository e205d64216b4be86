/// A decoded JSON value. Numbers keep their text, so ids beyond 2^53 (tweets, Reddit) survive
/// exactly and integers are never confused with booleans, as they are through `NSNumber`.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// Parses one JSON document (RFC 8259), with nesting bounded so hostile input cannot exhaust
    /// the stack. Returns nil when the bytes are not exactly one JSON value. A leading UTF-8
    /// byte-order mark is passed over, as RFC 8259 §8.1 allows: Windows tools (PowerShell's
    /// `Out-File`, Notepad) write one before a file's first line.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> JSONValue? {
        let hasMark = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
        var reader = JSONByteReader(hasMark ? UnsafeBufferPointer(rebasing: bytes[3...]) : bytes)
        guard let value = reader.value(depth: 0) else { return nil }
        reader.skipSpace()
        return reader.atEnd ? value : nil
    }

    public static func parse(_ bytes: [UInt8]) -> JSONValue? {
        bytes.withUnsafeBufferPointer { parse($0) }
    }
}

/// A JSON object's members in document order. Records have a handful of keys, for which a
/// linear search beats hashing every key of every line; a repeated key resolves to its last
/// value, as in most parsers.
public struct JSONObject: Sendable, Hashable {
    public var members: [(key: String, value: JSONValue)] = []

    public init(_ members: [(key: String, value: JSONValue)] = []) { self.members = members }

    public subscript(key: String) -> JSONValue? {
        // Names of another UTF-8 length are passed over without String's comparison, which checks
        // canonical equivalence whenever two names differ (most of a lookup's comparisons). JSON
        // compares names by their code points, so a name of another length is another name.
        let length = key.utf8.count
        for m in members.reversed() where m.key.utf8.count == length && m.key == key { return m.value }
        return nil
    }

    public static func == (a: JSONObject, b: JSONObject) -> Bool {
        a.members.count == b.members.count && zip(a.members, b.members).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }

    public func hash(into h: inout Hasher) {
        for m in members { h.combine(m.key); h.combine(m.value) }
    }
}

/// The byte-level reader behind ``JSONValue/parse(_:)``.
struct JSONByteReader {
    private let u: UnsafeBufferPointer<UInt8>
    private var i = 0
    static let maxDepth = 256

    init(_ u: UnsafeBufferPointer<UInt8>) { self.u = u }

    var atEnd: Bool { i >= u.count }

    mutating func skipSpace() {
        while i < u.count, u[i] == 0x20 || u[i] == 0x0A || u[i] == 0x0D || u[i] == 0x09 { i += 1 }
    }

    mutating func value(depth: Int) -> JSONValue? {
        skipSpace()
        guard i < u.count, depth < Self.maxDepth else { return nil }
        switch u[i] {
        case UInt8(ascii: "{"): return object(depth: depth)
        case UInt8(ascii: "["): return array(depth: depth)
        case UInt8(ascii: "\""): return string().map(JSONValue.string)
        case UInt8(ascii: "t"): return literal("true") ? .bool(true) : nil
        case UInt8(ascii: "f"): return literal("false") ? .bool(false) : nil
        case UInt8(ascii: "n"): return literal("null") ? .null : nil
        default: return number()
        }
    }

    private mutating func literal(_ word: StaticString) -> Bool {
        let n = word.utf8CodeUnitCount
        guard i + n <= u.count else { return false }
        for k in 0..<n where u[i + k] != word.utf8Start[k] { return false }
        i += n
        return true
    }

    private mutating func object(depth: Int) -> JSONValue? {
        i += 1
        var out = JSONObject()
        skipSpace()
        if i < u.count, u[i] == UInt8(ascii: "}") { i += 1; return .object(out) }
        out.members.reserveCapacity(8)  // a record's handful of keys, without regrowing
        while true {
            skipSpace()
            guard i < u.count, u[i] == UInt8(ascii: "\""), let key = string() else { return nil }
            skipSpace()
            guard i < u.count, u[i] == UInt8(ascii: ":") else { return nil }
            i += 1
            guard let v = value(depth: depth + 1) else { return nil }
            out.members.append((key, v))
            skipSpace()
            guard i < u.count else { return nil }
            if u[i] == UInt8(ascii: ",") { i += 1; continue }
            if u[i] == UInt8(ascii: "}") { i += 1; return .object(out) }
            return nil
        }
    }

    private mutating func array(depth: Int) -> JSONValue? {
        i += 1
        var out: [JSONValue] = []
        skipSpace()
        if i < u.count, u[i] == UInt8(ascii: "]") { i += 1; return .array(out) }
        while true {
            guard let v = value(depth: depth + 1) else { return nil }
            out.append(v)
            skipSpace()
            guard i < u.count else { return nil }
            if u[i] == UInt8(ascii: ",") { i += 1; continue }
            if u[i] == UInt8(ascii: "]") { i += 1; return .array(out) }
            return nil
        }
    }

    /// A string at `i` (which holds the opening quote). Escapes are decoded; lone surrogates and
    /// invalid UTF-8 become U+FFFD (the rest of the record survives); raw control characters make
    /// the document invalid.
    private mutating func string() -> String? {
        i += 1
        let start = i
        // Fast path: no escapes.
        while i < u.count, u[i] != UInt8(ascii: "\""), u[i] != UInt8(ascii: "\\"), u[i] >= 0x20 { i += 1 }
        guard i < u.count else { return nil }
        if u[i] == UInt8(ascii: "\"") {
            let s = String(decoding: UnsafeBufferPointer(rebasing: u[start..<i]), as: UTF8.self)
            i += 1
            return s
        }
        var bytes = Array(u[start..<i])
        while i < u.count {
            let b = u[i]
            if b == UInt8(ascii: "\"") {
                i += 1
                return String(decoding: bytes, as: UTF8.self)
            }
            if b < 0x20 { return nil }
            if b != UInt8(ascii: "\\") { bytes.append(b); i += 1; continue }
            guard i + 1 < u.count else { return nil }
            let e = u[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): bytes.append(e)
            case UInt8(ascii: "b"): bytes.append(0x08)
            case UInt8(ascii: "f"): bytes.append(0x0C)
            case UInt8(ascii: "n"): bytes.append(0x0A)
            case UInt8(ascii: "r"): bytes.append(0x0D)
            case UInt8(ascii: "t"): bytes.append(0x09)
            case UInt8(ascii: "u"):
                guard var v = hex4() else { return nil }
                if (0xD800..<0xDC00).contains(v), i + 1 < u.count, u[i] == UInt8(ascii: "\\"), u[i + 1] == UInt8(ascii: "u") {
                    let save = i
                    i += 2
                    if let low = hex4(), (0xDC00..<0xE000).contains(low) {
                        v = 0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00)
                    } else {
                        i = save
                    }
                }
                let scalar = Unicode.Scalar(v) ?? "\u{FFFD}"
                bytes.append(contentsOf: String(scalar).utf8)
            default: return nil
            }
        }
        return nil
    }

    private mutating func hex4() -> UInt32? {
        guard i + 4 <= u.count else { return nil }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = u[i]
            let d: UInt8
            switch c {
            case 0x30...0x39: d = c - 0x30
            case 0x41...0x46: d = c - 0x37
            case 0x61...0x66: d = c - 0x57
            default: return nil
            }
            v = v << 4 | UInt32(d)
            i += 1
        }
        return v
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`, kept as text.
    private mutating func number() -> JSONValue? {
        let start = i
        func digits() -> Int {
            let s = i
            while i < u.count, u[i] >= 0x30, u[i] <= 0x39 { i += 1 }
            return i - s
        }
        if i < u.count, u[i] == UInt8(ascii: "-") { i += 1 }
        guard i < u.count else { return nil }
        if u[i] == UInt8(ascii: "0") { i += 1 } else if digits() == 0 { return nil }
        if i < u.count, u[i] == UInt8(ascii: ".") {
            i += 1
            guard digits() > 0 else { return nil }
        }
        if i < u.count, u[i] == UInt8(ascii: "e") || u[i] == UInt8(ascii: "E") {
            i += 1
            if i < u.count, u[i] == UInt8(ascii: "+") || u[i] == UInt8(ascii: "-") { i += 1 }
            guard digits() > 0 else { return nil }
        }
        return .number(String(decoding: UnsafeBufferPointer(rebasing: u[start..<i]), as: UTF8.self))
    }
}

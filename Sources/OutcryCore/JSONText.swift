#if canImport(Glibc)
import Glibc
#endif

/// A small JSON writer for Outcry's outputs: keys sorted by their UTF-8 bytes, no slash escaping,
/// valid for any Unicode. Foundation's `JSONSerialization` with sorted keys spent half of
/// `feed parse` comparing keys as NSStrings; this writes the same JSON in a fraction of the time.
public enum JSONText {
    public static func encode(_ value: Any?) -> String {
        String(decoding: utf8(value), as: UTF8.self)
    }

    /// The JSON as UTF-8 bytes, for writing out without another copy.
    public static func utf8(_ value: Any?) -> [UInt8] {
        var w = JSONWriter()
        write(value, into: &w)
        return w.bytes
    }

    static func write(_ value: Any?, into w: inout JSONWriter) {
        switch value {
        case nil:
            w.null()
        case let s as String:
            w.string(s)
        case let b as Bool:
            w.bool(b)
        case let i as Int:
            w.int(i)
        case let d as Double:
            w.double(d)
        case let o as [String: Any]:
            w.beginObject()
            for key in o.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
                w.key(key)
                write(o[key], into: &w)
            }
            w.endObject()
        case let a as [Any]:
            w.beginArray()
            for v in a { write(v, into: &w) }
            w.endArray()
        case let a as [String]:
            write(a as [Any], into: &w)
        default:
            w.string(String(describing: value!))
        }
    }
}

extension String {
    /// Whether the UTF-8 form contains `byte`: a memchr over the string's storage, where
    /// `utf8.contains` steps an iterator byte by byte.
    public func containsByte(_ byte: UInt8) -> Bool {
        if let found = utf8.withContiguousStorageIfAvailable({ $0.isEmpty ? false : memchr($0.baseAddress!, Int32(byte), $0.count) != nil }) {
            return found
        }
        return utf8.contains(byte)
    }

    /// The string without leading and trailing white space (Unicode), without Foundation.
    /// Most strings have none: an ASCII non-space byte at both ends answers without a scan or a copy.
    public var trimmedWhitespace: String {
        if let first = utf8.first, let last = utf8.last, first < 0x80, last < 0x80,
           !Unicode.Scalar(first).isWhiteSpace, !Unicode.Scalar(last).isWhiteSpace {
            return self
        }
        return self[...].trimmedWhitespace
    }
}

extension StringProtocol {
    /// The string without leading and trailing white space (Unicode), without Foundation.
    public var trimmedWhitespace: String {
        let u = unicodeScalars
        guard let start = u.firstIndex(where: { !$0.isWhiteSpace }) else { return "" }
        let end = u.index(after: u.lastIndex(where: { !$0.isWhiteSpace })!)
        if start == u.startIndex, end == u.endIndex, let whole = self as? String { return whole }
        return String(decoding: utf8[start..<end], as: UTF8.self)
    }
}

extension Unicode.Scalar {
    /// Unicode White_Space, with the ASCII answer computed inline (the property lookup is
    /// a table walk, and feed text is mostly ASCII structure around the white space).
    @inlinable public var isWhiteSpace: Bool {
        value < 0x80 ? (value == 0x20 || (value >= 0x09 && value <= 0x0D)) : properties.isWhitespace
    }
}

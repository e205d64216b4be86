#if canImport(Glibc)
import Glibc
#endif

// String questions answered on UTF-8 bytes, without Foundation: feed parsing asks them of every
// field of every item.

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

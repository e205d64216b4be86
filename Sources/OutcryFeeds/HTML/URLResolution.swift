import Foundation
import OutcryCore

/// Relative URI resolution as feeds need it: `xml:base`, the document's URI, and feedparser's
/// rule that a URI with a scheme outside the allow-list resolves to nothing.
enum URLResolution {
    /// `rel` resolved against `base` (RFC 3986), or `rel` unchanged when either is unusable.
    static func join(_ base: String?, _ rel: String) -> String {
        guard let base, !base.isEmpty else { return rel }
        if isPlainAbsolute(rel) { return rel }
        // Collapse extra slashes after "scheme://" as feedparser does ("http:////x" → "http://x").
        var rel = rel
        if let r = rel.range(of: "^([A-Za-z][A-Za-z0-9+.-]*://)/+", options: .regularExpression) {
            let scheme = rel[r].prefix { $0 != "/" } + "//"
            rel = String(scheme) + rel[r.upperBound...]
        }
        guard let baseURL = URL(string: base) ?? URL(string: base.addingPercentEncoding(withAllowedCharacters: .urlFragmentAllowed) ?? "") else { return rel }
        if rel.isEmpty { return base }
        guard let url = URL(string: rel, relativeTo: baseURL) else { return rel }
        return url.absoluteString
    }

    /// An `http`/`https` URI that resolves to itself: RFC 3986 characters only, an authority
    /// right after `//`. Most links in feeds are these; they skip Foundation's URL parser.
    static func isPlainAbsolute(_ s: String) -> Bool {
        var u = s.utf8[...]
        if u.starts(with: "https://".utf8) { u = u.dropFirst(8) } else if u.starts(with: "http://".utf8) { u = u.dropFirst(7) } else { return false }
        guard let first = u.first, first != UInt8(ascii: "/") else { return false }
        return u.allSatisfy { uriSafe[Int($0)] }
    }

    static let uriSafe: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for b in "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-._~:/?#@!$&'()*+,;=".utf8 { table[Int(b)] = true }
        return table
    }()

    /// feedparser's `make_safe_absolute_uri`: resolves, then drops URIs with unsafe schemes.
    static func safeAbsolute(base: String?, _ rel: String?) -> String {
        guard let base, !base.isEmpty else { return rel ?? "" }
        guard let rel, !rel.isEmpty else {
            guard let scheme = scheme(of: base) else { return base }
            return SanitizerLists.acceptableURISchemes.contains(scheme) ? base : ""
        }
        let uri = join(base, rel)
        let first = uri.trimmedWhitespace.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        return SanitizerLists.acceptableURISchemes.contains(first) ? uri : ""
    }

    /// The scheme, lower-cased, if the string starts with a syntactically valid one (an ASCII
    /// letter, then letters, digits, `+`, `-` or `.`, up to the first colon).
    static func scheme(of s: String) -> String? {
        let t = s.trimmedWhitespace.utf8
        guard let colon = t.firstIndex(of: 0x3A) else { return nil }
        let sc = t[..<colon]
        func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
        guard let f = sc.first, isLetter(f),
              sc.allSatisfy({ isLetter($0) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2B || $0 == 0x2D || $0 == 0x2E })
        else { return nil }
        return String(decoding: sc, as: UTF8.self).lowercased()
    }
}

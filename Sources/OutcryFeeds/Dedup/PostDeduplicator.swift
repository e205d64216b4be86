import Foundation
import OutcryCore

/// Recognizes a post already seen, across sources and re-fetches: by id, by canonical link
/// (tracking parameters stripped), and by the same author saying the same thing (content hash),
/// which catches one Weibo post arriving through RSSHub and through an archive.
///
/// Different authors posting the same text (reposts) are *not* duplicates: they are the surge.
/// Memory is bounded: ids and links are forgotten one to one and a half `horizon`s of post time
/// after they were seen, author + text after one to two days.
public struct PostDeduplicator: Sendable {
    public let horizon: TimeInterval
    /// The same author saying the same thing counts as one post only within this interval:
    /// an account repeating its notice days later has posted again.
    public let contentWindow: TimeInterval = 3600
    /// Keys are 64-bit FNV-1a hashes of their kind and text (no string kept per post); a chance
    /// collision among a week's posts is about one in ten million at a million posts.
    /// Ids and links are remembered for one to one and a half horizons …
    private var links: KeyGenerations<Void>
    /// … author + text only for a day (with the post's time, for the one-hour comparison), long
    /// enough for a copy that arrives late through a slower source.
    private var contents = KeyGenerations<Date>(span: 86_400, kept: 1)

    public init(horizon: TimeInterval = 7 * 86_400) {
        self.horizon = horizon
        links = KeyGenerations(span: horizon / 2, kept: 2)
    }

    private enum Kind: UInt8 { case id = 1, url, content }

    /// True the first time a post is offered; false for a duplicate.
    public mutating func isNew(_ post: Post) -> Bool {
        links.advance(to: post.createdAt)
        contents.advance(to: post.createdAt)
        let keys = Self.keys(for: post)
        let duplicate = keys.contains { key in
            if key.kind != .content { return links.contains(key.hash) }
            guard let at = contents.value(for: key.hash) else { return false }
            return abs(at.timeIntervalSince(post.createdAt)) <= contentWindow
        }
        if duplicate { return false }
        for k in keys {
            if k.kind == .content { contents.insert(k.hash, post.createdAt) } else { links.insert(k.hash, ()) }
        }
        return true
    }

    private static func keys(for post: Post) -> [(kind: Kind, hash: UInt64)] {
        var keys = [(Kind.id, hash(.id, post.id))]
        if let url = post.url, let canonical = canonicalLink(url) { keys.append((.url, hash(.url, canonical))) }
        if let content = contentHash(author: post.author, text: post.text) { keys.append((.content, content)) }
        return keys
    }

    private static func hash(_ kind: Kind, _ text: String) -> UInt64 {
        var h = FNV1a()
        h.add(kind.rawValue)
        for b in text.utf8 { h.add(b) }
        return h.value
    }

    /// The author (lower-cased) and what they said, white space and punctuation ignored, case
    /// folded; nil for texts under 8 such characters, too short to call a repetition.
    public static func contentHash(author: String, text: String) -> UInt64? {
        var h = FNV1a()
        h.add(Kind.content.rawValue)
        if author.utf8.allSatisfy({ $0 < 0x80 }) {
            for b in author.utf8 { h.add(b >= 0x41 && b <= 0x5A ? b + 0x20 : b) }
        } else {
            for b in author.lowercased().utf8 { h.add(b) }
        }
        h.add(0)
        var kept = 0
        // ASCII, CJK ideographs and the punctuation and full-width forms around them (most of
        // what is posted) without a Unicode property lookup; the same result as the general rule
        // (``folded(_:)``), which a test holds them to.
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v < 0x80 {
                let b = UInt8(v)
                if Self.asciiIgnored[Int(b)] { continue }
                kept += 1
                h.add(b >= 0x41 && b <= 0x5A ? b + 0x20 : b)
            } else if v >= 0x4E00 && v <= 0x9FFF {
                // Letters without case: their own UTF-8 bytes.
                kept += 1
                h.add(UInt8(0xE0 | (v >> 12)))
                h.add(UInt8(0x80 | ((v >> 6) & 0x3F)))
                h.add(UInt8(0x80 | (v & 0x3F)))
            } else if let slot = Self.wideFormSlot(v), Self.wideForms[slot] != Self.unlisted {
                // A Chinese post's commas, full stops and brackets: from a table of the rule.
                let mapped = Self.wideForms[slot]
                if mapped == Self.ignored { continue }
                kept += 1
                for b in UTF8.encode(Unicode.Scalar(mapped)!)! { h.add(b) }
            } else {
                guard let lower = folded(scalar) else { continue }
                kept += 1
                for b in lower.utf8 { h.add(b) }
            }
        }
        return kept >= 8 ? h.value : nil
    }

    /// The rule for one character: nil for white space and punctuation (ignored), else its
    /// lower case.
    static func folded(_ scalar: Unicode.Scalar) -> String? {
        let p = scalar.properties
        return p.isWhitespace || p.isPunctuation ? nil : p.lowercaseMapping
    }

    /// CJK Symbols and Punctuation (U+3000–U+303F) and Halfwidth and Fullwidth Forms
    /// (U+FF00–U+FFEF), folded by ``folded(_:)`` once: ``ignored``, the single scalar a
    /// character folds to, or ``unlisted`` (the rule is asked each time).
    private static let wideForms: [UInt32] = [0x3000...0x303F, 0xFF00...0xFFEF].flatMap { $0 }.map { (v: UInt32) in
        guard let scalar = Unicode.Scalar(v) else { return unlisted }
        guard let lower = folded(scalar) else { return ignored }
        let scalars = Array(lower.unicodeScalars)
        return scalars.count == 1 ? scalars[0].value : unlisted
    }
    private static let ignored: UInt32 = 0
    private static let unlisted = UInt32.max

    private static func wideFormSlot(_ v: UInt32) -> Int? {
        if v >= 0x3000 && v <= 0x303F { return Int(v - 0x3000) }
        if v >= 0xFF00 && v <= 0xFFEF { return 0x40 + Int(v - 0xFF00) }
        return nil
    }

    /// ASCII white space and punctuation, by the rule.
    private static let asciiIgnored: [Bool] = (0..<128).map { folded(Unicode.Scalar(UInt8($0))) == nil }

    /// Query parameters that identify a campaign or a click, not the content.
    static let trackingParameters: Set<String> = [
        "utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content", "utm_id", "fbclid", "gclid", "dclid",
        "mc_cid", "mc_eid", "spm", "from", "isappinstalled", "share_token", "ref", "ref_src", "igshid", "si",
    ]

    /// A query parameter that identifies a campaign or a click (any case; any `utm_…`).
    static func isTracking(_ name: String) -> Bool {
        let lower = name.lowercased()
        return trackingParameters.contains(lower) || lower.hasPrefix("utm_")
    }

    /// Lower-cased scheme and host, no fragment, no default port, tracking parameters removed,
    /// remaining parameters sorted, no trailing slash.
    ///
    /// Plain links (most of what feeds and APIs give: letters, digits and `/._~-` in the path,
    /// simple `name=value` parameters) take a byte-level path, a few times faster than
    /// `URLComponents`; everything else goes through ``canonicalLinkByComponents(_:)``, whose
    /// result the fast path must equal (tested).
    public static func canonicalLink(_ raw: String) -> String? {
        PlainLink(raw)?.canonical ?? canonicalLinkByComponents(raw)
    }

    /// ``canonicalLink(_:)`` by `URLComponents`, for any link.
    public static func canonicalLinkByComponents(_ raw: String) -> String? {
        guard var c = URLComponents(string: raw.trimmedWhitespace),
              let scheme = c.scheme?.lowercased(), scheme == "http" || scheme == "https", let host = c.host else { return nil }
        c.scheme = "https"
        c.host = host.lowercased().hasPrefix("www.") ? String(host.lowercased().dropFirst(4)) : host.lowercased()
        if c.port == 80 || c.port == 443 { c.port = nil }
        c.fragment = nil
        if c.path.count > 1, c.path.hasSuffix("/") { c.path.removeLast() }
        let items = (c.queryItems ?? []).filter { !isTracking($0.name) }
        c.queryItems = items.isEmpty ? nil : items.sorted { ($0.name, $0.value ?? "") < ($1.name, $1.value ?? "") }
        var s = c.string ?? raw
        if s.hasSuffix("/") { s.removeLast() }
        return s
    }
}

import Foundation
import OutcryCore
import OutcryXML

/// Detects a feed's format and parses it into a ``ParsedFeed``: the one entry point for feeds.
public enum FeedParser {
    /// Parses raw bytes. `contentType` is the HTTP header (its charset overrides the prolog).
    ///   - baseURL: the document's own URI (where it was fetched from, or its Content-Location),
    ///     against which relative links and `xml:base` resolve.
    public static func parse(_ data: Data, source: String, contentType: String? = nil, baseURL: String? = nil) throws -> ParsedFeed {
        // A base with an unsafe scheme (a hostile `Content-Location: javascript:…`) would turn
        // every relative link into one of its own: use none instead (feedparser's rule).
        let baseURL = baseURL.flatMap { URLResolution.safeAbsolute(base: $0, nil).isEmpty ? nil : $0 }
        if let json = jsonDocument(data) {
            return try parseJSON(json, data: data, source: source, baseURL: baseURL)
        }
        let decoded = FeedEncoding.decode(data, contentType: contentType)
        let document: XMLDocument
        do {
            // The bytes are UTF-8 now, declared as such or undeclared: libxml2 needs no override (which
            // would cost it a UTF-8 → UTF-8 conversion pass).
            document = try XMLParser.parse(decoded.utf8, documentBase: baseURL,
                                           resolveBase: { parent, declared in URLResolution.join(parent, declared.trimmedWhitespace) })
        } catch {
            throw FeedError(source: source, error.description)
        }
        let root = document.root
        var feed: ParsedFeed
        if let version = RSSParser.version(of: root) {
            feed = ParsedFeed(version: version, encoding: decoded.encoding.isEmpty ? document.encoding : decoded.encoding)
            RSSParser.parse(root, version: version, into: &feed)
        } else if let version = AtomParser.version(of: root) {
            feed = ParsedFeed(version: version, encoding: decoded.encoding.isEmpty ? document.encoding : decoded.encoding)
            AtomParser.parse(root, version: version, into: &feed)
        } else if let version = CDFParser.version(of: root) {
            feed = ParsedFeed(version: version, encoding: decoded.encoding.isEmpty ? document.encoding : decoded.encoding)
            CDFParser.parse(root, into: &feed)
        } else {
            throw FeedError(source: source, "not a feed: root element <\(root.name.prefix(40))>")
        }
        feed.bozo = document.recovered || decoded.problem != nil
        feed.bozoException = decoded.problem ?? document.recoveryMessage
        return feed
    }

    /// The decoded JSON value when the document is JSON (a JSON Feed or a social API response;
    /// JSON Lines of Jetstream events are read as an array).
    static func jsonDocument(_ data: Data) -> JSONValue? {
        let body = data.starts(with: [0xEF, 0xBB, 0xBF]) ? data.dropFirst(3) : data[...]
        guard let first = body.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }), first == 0x7B || first == 0x5B else { return nil }
        let bytes = Array(body)   // copied only once the document is known to be JSON
        if let value = JSONValue.parse(bytes) { return value }
        let lines = bytes.split(separator: 0x0A).compactMap { JSONValue.parse(Array($0)) }
        return lines.isEmpty ? nil : .array(lines)
    }

    static func parseJSON(_ json: JSONValue, data: Data, source: String, baseURL: String?) throws -> ParsedFeed {
        if let o = APIObject(json), let version = JSONFeedParser.version(of: o) {
            var feed = ParsedFeed(version: version, encoding: "utf-8")
            JSONFeedParser.parse(o, version: version, baseURL: baseURL, into: &feed)
            return feed
        }
        if let version = SocialParsers.version(of: json) {
            var feed = ParsedFeed(version: version, encoding: "utf-8")
            SocialParsers.parse(json, version: version, into: &feed)
            return feed
        }
        throw FeedError(source: source, "JSON document is neither a JSON Feed nor a known public-post API response")
    }
}

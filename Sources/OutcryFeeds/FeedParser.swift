import Foundation
import OutcryXML

/// Detects a feed's format and parses it into a ``ParsedFeed``: the one entry point for feeds.
public enum FeedParser {
    /// Parses raw bytes. `contentType` is the HTTP header (its charset overrides the prolog).
    ///   - baseURL: the document's own URI (where it was fetched from, or its Content-Location),
    ///     against which relative links and `xml:base` resolve.
    public static func parse(_ data: Data, source: String, contentType: String? = nil, baseURL: String? = nil) throws -> ParsedFeed {
        let decoded = FeedEncoding.decode(data, contentType: contentType)
        let document: XMLDocument
        do {
            document = try XMLParser.parse(decoded.utf8, encoding: decoded.encoding.isEmpty ? nil : "UTF-8")
        } catch {
            throw FeedError(source: source, error.description)
        }
        var root = document.root
        annotateBase(&root, parent: baseURL)
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

    /// Sets every element's in-scope base: its `xml:base` resolved against its parent's.
    static func annotateBase(_ element: inout XMLElement, parent: String?) {
        if let declared = element.xmlBase {
            element.base = URLResolution.join(parent, declared.trimmingCharacters(in: .whitespacesAndNewlines))
        } else {
            element.base = parent
        }
        for i in element.children.indices {
            if case .element(var child) = element.children[i] {
                annotateBase(&child, parent: element.base)
                element.children[i] = .element(child)
            }
        }
    }

    static func charsetParameter(_ contentType: String) -> String? {
        for part in contentType.split(separator: ";").dropFirst() {
            let kv = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if kv.count == 2, kv[0].lowercased() == "charset" {
                return kv[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
            }
        }
        return nil
    }
}

import Foundation
import OutcryCore
import OutcryXML

/// Atom 1.0 and 0.3.
enum AtomParser {
    static let atom10 = "http://www.w3.org/2005/Atom"
    static let atom03 = "http://purl.org/atom/ns#"

    static func version(of root: XMLElement) -> String? {
        guard root.name == "feed" else { return nil }
        if root.namespace == atom03 { return "atom03" }
        return root.namespace == atom10 ? "atom10" : "atom"
    }

    static func parse(_ root: XMLElement, version: String, into feed: inout ParsedFeed) {
        let v10 = version == "atom10"
        feed.title = TextConstruct.atom(root.first("title"), stripDiv: v10)?.value
        feed.subtitle = (TextConstruct.atom(root.first("subtitle"), stripDiv: v10) ?? TextConstruct.atom(root.first("tagline"), stripDiv: v10))?.value
        feed.links = links(root)
        feed.link = feed.links.first { $0.rel == "alternate" }?.href
        feed.id = RSSParser.link(root.first("id"))   // relative ids resolve, as feedparser resolves them
        feed.rights = (TextConstruct.atom(root.first("rights"), stripDiv: v10) ?? TextConstruct.atom(root.first("copyright"), stripDiv: v10))?.value
        feed.author = author(root.first("author"))
        feed.updated = RSSParser.date(root.first("updated")) ?? RSSParser.date(root.first("modified"))
        feed.language = root.attribute("lang")
        feed.tags = tags(root)
        feed.entries = root.all("entry").map { entry($0, feedAuthor: feed.author, v10: v10) }
    }

    /// "Name (email)" as feedparser writes it, or whichever part exists.
    static func author(_ el: XMLElement?) -> String? {
        guard let el else { return nil }
        let name = RSSParser.text(el.first("name")), email = RSSParser.text(el.first("email"))
        switch (name, email) {
        case let (n?, e?): return "\(n) (\(e))"
        case let (n?, nil): return n
        case let (nil, e?): return e
        default: return nil
        }
    }

    static func tags(_ el: XMLElement) -> [ParsedFeed.Tag] {
        el.all("category").compactMap { c in
            c.attribute("term").map { ParsedFeed.Tag(term: $0, scheme: c.attribute("scheme"), label: c.attribute("label")) }
        }
    }

    static func links(_ element: XMLElement) -> [ParsedFeed.Link] {
        element.all("link").compactMap { l in
            guard let raw = l.attribute("href") else { return nil }
            let href = URLResolution.join(l.base, raw.trimmedWhitespace)
            let rel = l.attribute("rel") ?? "alternate"
            let type = l.attribute("type") ?? (rel == "self" ? "application/atom+xml" : "text/html")
            return ParsedFeed.Link(href: href, rel: rel, type: type, length: l.attribute("length"))
        }
    }

    static func entry(_ el: XMLElement, feedAuthor: String?, v10: Bool) -> ParsedFeed.Entry {
        var e = ParsedFeed.Entry()
        e.id = RSSParser.link(el.first("id"))
        e.title = TextConstruct.atom(el.first("title"), stripDiv: v10)?.value
        e.links = links(el)
        e.link = e.links.first { $0.rel == "alternate" }?.href
        e.author = author(el.first("author")) ?? feedAuthor
        e.published = RSSParser.date(el.first("published")) ?? RSSParser.date(el.first("issued"))
        e.updated = RSSParser.date(el.all("updated").last) ?? RSSParser.date(el.first("modified")) ?? e.published
        e.summary = TextConstruct.atom(el.first("summary"), stripDiv: v10)?.value
        e.content = el.all("content").compactMap { c in
            TextConstruct.atom(c, stripDiv: v10).map { ParsedFeed.Content(value: $0.value, type: $0.type) }
        }
        // feedparser copies text and HTML content into an absent summary.
        if e.summary == nil, let first = e.content.first,
           ["text/plain", "text/html", TextConstruct.xhtmlType].contains(first.type) {
            e.summary = first.value
        }
        e.tags = tags(el)
        return e
    }
}

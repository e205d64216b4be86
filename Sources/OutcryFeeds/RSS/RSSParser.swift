import Foundation
import OutcryCore
import OutcryXML

/// RSS 0.9x, 1.0 (RDF) and 2.0, including the dc: and content: modules.
enum RSSParser {
    static let dc = "http://purl.org/dc/elements/1.1/"
    static let content = "http://purl.org/rss/1.0/modules/content/"
    static let dcterms = "http://purl.org/dc/terms/"
    static let itunes = "http://www.itunes.com/dtds/podcast-1.0.dtd"
    static let media = "http://search.yahoo.com/mrss"
    static let netscape090 = "http://my.netscape.com/rdf/simple/0.9/"

    static func version(of root: XMLElement) -> String? {
        switch root.name.lowercased() {
        case "rss":
            switch root.attribute("version") ?? "" {
            case "0.91": return "rss091u"
            case "0.92": return "rss092"
            case "0.93": return "rss093"
            case "0.94": return "rss094"
            case let v where v.hasPrefix("2."): return "rss20"
            default: return "rss"
            }
        case "rdf":
            return root.namespaceDeclarations.contains(netscape090) || root.first("channel")?.namespace == netscape090 ? "rss090" : "rss10"
        default:
            return nil
        }
    }

    static func parse(_ root: XMLElement, version: String, into feed: inout ParsedFeed) {
        let channel = root.first("channel") ?? root
        feed.title = TextConstruct.rssText(channel.first("title"))
        feed.subtitle = TextConstruct.rssHTML(channel.first("description"))
        feed.link = link(channel.first("link"))
        if let link = feed.link { feed.links = [ParsedFeed.Link(href: link, type: "text/html")] }
        feed.language = text(channel.first("language")) ?? text(channel.first("language", namespace: dc))
        feed.rights = text(channel.first("copyright")) ?? text(channel.first("rights", namespace: dc))
        feed.author = text(channel.first("managingEditor")) ?? text(channel.first("creator", namespace: dc))
        feed.updated = date(channel.first("lastBuildDate")) ?? date(channel.first("date", namespace: dc))
        feed.published = date(channel.first("pubDate"))
        feed.tags = tags(channel)
        // RSS 2.0 nests items in the channel; RSS 1.0 puts them beside it.
        let items = channel.all("item") + (channel.name == root.name ? [] : root.all("item"))
        feed.entries = items.map(entry)
    }

    static func entry(_ item: XMLElement) -> ParsedFeed.Entry {
        var e = ParsedFeed.Entry()
        e.title = TextConstruct.rssText(item.first("title"))
        e.link = link(item.first("link"))
        if let link = e.link { e.links.append(ParsedFeed.Link(href: link, type: "text/html")) }
        e.id = text(item.first("guid")) ?? item.attribute("about")
        if let guid = item.first("guid"), guid.attribute("isPermaLink")?.lowercased() != "false", let id = e.id {
            e.id = URLResolution.join(guid.base, id)
            if e.link == nil {
                e.link = e.id
                e.links.append(ParsedFeed.Link(href: e.id!, type: "text/html"))
            }
        }
        e.author = text(item.first("author")) ?? text(item.first("creator", namespace: dc))
        e.published = date(item.first("pubDate")) ?? date(item.first("date", namespace: dc))
            ?? date(item.first("issued", namespace: dcterms)) ?? date(item.first("created", namespace: dcterms))
        e.updated = date(item.first("date", namespace: dc)) ?? date(item.first("modified", namespace: dcterms)) ?? e.published
        // A non-standard <summary> takes the summary; the description then counts as content.
        if let summary = TextConstruct.rssHTML(item.first("summary")) {
            e.summary = summary
            if let description = TextConstruct.rssHTML(item.first("description")) {
                e.content = [ParsedFeed.Content(value: description, type: "text/html")]
            }
        } else {
            e.summary = TextConstruct.rssHTML(item.first("description"))
        }
        for license in item.all("license") where license.namespace?.contains("creativeCommons") == true || license.namespace?.contains("creativecommons") == true {
            if let href = text(license) { e.links.append(ParsedFeed.Link(href: href, rel: "license")) }
        }
        // Full content: content:encoded or fullitem (HTML), or body / xhtml:body (inline XHTML).
        if let body = TextConstruct.rssXHTML(item.first("body")) {
            e.content = [ParsedFeed.Content(value: body, type: TextConstruct.xhtmlType)]
            if e.summary == nil { e.summary = body }
        }
        if let encoded = TextConstruct.rssHTML(item.first("encoded", namespace: content) ?? item.first("fullitem")) {
            e.content = [ParsedFeed.Content(value: encoded, type: "text/html")]
            if e.summary == nil { e.summary = encoded }
        }
        e.tags = tags(item)
        return e
    }

    static func text(_ element: XMLElement?) -> String? {
        guard let element else { return nil }
        let t = element.text.trimmedWhitespace
        return t.isEmpty ? nil : t
    }

    /// `category` (with its `domain` as scheme) and `dc:subject`.
    static func tags(_ el: XMLElement) -> [ParsedFeed.Tag] {
        // One walk over the children, sorted into the groups feedparser reports in this order.
        var plain: [ParsedFeed.Tag] = [], subjects: [ParsedFeed.Tag] = [], itunesCategories: [ParsedFeed.Tag] = []
        var keywords: [ParsedFeed.Tag] = [], mediaCategories: [ParsedFeed.Tag] = []
        for c in el.elements {
            switch c.name {
            case "category" where c.namespace == nil || c.namespace == el.namespace:
                if let t = text(c) { plain.append(ParsedFeed.Tag(term: t, scheme: c.attribute("domain"))) }
            case "subject" where c.namespace == dc:
                if let t = text(c) { subjects.append(ParsedFeed.Tag(term: t)) }
            case "category" where c.namespace?.lowercased() == itunes:
                // iTunes categories, nested ones too.
                for node in [c] + c.all("category") {
                    if let t = node.attribute("text") { itunesCategories.append(ParsedFeed.Tag(term: t, scheme: "http://www.itunes.com/")) }
                }
            case "keywords" where c.namespace?.lowercased() == itunes:
                for word in (text(c) ?? "").split(separator: ",") {
                    let t = word.trimmingCharacters(in: .whitespaces)
                    if !t.isEmpty { keywords.append(ParsedFeed.Tag(term: t, scheme: "http://www.itunes.com/")) }
                }
            case "category" where c.namespace?.hasPrefix(media) == true:
                if let t = text(c) {
                    mediaCategories.append(ParsedFeed.Tag(term: t, scheme: c.attribute("scheme") ?? "http://search.yahoo.com/mrss/category_schema",
                                                          label: c.attribute("label")))
                }
            default:
                break
            }
        }
        let tags = plain + subjects + itunesCategories + keywords + mediaCategories
        guard tags.count > 1 else { return tags }
        var seen = Set<String>()
        return tags.filter { seen.insert($0.term + "\u{0}" + ($0.scheme ?? "")).inserted }
    }

    /// A link element's text resolved against its base.
    static func link(_ element: XMLElement?) -> String? {
        guard let element, let t = text(element) else { return nil }
        return URLResolution.join(element.base, t)
    }

    static func date(_ element: XMLElement?) -> Date? {
        text(element).flatMap(FeedDate.parse)
    }
}

import Foundation
import OutcryXML

/// Microsoft's Channel Definition Format (1997): `<CHANNEL HREF LASTMOD>` with `TITLE`,
/// `ABSTRACT` and `ITEM`s. Still met in old corporate feeds; element names are case-insensitive.
enum CDFParser {
    static func version(of root: XMLElement) -> String? {
        root.name.lowercased() == "channel" ? "cdf" : nil
    }

    static func parse(_ root: XMLElement, into feed: inout ParsedFeed) {
        func child(_ el: XMLElement, _ name: String) -> XMLElement? { el.elements.first { $0.name.lowercased() == name } }
        func attr(_ el: XMLElement, _ name: String) -> String? { el.attributes.first { $0.name.lowercased() == name }?.value }
        // CHANNEL and ITEM carry the same fields.
        func fields(_ el: XMLElement) -> (title: String?, abstract: String?, link: String?, updated: Date?) {
            (TextConstruct.rssText(child(el, "title")), TextConstruct.rssHTML(child(el, "abstract")),
             attr(el, "href").map { URLResolution.join(el.base, $0) }, attr(el, "lastmod").flatMap(FeedDate.parse))
        }
        let channel = fields(root)
        feed.title = channel.title
        feed.subtitle = channel.abstract
        feed.link = channel.link
        feed.links = channel.link.map { [ParsedFeed.Link(href: $0, type: "text/html")] } ?? []
        feed.updated = channel.updated
        feed.entries = root.elements.filter { $0.name.lowercased() == "item" }.map { item in
            let f = fields(item)
            var e = ParsedFeed.Entry()
            e.title = f.title
            e.summary = f.abstract
            e.link = f.link
            e.links = f.link.map { [ParsedFeed.Link(href: $0, type: "text/html")] } ?? []
            e.updated = f.updated
            return e
        }
    }
}

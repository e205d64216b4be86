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
        feed.title = TextConstruct.rssText(child(root, "title"))
        feed.subtitle = TextConstruct.rssHTML(child(root, "abstract"))
        if let href = attr(root, "href") {
            feed.link = URLResolution.join(root.base, href)
            feed.links = [ParsedFeed.Link(href: feed.link!, type: "text/html")]
        }
        feed.updated = attr(root, "lastmod").flatMap(FeedDate.parse)
        feed.entries = root.elements.filter { $0.name.lowercased() == "item" }.map { item in
            var e = ParsedFeed.Entry()
            e.title = TextConstruct.rssText(child(item, "title"))
            e.summary = TextConstruct.rssHTML(child(item, "abstract"))
            if let href = attr(item, "href") {
                e.link = URLResolution.join(item.base, href)
                e.links = [ParsedFeed.Link(href: e.link!, type: "text/html")]
            }
            e.updated = attr(item, "lastmod").flatMap(FeedDate.parse)
            return e
        }
    }
}

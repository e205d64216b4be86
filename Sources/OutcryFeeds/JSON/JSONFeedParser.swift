import Foundation
import OutcryCore

/// JSON Feed 1.0 and 1.1 (`application/feed+json`).
enum JSONFeedParser {
    static func version(of o: APIObject) -> String? {
        guard let v = o.string("version"), v.hasPrefix("https://jsonfeed.org/version/") else { return nil }
        return v.hasSuffix("/1.1") ? "json11" : v.hasSuffix("/1") ? "json10" : "json"
    }

    static func parse(_ o: APIObject, version: String, baseURL: String?, into feed: inout ParsedFeed) {
        feed.title = o.string("title")
        feed.subtitle = o.string("description")
        feed.link = o.string("home_page_url").map { URLResolution.join(baseURL, $0) }
        feed.links = [feed.link.map { ParsedFeed.Link(href: $0, type: "text/html") },
                      o.string("feed_url").map { ParsedFeed.Link(href: URLResolution.join(baseURL, $0), rel: "self", type: "application/feed+json") }]
            .compactMap { $0 }
        feed.language = o.string("language")
        feed.author = authorName(o)
        feed.entries = o.objects("items").map { item in
            var e = ParsedFeed.Entry()
            e.id = item.string("id")
            e.title = item.string("title").map { HTMLSanitizer.sanitize($0) }
            e.link = item.string("url").map { URLResolution.join(baseURL, $0) }
            if let link = e.link { e.links.append(ParsedFeed.Link(href: link, type: "text/html")) }
            if let external = item.string("external_url") {
                e.links.append(ParsedFeed.Link(href: URLResolution.join(baseURL, external), rel: "related"))
            }
            e.author = authorName(item) ?? feed.author
            e.published = item.string("date_published").flatMap(FeedDate.parse)
            e.updated = item.string("date_modified").flatMap(FeedDate.parse) ?? e.published
            if let html = item.string("content_html") {
                e.content.append(ParsedFeed.Content(value: HTMLSanitizer.sanitize(html, baseURI: e.link ?? baseURL), type: "text/html"))
            }
            if let text = item.string("content_text") { e.content.append(ParsedFeed.Content(value: text, type: "text/plain")) }
            e.summary = item.string("summary") ?? e.content.first?.value
            e.tags = item.strings("tags").map { ParsedFeed.Tag(term: $0) }
            for a in item.objects("attachments") {
                if let url = a.string("url") {
                    e.links.append(ParsedFeed.Link(href: URLResolution.join(baseURL, url), rel: "enclosure",
                                                   type: a.string("mime_type"), length: a.string("size_in_bytes")))
                }
            }
            e.language = item.string("language")
            return e
        }
    }

    /// 1.1's `authors[0].name`, or 1.0's `author.name`.
    static func authorName(_ o: APIObject) -> String? {
        o.objects("authors").first?.string("name") ?? o.object("author")?.string("name")
    }
}

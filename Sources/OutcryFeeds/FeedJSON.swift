import Foundation
import OutcryCore

/// The `feed parse --json` shape: Python feedparser's key names, dates as RFC 3339 UTC,
/// absent fields omitted (DESIGN.md contract).
public enum FeedJSON {
    public static func object(_ feed: ParsedFeed, defaultLanguage: String? = nil) -> [String: Any] {
        var f: [String: Any] = [:]
        f["title"] = feed.title
        f["subtitle"] = feed.subtitle
        f["summary"] = feed.subtitle
        f["link"] = feed.link
        if !feed.links.isEmpty { f["links"] = feed.links.map(link) }
        f["language"] = feed.language ?? defaultLanguage
        f["id"] = feed.id
        f["author"] = feed.author
        f["rights"] = feed.rights
        f["updated"] = feed.updated.map(Timestamp.utc)
        f["published"] = feed.published.map(Timestamp.utc)
        if !feed.tags.isEmpty { f["tags"] = feed.tags.map(tag) }
        var o: [String: Any] = ["bozo": feed.bozo, "encoding": feed.encoding, "version": feed.version, "feed": f,
                                "entries": feed.entries.map(entry)]
        o["bozo_exception"] = feed.bozoException
        return o
    }

    static func link(_ l: ParsedFeed.Link) -> [String: Any] {
        var o: [String: Any] = ["href": l.href, "rel": l.rel]
        o["type"] = l.type
        o["length"] = l.length
        return o
    }

    static func tag(_ t: ParsedFeed.Tag) -> [String: Any] {
        var o: [String: Any] = ["term": t.term]
        o["scheme"] = t.scheme
        o["label"] = t.label
        return o
    }

    static func entry(_ e: ParsedFeed.Entry) -> [String: Any] {
        var o: [String: Any] = [:]
        o["id"] = e.id
        o["title"] = e.title
        o["link"] = e.link
        if !e.links.isEmpty { o["links"] = e.links.map(link) }
        o["author"] = e.author
        o["published"] = e.published.map(Timestamp.utc)
        o["updated"] = e.updated.map(Timestamp.utc)
        o["summary"] = e.summary
        if !e.content.isEmpty { o["content"] = e.content.map { ["value": $0.value, "type": $0.type] } }
        if !e.tags.isEmpty { o["tags"] = e.tags.map(tag) }
        let enclosures = e.links.filter { $0.rel == "enclosure" }
        if !enclosures.isEmpty { o["enclosures"] = enclosures.map(link) }
        return o
    }
}

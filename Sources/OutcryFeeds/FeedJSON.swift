import Foundation
import OutcryCore

/// The `feed parse --json` shape: Python feedparser's key names, dates as RFC 3339 UTC,
/// absent fields omitted, keys in byte order (DESIGN.md contract).
public enum FeedJSON {
    public static func utf8(_ feed: ParsedFeed, defaultLanguage: String? = nil) -> [UInt8] {
        var w = JSONWriter(capacity: 4096 + feed.entries.count * 1024)
        w.beginObject()
        w.key("bozo"); w.bool(feed.bozo)
        w.field("bozo_exception", feed.bozoException)
        w.field("encoding", feed.encoding)
        w.key("entries")
        w.beginArray()
        for e in feed.entries { entry(e, into: &w) }
        w.endArray()
        w.key("feed")
        w.beginObject()
        w.field("author", feed.author)
        w.field("id", feed.id)
        w.field("language", feed.language ?? defaultLanguage)
        w.field("link", feed.link)
        links("links", feed.links, into: &w)
        w.field("published", feed.published.map(Timestamp.utc))
        w.field("rights", feed.rights)
        w.field("subtitle", feed.subtitle)
        w.field("summary", feed.subtitle)
        tags(feed.tags, into: &w)
        w.field("title", feed.title)
        w.field("updated", feed.updated.map(Timestamp.utc))
        w.endObject()
        w.field("version", feed.version)
        w.endObject()
        return w.bytes
    }

    public static func encode(_ feed: ParsedFeed, defaultLanguage: String? = nil) -> String {
        String(decoding: utf8(feed, defaultLanguage: defaultLanguage), as: UTF8.self)
    }

    static func entry(_ e: ParsedFeed.Entry, into w: inout JSONWriter) {
        w.beginObject()
        w.field("author", e.author)
        if !e.content.isEmpty {
            w.key("content")
            w.beginArray()
            for c in e.content {
                w.beginObject()
                w.field("type", c.type)
                w.field("value", c.value)
                w.endObject()
            }
            w.endArray()
        }
        links("enclosures", e.links.filter { $0.rel == "enclosure" }, into: &w)
        w.field("id", e.id)
        w.field("link", e.link)
        links("links", e.links, into: &w)
        w.field("published", e.published.map(Timestamp.utc))
        w.field("summary", e.summary)
        tags(e.tags, into: &w)
        w.field("title", e.title)
        w.field("updated", e.updated.map(Timestamp.utc))
        w.endObject()
    }

    static func links(_ name: String, _ links: [ParsedFeed.Link], into w: inout JSONWriter) {
        guard !links.isEmpty else { return }
        w.key(name)
        w.beginArray()
        for l in links {
            w.beginObject()
            w.field("href", l.href)
            w.field("length", l.length)
            w.field("rel", l.rel)
            w.field("type", l.type)
            w.endObject()
        }
        w.endArray()
    }

    static func tags(_ tags: [ParsedFeed.Tag], into w: inout JSONWriter) {
        guard !tags.isEmpty else { return }
        w.key("tags")
        w.beginArray()
        for t in tags {
            w.beginObject()
            w.field("label", t.label)
            w.field("scheme", t.scheme)
            w.field("term", t.term)
            w.endObject()
        }
        w.endArray()
    }
}

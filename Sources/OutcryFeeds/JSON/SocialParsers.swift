import Foundation
import OutcryCore

/// Public-post APIs, each read into the common ``ParsedFeed`` with engagement counts kept:
/// Mastodon statuses, Reddit listings, Hacker News (Algolia) search, Bluesky Jetstream events.
enum SocialParsers {
    /// Detects which API a decoded JSON document came from.
    static func version(of json: JSONValue) -> String? {
        if case .array(let array) = json {
            guard let first = APIObject(array.first) else { return array.isEmpty ? "mastodon" : nil }
            if first.object("account") != nil, first.string("created_at") != nil { return "mastodon" }
            if first.string("did") != nil, first.object("commit") != nil { return "bluesky-jetstream" }
            return nil
        }
        guard let o = APIObject(json) else { return nil }
        if o.string("kind") == "Listing", o.object("data") != nil { return "reddit" }
        if case .array? = o["hits"], o["nbPages"] != nil || o["hitsPerPage"] != nil { return "hackernews" }
        if o.objects("statuses").first?.object("account") != nil { return "mastodon" }   // /api/v2/search
        if let first = o.objects("posts").first, first.string("uri")?.hasPrefix("at://") == true { return "bluesky-search" }
        if o.string("did") != nil, o.object("commit") != nil { return "bluesky-jetstream" }
        return nil
    }

    static func parse(_ json: JSONValue, version: String, into feed: inout ParsedFeed) {
        switch version {
        case "mastodon":
            let statuses: [JSONValue]
            if case .array(let a) = json { statuses = a } else { statuses = APIObject(json)?.array("statuses") ?? [] }
            feed.entries = statuses.compactMap { APIObject($0) }.map(mastodon)
        case "reddit":
            feed.entries = (APIObject(json)?.object("data")?.objects("children") ?? []).compactMap { $0.object("data") }.map(reddit)
        case "hackernews":
            feed.entries = (APIObject(json)?.objects("hits") ?? []).map(hackerNews)
        case "bluesky-search":
            feed.entries = (APIObject(json)?.objects("posts") ?? []).map(blueskyPost)
        case "bluesky-jetstream":
            let events: [JSONValue]
            if case .array(let a) = json { events = a } else { events = [json] }
            feed.entries = events.compactMap { APIObject($0) }.compactMap(jetstream)
        default:
            break
        }
    }

    static func mastodon(_ status: APIObject) -> ParsedFeed.Entry {
        // A boost wraps the original: the original's text and author are what was said.
        let s = status.object("reblog") ?? status
        var e = ParsedFeed.Entry()
        e.id = s.string("uri") ?? s.string("url") ?? s.string("id")
        e.cursorID = status.string("id")
        e.link = s.string("url")
        if let l = e.link { e.links = [ParsedFeed.Link(href: l, type: "text/html")] }
        let account = s.object("account")
        e.author = account?.string("acct")
        e.followers = account?.int("followers_count")
        e.published = s.string("created_at").flatMap(FeedDate.parse)
        e.updated = s.string("edited_at").flatMap(FeedDate.parse) ?? e.published
        let html = HTMLSanitizer.sanitize(s.string("content") ?? "")
        e.summary = html.isEmpty ? nil : html
        if let spoiler = s.string("spoiler_text") { e.title = spoiler }
        e.reposts = s.int("reblogs_count")
        e.comments = s.int("replies_count")
        e.likes = s.int("favourites_count")
        e.language = s.string("language")
        e.tags = s.objects("tags").compactMap { $0.string("name").map { ParsedFeed.Tag(term: $0) } }
        return e
    }

    static func reddit(_ d: APIObject) -> ParsedFeed.Entry {
        var e = ParsedFeed.Entry()
        e.id = d.string("name") ?? d.string("id")
        e.title = d.string("title")
        e.link = d.string("permalink").map { $0.hasPrefix("http") ? $0 : "https://www.reddit.com" + $0 }
        if let l = e.link { e.links = [ParsedFeed.Link(href: l, type: "text/html")] }
        e.author = d.string("author")
        e.published = d.double("created_utc").map { Date(timeIntervalSince1970: $0) }
        e.updated = e.published
        e.summary = d.string("selftext") ?? d.string("body")
        e.comments = d.int("num_comments")
        e.likes = d.int("score")
        if let sub = d.string("subreddit") { e.tags = [ParsedFeed.Tag(term: sub, scheme: "reddit")] }
        return e
    }

    static func hackerNews(_ h: APIObject) -> ParsedFeed.Entry {
        var e = ParsedFeed.Entry()
        e.id = h.string("objectID").map { "hn:" + $0 }
        e.title = h.string("title") ?? h.string("story_title")
        e.link = h.string("url") ?? h.string("objectID").map { "https://news.ycombinator.com/item?id=" + $0 }
        if let l = e.link { e.links = [ParsedFeed.Link(href: l, type: "text/html")] }
        e.author = h.string("author")
        e.published = h.double("created_at_i").map { Date(timeIntervalSince1970: $0) } ?? h.string("created_at").flatMap(FeedDate.parse)
        e.updated = e.published
        if let text = h.string("comment_text") ?? h.string("story_text") { e.summary = HTMLSanitizer.sanitize(text) }
        e.likes = h.int("points")
        e.comments = h.int("num_comments")
        return e
    }

    /// One post view from `app.bsky.feed.searchPosts`.
    static func blueskyPost(_ p: APIObject) -> ParsedFeed.Entry {
        var e = ParsedFeed.Entry()
        e.id = p.string("uri")
        let author = p.object("author")
        e.author = author?.string("handle") ?? author?.string("did")
        e.followers = author?.int("followersCount")
        if let handle = author?.string("handle"), let rkey = p.string("uri")?.split(separator: "/").last {
            e.link = "https://bsky.app/profile/\(handle)/post/\(rkey)"
            e.links = [ParsedFeed.Link(href: e.link!, type: "text/html")]
        }
        let record = p.object("record")
        e.summary = record?.string("text")
        e.published = record?.string("createdAt").flatMap(FeedDate.parse) ?? p.string("indexedAt").flatMap(FeedDate.parse)
        e.updated = e.published
        e.reposts = p.int("repostCount")
        e.comments = p.int("replyCount")
        e.likes = p.int("likeCount")
        e.language = record?.strings("langs").first
        return e
    }

    /// A Jetstream `commit` event creating an `app.bsky.feed.post`; other events are skipped.
    static func jetstream(_ event: APIObject) -> ParsedFeed.Entry? {
        guard let commit = event.object("commit"), commit.string("operation") == "create",
              commit.string("collection") == "app.bsky.feed.post", let record = commit.object("record"),
              let did = event.string("did"), let rkey = commit.string("rkey") else { return nil }
        var e = ParsedFeed.Entry()
        e.id = "at://\(did)/app.bsky.feed.post/\(rkey)"
        e.link = "https://bsky.app/profile/\(did)/post/\(rkey)"
        e.links = [ParsedFeed.Link(href: e.link!, type: "text/html")]
        e.author = did
        e.summary = record.string("text")
        e.published = record.string("createdAt").flatMap(FeedDate.parse)
            ?? event.double("time_us").map { Date(timeIntervalSince1970: $0 / 1_000_000) }
        e.updated = e.published
        e.language = record.strings("langs").first
        return e
    }
}

import Foundation
import OutcryCore
import OutcryFeeds
import OutcryTesting
import OutcryXML
import Testing

@Suite struct FeedParserTests {
    @Test func parsesRSS20WithModules() throws {
        let feed = try FeedParser.parse(Fixtures.data("feeds/rss20.xml"), source: "rss20")
        #expect(feed.version == "rss20")
        #expect(!feed.bozo)
        #expect(feed.title == "消费日报")
        #expect(feed.language == "zh-cn")
        #expect(feed.entries.count == 3)
        let e = feed.entries[0]
        #expect(e.id == "n-1")
        #expect(e.author == "记者甲")
        #expect(e.published.map(Timestamp.utc) == "2018-03-15T08:00:00Z")
        #expect(e.content.first?.value.contains("京東") == true)
        #expect(e.tags == [ParsedFeed.Tag(term: "电商")])
        #expect(feed.entries[1].published.map(Timestamp.utc) == "2018-03-14T09:00:00Z")
        #expect(feed.entries[1].link == "https://news.example.com/2")
        #expect(feed.entries[2].published.map(Timestamp.utc) == "2018-03-12T10:00:00Z")
    }

    @Test func parsesAtom10() throws {
        let feed = try FeedParser.parse(Fixtures.data("feeds/atom10.xml"), source: "atom")
        #expect(feed.version == "atom10")
        #expect(feed.link == "https://newsroom.example.com/")
        let e = try #require(feed.entries.first)
        #expect(e.published.map(Timestamp.utc) == "2018-03-15T06:30:00Z")
        #expect(e.updated.map(Timestamp.utc) == "2018-03-15T07:00:00Z")
        #expect(e.content.first == ParsedFeed.Content(value: "<p>已处罚涉事商家</p>", type: "text/html"))
        #expect(e.links.contains { $0.rel == "enclosure" && $0.length == "1234" })
        #expect(e.author == "京东黑板报")
    }

    @Test func recoversIllFormedFeedAndFlagsIt() throws {
        let feed = try FeedParser.parse(Fixtures.data("feeds/broken-rss.xml"), source: "broken")
        #expect(feed.bozo)
        #expect(feed.entries.count >= 2)
    }

    @Test func neverLoadsExternalEntitiesAndBoundsExpansion() throws {
        let feed = try FeedParser.parse(Fixtures.data("feeds/xxe.xml"), source: "xxe")
        let e = try #require(feed.entries.first)
        #expect(e.title?.contains("root:") != true)
        #expect((e.summary ?? "").utf8.count <= XMLParser.maxEntityExpansion)
    }

    @Test func rejectsNonFeeds() {
        #expect(throws: FeedError.self) { try FeedParser.parse(Data("<html><body/></html>".utf8), source: "page") }
        #expect(throws: FeedError.self) { try FeedParser.parse(Data(), source: "empty") }
    }

    @Test func adaptsEntriesToPostsWithPlainText() throws {
        let feed = try FeedParser.parse(Fixtures.data("feeds/rss20.xml"), source: "rss20")
        let posts = FeedPostAdapter.posts(from: feed, source: "news").posts
        #expect(posts.count == 3)
        #expect(posts[0].text.hasPrefix("京东回应：已处罚涉事商家"))
        #expect(!posts[0].text.contains("<"))
        #expect(posts[0].url == "https://news.example.com/1")
    }

    @Test(arguments: [
        ("Mon, 12 Mar 2018 10:00:00 +0800", "2018-03-12T02:00:00Z"),
        ("12 Mar 2018 10:00 GMT", "2018-03-12T10:00:00Z"),
        ("Mon, 12 Mar 18 10:00:00 EST", "2018-03-12T15:00:00Z"),
        ("2018-03-12T10:00:00+08:00", "2018-03-12T02:00:00Z"),
        ("2018-03-12 10:00 +0800", "2018-03-12T02:00:00Z"),
        ("2018年3月12日 10:00", "2018-03-12T10:00:00Z"),
        ("2018-03-12", "2018-03-12T00:00:00Z"),
    ])
    func parsesDates(_ raw: String, _ expected: String) {
        #expect(FeedDate.parse(raw).map(Timestamp.utc) == expected)
    }

    /// Found by `make fuzz`: a thirteen-digit year overflowed the day arithmetic and trapped —
    /// one hostile feed would have stopped `outcry run`. Out-of-range years are no date.
    @Test(arguments: ["2 Mar 2777777777701", "Mon, 12 Mar 99999 10:00:00 GMT", "0000-03-12", "10000-01-01T00:00:00Z"])
    func outOfRangeYearsAreNoDate(_ raw: String) {
        #expect(FeedDate.parse(raw) == nil)
    }

    /// Found by `make fuzz`: "2004" and an Extended Arabic-Indic digit five passed the compact
    /// ISO 8601 pattern (the pattern engine's \d is any script's digit) and trapped converting it.
    /// Compact dates are ASCII digits; the rest is no date, and never a crash.
    @Test(arguments: ["2004\u{06F5}", "\u{0660}\u{0661}\u{0662}\u{0663}\u{0664}\u{0665}", "12-\u{0968}4-05", "031231"])
    func compactDatesTakeASCIIDigitsOnly(_ raw: String) {
        let parsed = FeedDate.parse(raw)
        #expect((parsed != nil) == raw.allSatisfy(\.isASCII), "\(raw.debugDescription): \(String(describing: parsed))")
    }

    @Test func jsonlReaderReportsTheBadLine() {
        #expect(throws: InputError.self) { try JSONLPostReader.read(path: Fixtures.path("bad/posts-malformed.jsonl")) }
        do {
            _ = try JSONLPostReader.read(path: Fixtures.path("bad/posts-no-offset.jsonl"))
        } catch let e as InputError {
            #expect(e.line == 1)
            #expect(e.field == "created_at")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}

@Suite struct EntityTests {
    @Test func htmlEntitiesAndBareAmpersandsSurvive() throws {
        let xml = """
        <?xml version="1.0"?><rss version="2.0"><channel><title>caf&eacute;&nbsp;&amp; &unknown; AT&T</title>
        <item><title>x</title><link>http://example/?a=1&b=2</link><guid>g</guid></item></channel></rss>
        """
        let feed = try FeedParser.parse(Data(xml.utf8), source: "t")
        #expect(feed.title == "café\u{A0}& &unknown; AT&T")
        #expect(feed.entries.first?.link == "http://example/?a=1&b=2")
    }

    @Test func cdataIsNotRewritten() throws {
        let xml = "<rss version=\"2.0\"><channel><title><![CDATA[&eacute; stays]]></title></channel></rss>"
        #expect(try FeedParser.parse(Data(xml.utf8), source: "t").title == "&eacute; stays")
    }
}

@Suite struct SanitizerTests {
    @Test(arguments: [
        ("<p onclick=\"evil()\">hi</p>", "<p>hi</p>"),
        ("<script>alert(1)</script>ok", "ok"),
        ("<a href=\"javascript:alert(1)\">x</a>", "<a href=\"\">x</a>"),
        ("<a href='http://example.com/?a=1&b=2' title=t>x</a>", "<a href=\"http://example.com/?a=1&amp;b=2\" title=\"t\">x</a>"),
        ("line<br/>break", "line<br />break"),
        ("<span style=\"color: red; background: url(http://evil/)\">c</span>", "<span style=\"color: red;\">c</span>"),
        ("<iframe src=\"http://evil\"></iframe>text", "text"),
        ("caf&eacute; &bogus; &#150;", "caf&eacute; &amp;bogus &#x2013;"),
        ("<img src=x onerror=alert(1)", "&lt;img src=x onerror=alert(1)"),
    ])
    func sanitizes(_ input: String, _ expected: String) {
        #expect(HTMLSanitizer.sanitize(input) == expected)
    }

    @Test func atomXHTMLContentIsSerializedAndSanitized() throws {
        let xml = """
        <feed xmlns="http://www.w3.org/2005/Atom"><entry><id>1</id><updated>2018-03-14T00:00:00Z</updated>
        <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Comfort <b>U</b></p><script>x()</script></div></content>
        </entry></feed>
        """
        let e = try #require(try FeedParser.parse(Data(xml.utf8), source: "t").entries.first)
        #expect(e.content.first == ParsedFeed.Content(value: "<p>Comfort <b>U</b></p>", type: "application/xhtml+xml"))
        #expect(e.summary == "<p>Comfort <b>U</b></p>")
    }
}

@Suite struct EncodingTests {
    @Test func gbkDeclaredFeedIsDecoded() throws {
        var bytes = Array("<?xml version=\"1.0\" encoding=\"gbk\"?><rss version=\"2.0\"><channel><title>".utf8)
        bytes += [0xBE, 0xA9, 0xB6, 0xAB]   // 京东 in GBK
        bytes += Array("</title></channel></rss>".utf8)
        let feed = try FeedParser.parse(Data(bytes), source: "gbk")
        #expect(feed.title == "京东")
        #expect(feed.encoding == "gbk")
        #expect(!feed.bozo)
    }

    /// The same Chinese feeds with their XML declaration removed: neither says what it is, and
    /// UTF-8 fails, so the encoding is guessed (GB2312 or Big5, chardet's names) and the feed is bozo.
    @Test(arguments: [("rss/big5.xml", "Big5"), ("rss/gb2312.xml", "GB2312"), ("rss/gbk.xml", "GB2312")])
    func undeclaredChineseIsGuessed(_ fixture: String, _ guessed: String) throws {
        let declared = try Fixtures.data(fixture)
        let bytes = Array(declared)
        let end = try #require((0..<(bytes.count - 1)).first { bytes[$0] == 0x3F && bytes[$0 + 1] == 0x3E })
        let undeclared = Data(bytes[(end + 2)...])
        let expected = try FeedParser.parse(declared, source: fixture)
        let feed = try FeedParser.parse(undeclared, source: fixture)
        #expect(feed.encoding == guessed)
        #expect(feed.bozo)
        #expect(feed.title == expected.title)
        #expect(feed.entries.map(\.title) == expected.entries.map(\.title))
    }

    @Test func latinTextIsNotTakenForChinese() throws {
        var bytes = Array("<rss version=\"2.0\"><channel><title>".utf8)
        bytes += Array("Caf\u{E9} cr\u{E8}me br\u{FB}l\u{E9}e \u{E0} la fran\u{E7}aise, d\u{E9}j\u{E0} vu".unicodeScalars.map { UInt8($0.value) })
        bytes += Array("</title></channel></rss>".utf8)
        let feed = try FeedParser.parse(Data(bytes), source: "latin1")
        #expect(feed.encoding == "windows-1252")
        #expect(feed.title == "Caf\u{E9} cr\u{E8}me br\u{FB}l\u{E9}e \u{E0} la fran\u{E7}aise, d\u{E9}j\u{E0} vu")
    }

    @Test func httpCharsetWinsAndTextTypesAreFlagged() throws {
        let xml = Data("<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>caf\u{E9}</title></channel></rss>".utf8)
        let viaApplication = try FeedParser.parse(xml, source: "t", contentType: "application/rss+xml; charset=utf-8")
        #expect(viaApplication.encoding == "utf-8" && !viaApplication.bozo)
        let viaTextPlain = try FeedParser.parse(xml, source: "t", contentType: "text/plain")
        #expect(viaTextPlain.bozo)
    }

    @Test func utf16WithBOM() throws {
        let text = "<?xml version=\"1.0\" encoding=\"utf-16\"?><rss version=\"2.0\"><channel><title>京東</title></channel></rss>"
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in text.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let feed = try FeedParser.parse(Data(bytes), source: "u16")
        #expect(feed.title == "京東")
        #expect(feed.encoding == "utf-16le")
    }
}

@Suite struct FormatCoverageTests {
    @Test func cdfChannel() throws {
        let xml = "<CHANNEL HREF=\"http://example.org/\"><TITLE>t</TITLE><ITEM HREF=\"http://example.org/1\" LASTMOD=\"2004-04-06T23:05:43-05:00\"><ABSTRACT>a</ABSTRACT></ITEM></CHANNEL>"
        let feed = try FeedParser.parse(Data(xml.utf8), source: "cdf")
        #expect(feed.version == "cdf")
        #expect(feed.entries.first?.link == "http://example.org/1")
        #expect(feed.entries.first?.updated.map(Timestamp.utc) == "2004-04-07T04:05:43Z")
    }

    @Test func itunesAndMediaCategoriesBecomeTags() throws {
        let xml = """
        <rss version="2.0" xmlns:itunes="http://www.itunes.com/DTDs/Podcast-1.0.dtd" xmlns:media="http://search.yahoo.com/mrss/"><channel>
        <itunes:category text="Technology"><itunes:category text="Gadgets"/></itunes:category><itunes:keywords>Technology, Reviews</itunes:keywords>
        <item><media:category label="lab" scheme="http://s/">cat</media:category></item></channel></rss>
        """
        let feed = try FeedParser.parse(Data(xml.utf8), source: "t")
        #expect(feed.tags.map(\.term) == ["Technology", "Gadgets", "Reviews"])
        #expect(feed.entries.first?.tags == [ParsedFeed.Tag(term: "cat", scheme: "http://s/", label: "lab")])
    }

    @Test func relativeLinksResolveAgainstXMLBaseAndDocument() throws {
        let xml = """
        <feed xmlns="http://www.w3.org/2005/Atom" xml:base="http://example.org/blog/"><entry xml:base="2018/">
        <link href="post.html"/><content type="html">&lt;img src="pic.png"&gt;</content></entry></feed>
        """
        let e = try #require(try FeedParser.parse(Data(xml.utf8), source: "t", baseURL: "http://ignored.example/").entries.first)
        #expect(e.link == "http://example.org/blog/2018/post.html")
        #expect(e.content.first?.value == "<img src=\"http://example.org/blog/2018/pic.png\" />")
    }
}

@Suite struct JSONSourceTests {
    func parse(_ name: String) throws -> ParsedFeed {
        try FeedParser.parse(Fixtures.data("json/" + name), source: name)
    }

    @Test func jsonFeed11() throws {
        let feed = try parse("jsonfeed11.json")
        #expect(feed.version == "json11")
        #expect(feed.title == "消费日报")
        let e = try #require(feed.entries.first)
        #expect(e.author == "消费日报")
        #expect(e.published.map(Timestamp.utc) == "2018-03-15T08:00:00Z")
        #expect(e.content.first?.value == "<p>京东表示已处罚商家</p><img src=\"https://news.example.com/pic.png\" />")
        #expect(e.tags.map(\.term) == ["电商", "维权"])
        #expect(e.links.contains { $0.rel == "enclosure" && $0.length == "1234" })
    }

    @Test func mastodonStatusesKeepReachAndUnwrapBoosts() throws {
        let feed = try parse("mastodon-statuses.json")
        #expect(feed.version == "mastodon")
        let posts = FeedPostAdapter.posts(from: feed, source: "mastodon").posts
        #expect(posts.count == 2)
        #expect(posts[0].followers == 2100 && posts[0].reposts == 12 && posts[0].likes == 40)
        #expect(posts[0].text.contains("Comfort U"))
        #expect(!(feed.entries[0].summary ?? "").contains("javascript"))
        #expect(posts[1].author == "amy@mastodon.example")   // the boosted original
        #expect(posts[1].id == posts[0].id)                  // so dedup sees one post
    }

    @Test func redditHackerNewsAndJetstream() throws {
        let reddit = FeedPostAdapter.posts(from: try parse("reddit-listing.json"), source: "reddit").posts
        #expect(reddit.first?.id == "t3_abc")
        #expect(reddit.first?.url == "https://www.reddit.com/r/China/comments/abc/jd_refused/")
        #expect(reddit.first?.comments == 88)
        #expect(reddit.first?.createdAt.timeIntervalSince1970 == 1_520_993_400)
        let hn = FeedPostAdapter.posts(from: try parse("hn-search.json"), source: "hn").posts
        #expect(hn.first?.id == "hn:16580000" && hn.first?.likes == 57)
        let bsky = try parse("jetstream-events.json")
        #expect(bsky.version == "bluesky-jetstream")
        #expect(bsky.entries.count == 1)   // only post creations
        #expect(bsky.entries.first?.id == "at://did:plc:abc123/app.bsky.feed.post/3k2a")
        #expect(bsky.entries.first?.language == "zh")
    }

    @Test func blueskySearchPosts() throws {
        let feed = try parse("bluesky-search.json")
        #expect(feed.version == "bluesky-search")
        let post = try #require(FeedPostAdapter.posts(from: feed, source: "bsky").posts.first)
        #expect(post.author == "amy.bsky.social" && post.followers == 5400 && post.reposts == 19)
        #expect(post.url == "https://bsky.app/profile/amy.bsky.social/post/3k2a")
    }

    @Test func unknownJSONIsAClearError() {
        #expect(throws: FeedError.self) { try FeedParser.parse(Data("{\"hello\": 1}".utf8), source: "x") }
    }
}

@Suite struct SanitizerRegressionTests {
    /// Found by `make fuzz`: SGML shorthand data spliced a script tag back together.
    @Test func shorthandDataCannotFormATag() {
        let out = HTMLSanitizer.sanitize("<r/span>b</script><p>x</p>")
        #expect(!out.lowercased().contains("<script"))
        let fuzzed = HTMLSanitizer.sanitize("<rrrrrrrr/span><)br mascript>b</script><a href=\"javas\">d</a>")
        #expect(!fuzzed.lowercased().contains("<script"))
    }
}

@Suite struct DedupTests {
    let t0 = Date(timeIntervalSince1970: 1_520_992_032)

    @Test func canonicalLinksDropTrackingAndNoise() {
        #expect(PostDeduplicator.canonicalLink("http://WWW.Example.com:80/a/?utm_source=x&b=2&a=1#frag")
                == "https://example.com/a?a=1&b=2")
        #expect(PostDeduplicator.canonicalLink("https://weibo.com/123/abc?from=page_1005&spm=a.b")
                == "https://weibo.com/123/abc")
        #expect(PostDeduplicator.canonicalLink("javascript:alert(1)") == nil)
    }

    @Test func sameIdLinkOrAuthorTextIsADuplicateButRepostsAreNot() {
        var d = PostDeduplicator()
        let p = Post(id: "wb-1", source: "archive", author: "六六", text: "【无赖京东】我朋友在京东买了个 Comfort U 腰枕", url: "https://weibo.com/1/x?from=a", createdAt: t0)
        let first = d.isNew(p)
        let sameID = d.isNew(Post(id: "wb-1", source: "other", author: "x", text: "y", createdAt: t0))
        let sameLink = d.isNew(Post(id: "rsshub-9", source: "rsshub", author: "z", text: "different", url: "https://weibo.com/1/x?utm_source=rss", createdAt: t0))
        let sameWords = d.isNew(Post(id: "rsshub-10", source: "rsshub", author: "六六", text: "【无赖京东】我朋友在京东买了个Comfort U腰枕！", createdAt: t0))
        // Somebody else reposting the same words is a new post: that is what a surge is made of.
        let repost = d.isNew(Post(id: "wb-2", source: "archive", author: "路人", text: "【无赖京东】我朋友在京东买了个 Comfort U 腰枕", createdAt: t0))
        #expect(first && !sameID && !sameLink && !sameWords && repost)
    }

    /// Plain links take a byte-level path; it must give what `URLComponents` gives, and leave
    /// everything that is not plain to it.
    @Test func plainLinksCanonicalizeAsURLComponentsDoes() {
        let schemes = ["http://", "https://", "HTTPS://", "Http://", "ftp://", " https://", "https://user@"]
        let hosts = ["weibo.com", "WWW.Example.COM", "www.", "m.weibo.cn", "a-b.example.org", "x..y", ".lead", "例子.cn", "[::1]", "host_1"]
        let ports = ["", ":80", ":443", ":8080", ":0443", ":99999", ":", ":0"]
        let paths = ["", "/", "/a", "/a/", "//", "/123/abc", "/a b", "/%E4%BA%AC", "/x.html", "/~u/", "/a//b/", "/p;q"]
        let queries = ["", "?", "?a=1", "?b=2&a=1", "?utm_source=x&id=7", "?from=page_1005&spm=a.b", "?a=1&", "?a", "?a=1&a=0",
                       "?q=%E4%BA%AC", "?UTM_Medium=rss&z=", "?a=b+c", "?&a=1", "?fbclid=x"]
        let fragments = ["", "#", "#frag", "#a b", "#/x"]
        var rng = SplitMix(seed: 11)
        func pick(_ a: [String]) -> String { a[Int(rng.next() % UInt64(a.count))] }
        var plain = 0
        for _ in 0..<3_000 {
            let link = pick(schemes) + pick(hosts) + pick(ports) + pick(paths) + pick(queries) + pick(fragments)
            #expect(PostDeduplicator.canonicalLink(link) == PostDeduplicator.canonicalLinkByComponents(link), "\(link)")
            if PostDeduplicator.canonicalLink(link) != nil { plain += 1 }
        }
        #expect(plain > 500)
    }

    /// The content hash's fast paths (ASCII, CJK ideographs) agree with the general rule —
    /// skip white space and punctuation, lower-case the rest — on every kind of text.
    @Test func contentHashFastPathsAgreeWithTheGeneralRule() {
        func reference(author: String, text: String) -> UInt64? {
            var h = FNV1a()
            h.add(3)
            for b in author.lowercased().utf8 { h.add(b) }
            h.add(0)
            var kept = 0
            for scalar in text.unicodeScalars {
                let p = scalar.properties
                if p.isWhitespace || p.isPunctuation { continue }
                kept += 1
                for b in p.lowercaseMapping.utf8 { h.add(b) }
            }
            return kept >= 8 ? h.value : nil
        }
        let pieces = ["京东", "無賴", "Comfort U", "ÉCOLE", "ΣΊΣΥΦΟΣ", "ｆｕｌｌ－ｗｉｄｔｈ", "【", "】", "，", "!", "$", "+", "<", "~", "^",
                      "_", "-", " ", "\t", "\u{3000}", "😡", "👍🏽", "İstanbul", "ß", "\u{9FFF}", "\u{4E00}", "\u{3400}", "12315", "#话题#", "@User"]
        var rng = SplitMix(seed: 7)
        for _ in 0..<2_000 {
            let text = (0..<Int(rng.next() % 12)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
            let author = pieces[Int(rng.next() % UInt64(pieces.count))]
            #expect(PostDeduplicator.contentHash(author: author, text: text) == reference(author: author, text: text), "\(author) / \(text)")
        }
        // Every character of the tabled blocks (CJK punctuation, full-width forms), in a text
        // long enough to hash.
        for v in Array(0x3000...0x303F) + Array(0xFF00...0xFFEF) {
            guard let scalar = Unicode.Scalar(v) else { continue }
            let text = "京东客服" + String(scalar) + "不退货ab"
            #expect(PostDeduplicator.contentHash(author: "u", text: text) == reference(author: "u", text: text), "U+\(String(v, radix: 16))")
        }
    }

    /// Memory is bounded: what is older than the horizon before the newest post is forgotten.
    @Test func forgetsBeyondTheHorizon() {
        var d = PostDeduplicator(horizon: 86_400)
        let old = Post(id: "old", source: "s", author: "a", text: "an old post about the pillow", createdAt: t0)
        let first = d.isNew(old)
        #expect(first)
        for i in 0..<40_000 {
            _ = d.isNew(Post(id: "n\(i)", source: "s", author: "a\(i)", text: "news", createdAt: t0.addingTimeInterval(2 * 86_400 + Double(i))))
        }
        let again = d.isNew(old)
        #expect(again, "forgotten after a day")
        let recent = d.isNew(Post(id: "n39999", source: "s", author: "x", text: "y", createdAt: t0.addingTimeInterval(3 * 86_400)))
        #expect(!recent, "remembered within the horizon")
    }
}

/// One table over `Tests/Fixtures/rss/`: Chinese encodings and RSSHub's real output shape.
@Suite struct RSSFixtureTableTests {
    @Test(arguments: [
        ("gbk.xml", "gbk", "微博关键词：京东", "无赖京东，非质量问题不退货"),
        ("big5.xml", "big5", "微博關鍵詞：京東", "無賴京東，非質量問題不退貨"),
        ("gb2312.xml", "gb18030", "微博关键词：京东", "无赖京东"),
        ("rsshub-weibo.xml", "utf-8", "微博关键词搜索 京东", "【无赖京东】我朋友在京东买了个 Comfort U 腰枕，1400元，收到的是 Contour U…"),
    ])
    func parses(_ file: String, _ encoding: String, _ title: String, _ item: String) throws {
        let feed = try FeedParser.parse(Fixtures.data("rss/" + file), source: file)
        #expect(!feed.bozo, "\(feed.bozoException ?? "")")
        #expect(feed.encoding == encoding)
        #expect(feed.title == title)
        let e = try #require(feed.entries.first)
        #expect(e.title == item)
        #expect(e.published.map(Timestamp.utc) == "2018-03-14T01:47:12Z")
        #expect(e.author == "六六")
        let post = try #require(FeedPostAdapter.posts(from: feed, source: "weibo").posts.first)
        #expect(!post.text.contains("<") && post.text.contains("京"))
    }
}

/// The fuzz targets' checks hold on their seed corpora (what `make fuzz` starts from).
@Suite struct FuzzSeedTests {
    @Test(arguments: [("feed-parser", "feeds"), ("feed-parser", "json"), ("feed-parser", "rss"),
                      ("html-sanitizer", "fuzz/html"), ("feed-date", "fuzz/dates"), ("post-line", "bad")])
    func seedsPass(_ target: String, _ corpus: String) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Fixtures.root + "/.build/debug/OutcryFuzz")
        p.arguments = [Fixtures.path(corpus)]
        p.environment = ["OUTCRY_FUZZ_TARGET": target]
        let err = Pipe()
        p.standardError = err
        try p.run()
        let out = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "\(out)")
        #expect(out.contains("\(target): ran"))
    }
}

/// feedparser's tolerance rules that the conformance corpus checks, pinned on our own inputs.
@Suite struct FeedToleranceTests {
    func parse(_ xml: String, contentType: String? = nil, baseURL: String? = nil) throws -> ParsedFeed {
        try FeedParser.parse(Data(xml.utf8), source: "test", contentType: contentType, baseURL: baseURL)
    }

    @Test func windows1252CharactersDecodedAsC1ControlsAreMapped() throws {
        // U+0092 and U+0093/U+0094: windows-1252 quotes that were decoded as ISO-8859-1 somewhere upstream.
        let feed = try parse("<rss version=\"2.0\"><channel><item><title>don\u{92}t say \u{93}hi\u{94}</title></item></channel></rss>")
        #expect(feed.entries.first?.title == "don\u{2019}t say \u{201C}hi\u{201D}")
    }

    @Test func ibm861AndMacCentralEuropeNamesAreKnown() throws {
        for (name, expected) in [("cp_is", "Ç"), ("csibm861", "Ç"), ("maccentraleurope", "Ä")] {
            var bytes = Array("<?xml version=\"1.0\" encoding=\"\(name)\"?><rss version=\"2.0\"><channel><title>".utf8)
            bytes += [0x80] + Array("</title></channel></rss>".utf8)
            let feed = try FeedParser.parse(Data(bytes), source: name)
            #expect(feed.title == expected, "\(name)")
            #expect(!feed.bozo, "\(name)")
        }
    }

    @Test func hexadecimalCharacterReferencesAreKeptLowerCased() throws {
        let feed = try parse("<rss version=\"2.0\"><channel><item><description>&amp;#X61; &amp;#x92;</description></item></channel></rss>")
        #expect(feed.entries.first?.summary == "&#x61; &#x2019;")
    }

    @Test func atomIdsResolveAndEmptyTypesAreText() throws {
        let feed = try parse("""
            <feed xmlns="http://www.w3.org/2005/Atom"><id>/feed</id>
            <entry><id>/relative/link</id><title type="">plain</title>
            <content type="html"><div xmlns="http://www.w3.org/1999/xhtml">Example &lt;b&gt;Atom&lt;/b&gt;</div></content></entry>
            <entry><id>tag:example.com,2018:1</id></entry></feed>
            """, baseURL: "http://news.example.com/feeds/atom.xml")
        #expect(feed.id == "http://news.example.com/feed")
        #expect(feed.entries[0].id == "http://news.example.com/relative/link")
        #expect(feed.entries[0].title == "plain")
        #expect(feed.entries[0].content.first?.value == "Example <b>Atom</b>")
        #expect(feed.entries[1].id == "tag:example.com,2018:1")
    }

    @Test func aBaseWithAnUnsafeSchemeIsIgnored() throws {
        let feed = try parse("<feed xmlns=\"http://www.w3.org/2005/Atom\"><link rel=\"alternate\" href=\"/abs\"/></feed>",
                             baseURL: "javascript:alert('unsafe');")
        #expect(feed.link == "/abs")
    }
}

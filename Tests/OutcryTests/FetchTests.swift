import Foundation
import OutcryCore
import OutcryFeeds
import OutcryHTTP
import OutcryTesting
import Testing

@Suite(.serialized) struct HTTPFetcherTests {
    @Test func fetchesThenGets304OnConditionalGet() async throws {
        let server = try LocalHTTPServer(directory: Fixtures.path("feeds"))
        let fetcher = HTTPFetcher()
        let first = try await fetcher.fetch(FetchRequest(url: server.url("rss20.xml")))
        #expect(first.status == 200)
        #expect(first.body == (try Fixtures.data("feeds/rss20.xml")))
        let lastModified = try #require(first.headers["last-modified"])
        let second = try await fetcher.fetch(FetchRequest(url: server.url("rss20.xml"), lastModified: lastModified))
        #expect(second.notModified)
        #expect(second.body.isEmpty)
    }

    @Test func enforcesTheSizeCapWhileStreaming() async throws {
        let server = try LocalHTTPServer(directory: Fixtures.path("feeds"))
        var request = FetchRequest(url: server.url("rss20.xml"))
        request.maxBytes = 100
        await #expect(throws: FetchError.self) { try await HTTPFetcher().fetch(request) }
    }

    @Test func refusesOtherSchemes() async {
        await #expect(throws: FetchError.self) { try await HTTPFetcher().fetch(FetchRequest(url: "file:///etc/passwd")) }
        await #expect(throws: FetchError.self) { try await HTTPFetcher().fetch(FetchRequest(url: "ftp://127.0.0.1/x")) }
    }

    @Test func urlSourceParsesAndThenReportsNothingNew() async throws {
        let server = try LocalHTTPServer(directory: Fixtures.path("feeds"))
        let source = URLPostSource(name: "news", url: server.url("atom10.xml"))
        let posts = try await source.fetch()
        #expect(posts.count == 1)
        #expect(posts[0].source == "news")
        #expect(try await source.fetch().isEmpty)
    }

    @Test func feedParseFetchesURLs() throws {
        let server = try LocalHTTPServer(directory: Fixtures.path("feeds"))
        let r = try CLI.run(["feed", "parse", server.url("atom10.xml"), "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("\"version\":\"atom10\""))
        #expect(try CLI.run(["feed", "parse", server.url("missing.xml"), "--json"]).status == 1)
        for bad in ["http://", "http:///feed.xml", "https://exa mple.com/feed"] {   // bad input, not a failed fetch
            let r = try CLI.run(["feed", "parse", bad])
            #expect(r.status == 2 && r.stderr.contains("is not a URL with a host"), "\(bad): \(r.stderr)")
        }
    }

    /// A token read from the environment with a stray line break must not split the request into
    /// headers of its choosing; the error names the header, never the (secret) value.
    @Test func aHeaderWithALineBreakIsRefusedNotSent() async throws {
        let server = try LocalHTTPServer(directory: Fixtures.path("feeds"))
        for value in ["Bearer s3cret\r\nX-Injected: 1", "Bearer s3cret\n", "Bearer s3\rcret"] {
            var request = FetchRequest(url: server.url("rss20.xml"))
            request.headers["Authorization"] = value
            do {
                _ = try await HTTPFetcher().fetch(request)
                Issue.record("sent \(value.debugDescription)")
            } catch let e as FetchError {
                #expect(e.message == "header 'Authorization' has a line break in its value")
                #expect(!"\(e)".contains("s3"))
            }
        }
        var badName = FetchRequest(url: server.url("rss20.xml"))
        badName.headers["X-A: b\r\nX-B"] = "c"
        await #expect(throws: FetchError.self) { try await HTTPFetcher().fetch(badName) }
        var fine = FetchRequest(url: server.url("rss20.xml"))
        fine.headers["Authorization"] = "Bearer s3cret"
        #expect(try await HTTPFetcher().fetch(fine).status == 200)
    }

    @Test func connectionRefusedIsAnError() async {
        // Port 9 (discard) on loopback: nothing listens there in the test environment.
        var request = FetchRequest(url: "http://127.0.0.1:9/feed.xml")
        request.connectTimeout = 2
        await #expect(throws: FetchError.self) { try await HTTPFetcher().fetch(request) }
    }
}

@Suite struct PollScheduleTests {
    let t0 = Date(timeIntervalSince1970: 1_520_992_032)
    let policy = PollPolicy()

    func fresh() -> SourceState { SourceState(id: "weibo", url: "http://rsshub/weibo", interval: 300, nextPollAt: t0) }

    @Test func adaptsToTheSourcesRhythm() {
        var s = fresh()
        PollSchedule.record(.fetched(newItems: 5), on: &s, at: t0, policy: policy)
        #expect(s.interval == 150 && s.nextPollAt == t0.addingTimeInterval(150))
        for _ in 0..<20 { PollSchedule.record(.notModified, on: &s, at: t0, policy: policy) }
        #expect(s.interval == policy.maxInterval)
        for _ in 0..<20 { PollSchedule.record(.fetched(newItems: 1), on: &s, at: t0, policy: policy) }
        #expect(s.interval == policy.minInterval)
        #expect(s.health == "ok")
    }

    /// A `max_interval` below the interval a source starts at (or saved under wider bounds)
    /// holds from the first poll, and so does a `min_interval` above it.
    @Test func intervalsStayWithinTheConfiguredBounds() {
        var tight = PollPolicy()
        (tight.minInterval, tight.maxInterval) = (5, 10)
        var s = fresh()
        PollSchedule.record(.fetched(newItems: 5), on: &s, at: t0, policy: tight)
        #expect(s.interval == 10 && s.nextPollAt == t0.addingTimeInterval(10))
        PollSchedule.record(.notModified, on: &s, at: t0, policy: tight)
        #expect(s.interval == 10)
        var slow = PollPolicy()
        (slow.minInterval, slow.maxInterval) = (900, 3600)
        s = fresh()
        PollSchedule.record(.fetched(newItems: 5), on: &s, at: t0, policy: slow)
        #expect(s.interval == 900)
    }

    @Test func throttlingHonoursRetryAfterAndFailuresBackOff() {
        var s = fresh()
        PollSchedule.record(.throttled(status: 429, retryAfter: 900), on: &s, at: t0, policy: policy)
        #expect(s.nextPollAt >= t0.addingTimeInterval(900))
        #expect(s.health == "failing")
        var waits: [TimeInterval] = []
        for _ in 0..<6 {
            PollSchedule.record(.failed(status: 503, message: "HTTP 503"), on: &s, at: t0, policy: policy)
            waits.append(s.nextPollAt.timeIntervalSince(t0))
        }
        #expect(waits.last! > waits.first!)
        #expect(waits.allSatisfy { $0 <= policy.maxInterval * 1.25 })
        #expect(s.lastError == "HTTP 503")
        PollSchedule.record(.fetched(newItems: 0), on: &s, at: t0, policy: policy)
        #expect(s.consecutiveFailures == 0 && s.lastError == nil)
    }

    @Test func silenceFarBeyondTheUsualRhythmIsAProblem() {
        var s = fresh()
        for i in 0..<10 { PollSchedule.record(.fetched(newItems: 3), on: &s, at: t0.addingTimeInterval(Double(i) * 600), policy: policy) }
        #expect(s.meanNewItemGap == 600)
        let last = t0.addingTimeInterval(9 * 600)
        #expect(s.healthProblem(at: last.addingTimeInterval(3 * 3600)) == nil)
        let problem = s.healthProblem(at: last.addingTimeInterval(7 * 3600))
        #expect(problem?.since == last)
        #expect(problem?.message.contains("silent") == true)
    }

    @Test func retryAfterAsSecondsOrDate() {
        #expect(PollSchedule.retryAfter("120", now: t0) == 120)
        #expect(PollSchedule.retryAfter("Wed, 14 Mar 2018 01:57:12 GMT", now: t0) == 600)
        #expect(PollSchedule.retryAfter(nil, now: t0) == nil)
    }

    @Test func hostLimiterSpacesRequests() async {
        let limiter = HostLimiter(defaultDelay: 0.2)
        let start = Date()
        for _ in 0..<3 { await limiter.acquire(host: "rsshub.example") }
        #expect(Date().timeIntervalSince(start) >= 0.39)
    }
}

@Suite struct SourceCursorTests {
    @Test func requestsOnlyWhatIsNewer() {
        #expect(SourceCursor.request("https://m.example/api/v1/timelines/tag/jd?limit=40", version: "mastodon", cursor: "109")
                == "https://m.example/api/v1/timelines/tag/jd?limit=40&min_id=109")
        #expect(SourceCursor.request("https://www.reddit.com/r/China/new.json", version: "reddit", cursor: "t3_abc")
                == "https://www.reddit.com/r/China/new.json?before=t3_abc")
        #expect(SourceCursor.request("https://hn.example/api/v1/search_by_date?query=JD&numericFilters=points>1", version: "hackernews", cursor: "1520994000")
                == "https://hn.example/api/v1/search_by_date?query=JD&numericFilters=points%3E1,created_at_i%3E1520994000")
        #expect(SourceCursor.request("https://x/feed.xml", version: "rss20", cursor: "1") == "https://x/feed.xml")
    }

    @Test func linkHeaderRelations() {
        let header = #"<https://m.example/api/v1/timelines/tag/jd?limit=20&max_id=101>; rel="next", <https://m.example/api/v1/timelines/tag/jd?limit=20&min_id=120>; rel="prev""#
        let rels = LinkHeader.relations(header)
        #expect(rels["next"] == "https://m.example/api/v1/timelines/tag/jd?limit=20&max_id=101")
        #expect(rels["prev"] == "https://m.example/api/v1/timelines/tag/jd?limit=20&min_id=120")
        #expect(LinkHeader.relations("<https://x/a,b>; title=\"x, y\"; rel=\"alternate Prev\"")["prev"] == "https://x/a,b")
        #expect(LinkHeader.relations(nil).isEmpty && LinkHeader.relations("garbage").isEmpty)
    }

    @Test func advancesToTheNewestItem() throws {
        let mastodon = try FeedParser.parse(Fixtures.data("json/mastodon-statuses.json"), source: "m")
        #expect(SourceCursor.advance(mastodon, old: nil) == "110")
        let reddit = try FeedParser.parse(Fixtures.data("json/reddit-listing.json"), source: "r")
        #expect(SourceCursor.advance(reddit, old: nil) == "t3_abc")
        let hn = try FeedParser.parse(Fixtures.data("json/hn-search.json"), source: "h")
        #expect(SourceCursor.advance(hn, old: "1") == "1520994000")
    }

    @Test func spentRateLimitPausesUntilReset() {
        let now = Date(timeIntervalSince1970: 1_520_992_032)
        #expect(PollSchedule.rateLimitPause(["x-ratelimit-remaining": "0", "x-ratelimit-reset": "300"], now: now) == 300)
        #expect(PollSchedule.rateLimitPause(["x-ratelimit-remaining": "0.0", "x-ratelimit-reset": "2018-03-14T02:17:12Z"], now: now) == 1800)
        #expect(PollSchedule.rateLimitPause(["x-ratelimit-remaining": "12"], now: now) == nil)
    }
}

/// The fetcher against a server that misbehaves on purpose (Tests/Support/misbehaving_server.py).
@Suite(.serialized) struct MisbehavingServerTests {
    let server: LocalHTTPServer
    init() throws { server = try LocalHTTPServer.misbehaving() }

    func fetch(_ path: String, configure: (inout FetchRequest) -> Void = { _ in }) async throws -> FetchResponse {
        var r = FetchRequest(url: server.url(path))
        configure(&r)
        return try await HTTPFetcher().fetch(r)
    }

    @Test func slowDripHitsTheTotalTimeout() async {
        await #expect(throws: FetchError.self) { try await fetch("slow") { $0.totalTimeout = 1 } }
    }

    @Test func serverErrorsAndThrottlingAreReportedNotThrown() async throws {
        #expect(try await fetch("500").status == 500)
        let throttled = try await fetch("429")
        #expect(throttled.status == 429)
        #expect(PollSchedule.retryAfter(throttled.headers["retry-after"], now: Date()) == 120)
    }

    @Test func truncatedBodyIsAnError() async {
        await #expect(throws: FetchError.self) { try await fetch("truncated") }
    }

    @Test func gzipBombStopsAtTheCap() async {
        await #expect(throws: FetchError.self) { try await fetch("gzip-bomb") { $0.maxBytes = 1 << 20 } }
    }

    @Test func redirectLoopIsBounded() async {
        await #expect(throws: FetchError.self) { try await fetch("loop") }
    }

    @Test func permanentRedirectIsReported() async throws {
        let r = try await fetch("moved")
        #expect(r.status == 200)
        #expect(r.movedPermanently == server.url("feed.xml"))
    }

    @Test func etagChurnStillGets304OnLastModified() async throws {
        let first = try await fetch("etag-churn")
        let second = try await fetch("etag-churn") {
            $0.etag = first.headers["etag"]
            $0.lastModified = first.headers["last-modified"]
        }
        #expect(second.notModified)
    }

    @Test func wrongCharsetHeaderStillParses() async throws {
        let r = try await fetch("wrong-charset")
        // RFC 3023: the HTTP charset wins, as in feedparser; the feed parses, the text is Latin-1 mojibake.
        let feed = try FeedParser.parse(r.body, source: "t", contentType: r.headers["content-type"])
        #expect(feed.encoding == "iso-8859-1")
        #expect(feed.entries.count == 1)
    }
}

/// The WebSocket client Jetstream needs (libcurl 7.88 has none): framing, handshake, sessions.
@Suite(.serialized) struct WebSocketTests {
    @Test func acceptKeyFollowsRFC6455() {
        #expect(WebSocketListener.accept(forKey: "dGhlIHNhbXBsZSBub25jZQ==") == "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")
    }

    @Test func clientFramesAreMaskedAndLengthsEncoded() {
        let short = WebSocketFrame(opcode: .text, payload: Array("Hi".utf8)).encoded(mask: (1, 2, 3, 4))
        #expect(short == [0x81, 0x82, 1, 2, 3, 4, UInt8(ascii: "H") ^ 1, UInt8(ascii: "i") ^ 2])
        let medium = WebSocketFrame(opcode: .binary, payload: [UInt8](repeating: 7, count: 300)).encoded(mask: (0, 0, 0, 0))
        #expect(Array(medium.prefix(4)) == [0x82, 0x80 | 126, 0x01, 0x2C])
        let long = WebSocketFrame(opcode: .binary, payload: [UInt8](repeating: 7, count: 70_000)).encoded(mask: (0, 0, 0, 0))
        #expect(Array(long.prefix(10)) == [0x82, 0x80 | 127, 0, 0, 0, 0, 0, 0x01, 0x11, 0x70])
    }

    @Test func readerJoinsFragmentsAndPassesControlFramesBetween() throws {
        var r = WebSocketReader(maxMessageBytes: 64)
        // "Hel" (text, not final), ping, "lo" (continuation, final), close 1000, fed a byte at a time.
        let bytes: [UInt8] = [0x01, 3] + Array("Hel".utf8) + [0x89, 1, 0x2A] + [0x80, 2] + Array("lo".utf8) + [0x88, 2, 0x03, 0xE8]
        var events: [WebSocketReader.Event] = []
        for b in bytes {
            r.append([b])
            while let e = try r.next() { events.append(e) }
        }
        #expect(events == [.ping([0x2A]), .message(opcode: .text, payload: Array("Hello".utf8)), .close(code: 1000, reason: "")])
    }

    @Test func readerRefusesWhatAServerMustNotSend() {
        var masked = WebSocketReader()
        masked.append([0x81, 0x81, 0, 0, 0, 0, 0x41])
        #expect(throws: WebSocketError.self) { try masked.next() }
        var huge = WebSocketReader(maxMessageBytes: 10)
        huge.append([0x81, 11])
        #expect(throws: WebSocketError.messageTooLarge(10)) { try huge.next() }
        var orphan = WebSocketReader()
        orphan.append([0x80, 1, 0x41])
        #expect(throws: WebSocketError.self) { try orphan.next() }
    }

    @Test func listensToAJetstreamSessionAndResumesFromTheCursor() async throws {
        let server = try LocalHTTPServer.misbehaving()
        let ws = server.url("jetstream").replacingOccurrences(of: "http://", with: "ws://")
        var options = WebSocketListener.Options()
        options.duration = 10
        let session = try await WebSocketListener().listen(url: ws, options: options)
        #expect(session.messages.count == 30)
        #expect(session.closedByServer && session.closeCode == 1000)
        let cursor = try #require(SourceCursor.jetstream(session.messages, old: nil))
        #expect(cursor == "1000000000000030")
        var lines: [UInt8] = []
        for m in session.messages { lines += m; lines.append(0x0A) }
        let feed = try FeedParser.parse(Data(lines), source: "jetstream")
        #expect(feed.version == "bluesky-jetstream")
        #expect(feed.entries.count == 30)
        #expect(feed.entries[4].summary == "京东 post 5")   // a fragmented message, joined

        let resumed = try await WebSocketListener().listen(url: ws + "?cursor=1000000000000025", options: options)
        #expect(resumed.messages.count == 5)
        #expect(SourceCursor.jetstream(resumed.messages, old: cursor) == "1000000000000030")
    }

    /// wss: libcurl does the TLS (certificate checked against the CA we name), we do the rest.
    @Test func listensOverTLS() async throws {
        let (server, certificate) = try LocalHTTPServer.misbehavingTLS()
        let wss = server.url("jetstream").replacingOccurrences(of: "http://", with: "wss://")
        var options = WebSocketListener.Options()
        options.caFile = certificate
        let session = try await WebSocketListener().listen(url: wss, options: options)
        #expect(session.messages.count == 30)
        // Without trusting that certificate the connection is refused.
        await #expect(throws: WebSocketError.self) { try await WebSocketListener().listen(url: wss) }
    }

    @Test func aWrongAcceptKeyOrAPlainHTTPServerFailsTheHandshake() async throws {
        let server = try LocalHTTPServer.misbehaving()
        let bad = server.url("jetstream-bad").replacingOccurrences(of: "http://", with: "ws://")
        await #expect(throws: WebSocketError.self) { try await WebSocketListener().listen(url: bad) }
        let plain = server.url("500").replacingOccurrences(of: "http://", with: "ws://")
        await #expect(throws: WebSocketError.self) { try await WebSocketListener().listen(url: plain) }
        await #expect(throws: WebSocketError.self) { try await WebSocketListener().listen(url: server.url("jetstream")) }
    }
}

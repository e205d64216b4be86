import Foundation
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
    }

    @Test func connectionRefusedIsAnError() async {
        // Port 9 (discard) on loopback: nothing listens there in the test environment.
        var request = FetchRequest(url: "http://127.0.0.1:9/feed.xml")
        request.connectTimeout = 2
        await #expect(throws: FetchError.self) { try await HTTPFetcher().fetch(request) }
    }
}

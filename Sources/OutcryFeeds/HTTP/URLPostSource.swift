import Foundation
import OutcryCore
import OutcryHTTP
import Synchronization

/// A feed fetched over HTTP: remembers its validators so each poll is a conditional GET, and
/// reports nothing new (not an error) on 304.
public final class URLPostSource: PostSource {
    public let name: String
    public let url: String
    private let fetcher: HTTPFetcher
    private let validators = Mutex<(etag: String?, lastModified: String?)>((nil, nil))

    public init(name: String, url: String, fetcher: HTTPFetcher = HTTPFetcher()) {
        self.name = name
        self.url = url
        self.fetcher = fetcher
    }

    public func fetch() async throws -> [Post] {
        let v = validators.withLock { $0 }
        let response = try await fetcher.fetch(FetchRequest(url: url, etag: v.etag, lastModified: v.lastModified))
        if response.notModified { return [] }
        guard (200..<300).contains(response.status) else {
            throw FeedError(source: HTTPFetcher.host(url), "HTTP \(response.status)")
        }
        validators.withLock { $0 = (response.headers["etag"] ?? $0.etag, response.headers["last-modified"] ?? $0.lastModified) }
        let feed = try FeedParser.parse(response.body, source: HTTPFetcher.host(url), contentType: response.headers["content-type"])
        return FeedPostAdapter.posts(from: feed, source: name).posts
    }
}

import Foundation
import OutcryPipeline
import OutcryTesting
import Testing

/// The `sources:` list of sources.yml: a source that could never be fetched is refused at load,
/// naming the line and field, rather than failing at every poll.
@Suite struct SourcesSectionTests {
    static let bad: [(String, String)] = [
        ("url: \"ftp://example.com/feed\"", "sources.yml:4: field 'sources[0].url': only http(s) URLs can be polled"),
        ("url: \"http://\"", "sources.yml:4: field 'sources[0].url': 'http://' is not a URL with a host"),
        ("url: \"https:///rss/weibo\"", "field 'sources[0].url': 'https:///rss/weibo' is not a URL with a host"),
        ("url: \"wss://\"", "field 'sources[0].url': 'wss://' is not a URL with a host"),
    ]

    @Test(arguments: bad) func badURLsNameTheLineAndField(_ url: String, _ message: String) throws {
        try expectConfigError(writing: "topics: topics.yml\nsources:\n  - name: weibo\n    \(url)\n", as: "sources.yml", containing: message)
    }
}

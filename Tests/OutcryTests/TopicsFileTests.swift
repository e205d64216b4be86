import Foundation
import OutcryCore
import OutcryPipeline
import OutcryTesting
import Testing

/// Topic definitions that would watch nothing, or everything, without a word are refused at
/// load, naming the line and field — checked with the analyzer's own folding and matching.
@Suite struct TopicsFileTests {
    static let bad: [(String, String)] = [
        // A full-width space folds to a space: every post holds one.
        ("  - id: jd\n    terms: [京东, \"　\"]\n", "topics.yml:3: field 'topics[0].terms[1]': '　' has nothing to match once normalized"),
        ("  - id: jd\n    terms: [京东]\n    exclude: [\"!!\"]\n", "topics.yml:4: field 'topics[0].exclude[0]': '!!' has nothing to match"),
        // A post is dropped from the topic when any exclusion matches: this term never counts.
        ("  - id: jd\n    terms: [京东, jd]\n    exclude: [京東]\n", "topics.yml:4: field 'topics[0].exclude': '京東' is found in the term '京东'"),
        ("  - id: jd\n    terms: [ＪＤ.com]\n    exclude: [jd]\n", "field 'topics[0].exclude': 'jd' is found in the term 'ＪＤ.com'"),
        ("  - id: \"jd pillow\"\n    terms: [京东]\n", "topics.yml:2: field 'topics[0].id': 'jd pillow' is not a one-word id"),
    ]

    @Test(arguments: bad) func badTopicsNameTheLineAndField(_ yaml: String, _ message: String) throws {
        try expectConfigError(writing: "topics:\n" + yaml, as: "topics.yml", containing: message) { _ = try TopicsFile.load($0) }
    }

    /// What the checks must let through: an exclusion longer than the term (京东方 beside 京东),
    /// one that only looks contained (jd in jdk: a word boundary), ids in any script, emoji terms.
    @Test func usualTopicsLoad() throws {
        let dir = try Fixtures.temporaryDirectory()
        try """
        topics:
          - id: 京东
            terms: [京东, jdk, "🍐"]
            exclude: [京东方, jd]
          - id: jd-pillow.v2
            terms: [Comfort U]

        """.write(toFile: dir + "/topics.yml", atomically: true, encoding: .utf8)
        #expect(try TopicsFile.load(dir + "/topics.yml").map(\.id) == ["京东", "jd-pillow.v2"])
        for shipped in ["feeds/demo/topics.yml", "Tests/Fixtures/topics.yml"] {
            #expect(try !TopicsFile.load(Fixtures.repo(shipped)).isEmpty)
        }
    }
}

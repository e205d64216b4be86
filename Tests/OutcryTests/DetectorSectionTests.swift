import Foundation
import OutcryCore
import OutcryPipeline
import OutcryTesting
import Testing

/// The `detector:` section of sources.yml: parsed strictly, and obeyed by replay.
@Suite struct DetectorSectionTests {
    func write(_ yaml: String) throws -> (dir: String, path: String) {
        let dir = try Fixtures.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: dir + "/feeds", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Fixtures.repo("feeds/demo/topics.yml"), toPath: dir + "/feeds/topics.yml")
        try yaml.write(toFile: dir + "/feeds/sources.yml", atomically: true, encoding: .utf8)
        return (dir, dir + "/feeds/sources.yml")
    }

    @Test func readsTheKnobsAndKeepsDefaultsElsewhere() throws {
        let (_, path) = try write("""
            topics: topics.yml
            detector:
              open_score: 4
              min_volume: 12
              weekly_rhythm: false
              learning_delay_hours: 12
            """)
        let d = try SourcesConfig.load(path).detector
        #expect(d.openScore == 4 && d.minVolume == 12 && !d.weeklyRhythm && d.learningDelaySeconds == 12 * 3600)
        #expect(d.learnDispersion && d.warningScore == 10 && d.criticalScore == 20)
        #expect(try SourcesConfig.load(try write("topics: topics.yml\n").path).detector == .init())
    }

    /// A source starts polling within its bounds, even when they are below the 300 s default start.
    @Test func pollingBoundsSetWhereASourceStarts() throws {
        let (_, path) = try write("""
            topics: topics.yml
            sources:
              - name: fast
                file: a.jsonl
                min_interval: 5
                max_interval: 10
              - name: slow
                file: b.jsonl
                min_interval: 600
              - name: default
                file: c.jsonl
              - name: capped
                file: d.jsonl
                max_interval: 30
            """)
        let policies = Dictionary(uniqueKeysWithValues: try SourcesConfig.load(path).sources.map { ($0.name, $0.policy) })
        #expect(policies["fast"]?.initialInterval == 10)
        #expect(policies["slow"]?.initialInterval == 600)
        #expect(policies["default"]?.initialInterval == 300)
        #expect(policies["capped"]?.minInterval == 30 && policies["capped"]?.initialInterval == 30, "no error for a maximum under the default minimum")
    }

    /// The shipped example is valid and states the defaults.
    @Test func exampleConfigurationLoads() throws {
        let config = try SourcesConfig.load(Fixtures.repo("feeds/sources.example.yml"))
        #expect(config.detector == .init())
        #expect(config.sources.count > 5)
    }

    @Test(arguments: [
        ("detector:\n  open_score: -1\n", "sources.yml:3: field 'detector.open_score'"),
        ("detector:\n  min_volume: 2.5\n", "field 'detector.min_volume'"),
        ("detector:\n  learn_dispersion: maybe\n", "sources.yml:3: field 'detector.learn_dispersion': expected true or false"),
        ("detector:\n  open_score: 30\n", "open_score ≤ warning_score ≤ critical_score"),
        ("detector:\n  open: 3\n", "field 'detector.open': unknown key"),
        ("detector:\n  learning_delay_hours: 200\n", "field 'detector.learning_delay_hours': expected hours between 0 and 168"),
    ])
    func badValuesNameTheFileLineAndField(_ section: String, _ message: String) throws {
        let (_, path) = try write("topics: topics.yml\n" + section)
        expectConfigError(path, containing: message)
    }

    /// With every surprise threshold at the cap (300), the demo incident opens only at the
    /// influencer's watch and never passes through warning (by default it does): replay obeys
    /// the section it finds under --config-dir. (A complaint count far above a topic's usual
    /// handful reaches the cap, so critical still comes.)
    @Test func replayDetectsWithTheConfiguredSensitivity() throws {
        let (dir, _) = try write("""
            topics: topics.yml
            detector:
              open_score: 300
              warning_score: 300
              critical_score: 300
            """)
        let demo = Fixtures.repo("feeds/demo")
        let r = try CLI.run(["replay", "--posts", demo + "/posts.jsonl", "--tickets", demo + "/tickets.jsonl", "--topics", demo + "/topics.yml",
                             "--out", dir + "/alerts.jsonl", "--config-dir", dir])
        #expect(r.status == 0, "\(r.stderr)")
        let severities = try String(contentsOfFile: dir + "/alerts.jsonl", encoding: .utf8).split(separator: "\n")
            .compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }.compactMap { $0["severity"] as? String }
        #expect(severities.first == "watch" && !severities.contains("warning"), "\(severities)")
    }
}

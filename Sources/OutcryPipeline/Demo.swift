import Foundation
import OutcryCore
import OutcryFeeds

/// Where the bundled incident lives and how to load it.
public enum Demo {
    public static func sourcesFile(configDir: String) -> String {
        (configDir as NSString).appendingPathComponent("feeds/demo/sources.yml")
    }

    /// The demo's job configuration and all its input, validated.
    public static func load(configDir: String) throws -> (config: SourcesConfig, input: ReplayInput) {
        let path = sourcesFile(configDir: configDir)
        guard FileManager.default.fileExists(atPath: path) else {
            throw InputError(file: path, "demo data not found (run from the repository root, or pass --config-dir)")
        }
        let config = try SourcesConfig.load(path)
        let sources = try config.sources.map { s -> FilePostSource in
            guard let file = s.file else { throw InputError(file: path, field: "sources", "the demo replays files only; '\(s.name)' has a url") }
            return FilePostSource(name: s.name, path: file)
        }
        let input = try ReplayInput.load(sources: sources, ticketFiles: config.tickets, topicsFile: config.topics,
                                         utcOffset: config.utcOffset)
        return (config, input)
    }

    /// Topics for commands that show stored data (timeline, dash): the demo's, when present.
    public static func topics(configDir: String) throws -> [Topic] {
        let main = (configDir as NSString).appendingPathComponent("feeds/topics.yml")
        if FileManager.default.fileExists(atPath: main) { return try TopicsFile.load(main) }
        return try TopicsFile.load(SourcesConfig.load(sourcesFile(configDir: configDir)).topics)
    }
}

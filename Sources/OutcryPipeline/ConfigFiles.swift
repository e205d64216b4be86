import Foundation
import OutcryCore
import OutcryConfig
import OutcryFeeds
import OutcryLinking
import OutcryScoring
import OutcryText
import Yams

/// Loads a topics file (`topics:` list of `{id, name, terms, exclude?, official_accounts?}`).
public enum TopicsFile {
    public static func load(_ path: String) throws -> [Topic] {
        let y = YAMLConfig(file: path)
        let root = try y.load()
        let top = try y.mapping(root, field: "", allowed: ["topics"])
        guard let list = top["topics"]?.sequence else {
            throw y.fail(top["topics"] ?? root, "topics", "expected a list of topics")
        }
        var topics: [Topic] = []
        var ids = Set<String>()
        for (i, node) in list.enumerated() {
            let field = "topics[\(i)]"
            let m = try y.mapping(node, field: field, allowed: ["id", "name", "terms", "exclude", "official_accounts"])
            let id = try y.string(m, "id", in: node, field: field)
            guard id.unicodeScalars.allSatisfy(isIDScalar) else {
                throw y.fail(m["id"] ?? node, "\(field).id", "'\(id.prefix(40))' is not a one-word id (letters, digits, '-', '_', '.'): it names the topic in commands, silences and spike ids")
            }
            guard ids.insert(id).inserted else { throw y.fail(node, "\(field).id", "duplicate topic id '\(id)'") }
            let terms = try y.strings(m, "terms", field: field, required: true, parent: node)
            guard !terms.isEmpty else { throw y.fail(node, "\(field).terms", "a topic needs at least one term") }
            let topic = Topic(id: id, name: try y.optionalString(m, "name", field: field) ?? id, terms: terms,
                              exclude: try y.strings(m, "exclude", field: field, required: false, parent: node),
                              officialAccounts: try y.strings(m, "official_accounts", field: field, required: false, parent: node))
            for key in ["terms", "exclude"] {
                for (k, term) in (key == "terms" ? topic.terms : topic.exclude).enumerated() where TopicTermCheck.isBlank(term) {
                    throw y.fail(m[key] ?? node, "\(field).\(key)[\(k)]", "'\(term)' has nothing to match once normalized (blank, or only punctuation)")
                }
            }
            if let shadow = TopicTermCheck.shadowedTerms(topic).first {
                throw y.fail(m["exclude"] ?? node, "\(field).exclude",
                             "'\(shadow.exclusion)' is found in the term '\(shadow.term)': a post is dropped when an exclusion matches, so the term could never count")
            }
            topics.append(topic)
        }
        guard !topics.isEmpty else { throw y.fail(root, "topics", "no topics defined") }
        return topics
    }

    /// Letters and digits of any script (京东 is an id), their marks, and `-`, `_`, `.`.
    static func isIDScalar(_ s: Unicode.Scalar) -> Bool {
        s.properties.isAlphabetic || s.properties.numericType != nil || s.properties.generalCategory == .nonspacingMark || "-_.".unicodeScalars.contains(s)
    }
}

/// Where a monitoring job gets its posts and tickets (`feeds/sources.yml`, `feeds/demo/sources.yml`).
public struct SourcesConfig: Sendable {
    public struct Source: Sendable {
        public var name: String
        /// A local file, relative to the config file's folder (replay, demo, archives)…
        public var file: String?
        /// …or an http(s) URL polled with conditional GET (RSSHub routes, Mastodon, Reddit…).
        public var url: String?
        public var policy = PollPolicy()
        /// Minimum seconds between requests to this source's host.
        public var hostDelay: TimeInterval?
        /// Name of the environment variable holding a bearer token (Bluesky, Mastodon search).
        /// The token itself never appears in configuration, logs or errors.
        public var tokenEnv: String?
        /// For a stream (`ws://`/`wss://`, Bluesky Jetstream): seconds each session listens
        /// before closing; the next poll resumes from the saved cursor.
        public var listenSeconds: TimeInterval = 10
        /// Keep only posts that mention a watched topic. Defaults to true for streams, which
        /// carry a whole network's posts.
        public var onlyTopics = false

        /// A WebSocket stream rather than a polled document.
        public var isStream: Bool { url.map { $0.hasPrefix("ws://") || $0.hasPrefix("wss://") } ?? false }
    }
    public var sources: [Source]
    /// Ticket files read at start and on reload (``TicketFilesSection``).
    public var tickets: [TicketFile]
    public var topics: String
    /// The audience's UTC offset in seconds: defines the daily rhythm and how times are shown.
    public var utcOffset: Int
    /// Surge detection knobs (`detector:`), defaults where the file is silent.
    public var detector = DetectorConfig()

    public static func load(_ path: String) throws -> SourcesConfig {
        let y = YAMLConfig(file: path)
        let root = try y.load()
        let m = try y.mapping(root, field: "", allowed: ["timezone", "sources", "tickets", "topics", "detector"])
        let dir = (path as NSString).deletingLastPathComponent
        func resolve(_ p: String) -> String { p.hasPrefix("/") ? p : (dir as NSString).appendingPathComponent(p) }
        var offset = 0
        if let tz = try y.optionalString(m, "timezone", field: "") {
            guard let parsed = UTCOffset.parse(tz) else { throw y.fail(m["timezone"]!, "timezone", UTCOffset.expected) }
            offset = parsed
        }
        var sources: [Source] = []
        for (i, node) in (m["sources"]?.sequence ?? []).enumerated() {
            let f = "sources[\(i)]"
            let sm = try y.mapping(node, field: f, allowed: ["name", "file", "url", "min_interval", "max_interval", "host_delay", "token_env",
                                                                  "listen_seconds", "only_topics"])
            var source = Source(name: try y.string(sm, "name", in: node, field: f),
                                file: try y.optionalString(sm, "file", field: f).map(resolve),
                                url: try y.optionalString(sm, "url", field: f))
            guard (source.file == nil) != (source.url == nil) else {
                throw y.fail(node, f, "a source needs exactly one of file or url")
            }
            if let u = source.url, !(u.hasPrefix("http://") || u.hasPrefix("https://") || source.isStream) {
                throw y.fail(sm["url"]!, "\(f).url", "only http(s) URLs can be polled and ws(s) URLs streamed")
            }
            if let u = source.url, URLComponents(string: u)?.host.map({ !$0.isEmpty }) != true {
                throw y.fail(sm["url"]!, "\(f).url", "'\(u.prefix(80))' is not a URL with a host")
            }
            if source.isStream {
                // Sessions chain: the next one starts as soon as this one ends (the cursor replays
                // whatever arrived in between), backing off only when the stream fails.
                source.policy.minInterval = 1
                source.policy.initialInterval = 1
                source.policy.maxInterval = 60
            }
            func seconds(_ key: String) throws -> TimeInterval? {
                try y.optionalNumber(sm, key, field: f, in: Double.leastNonzeroMagnitude...Double.greatestFiniteMagnitude,
                                     expected: "a positive number of seconds")
            }
            let minimum = try seconds("min_interval")
            if let v = minimum { source.policy.minInterval = v }
            if let v = try seconds("max_interval") {
                source.policy.maxInterval = v
                // A maximum below the default minimum is a source to poll that often.
                if minimum == nil { source.policy.minInterval = min(source.policy.minInterval, v) }
            }
            source.hostDelay = try seconds("host_delay")
            source.tokenEnv = try y.optionalString(sm, "token_env", field: f)
            if let v = try seconds("listen_seconds") { source.listenSeconds = v }
            source.onlyTopics = try y.optionalBool(sm, "only_topics", field: f) ?? source.isStream
            if source.policy.minInterval > source.policy.maxInterval {
                throw y.fail(node, "\(f).min_interval", "min_interval is above max_interval")
            }
            source.policy.initialInterval = source.policy.clamped(source.policy.initialInterval)
            sources.append(source)
        }
        let tickets = try TicketFilesSection.parse(m, y, timezone: offset, resolve: resolve)
        let topics = resolve(try y.optionalString(m, "topics", field: "") ?? "topics.yml")
        var config = SourcesConfig(sources: sources, tickets: tickets, topics: topics, utcOffset: offset)
        if let node = m["detector"] { config.detector = try DetectorSection.parse(node, y) }
        return config
    }
}

import Foundation
import OutcryConfig
import OutcryCore
import Yams

/// Reads `alerts/*.yml` into one ``AlertingConfig``, collecting every error (file, line, field)
/// instead of stopping at the first, so `outcry alerts check` can list them all. A configuration
/// with errors is never returned: it does not half-load.
public struct AlertingConfigLoader {
    public struct Outcome: Sendable {
        /// Nil when there are errors, or when the directory holds no configuration.
        public var config: AlertingConfig?
        public var errors: [InputError] = []
        /// Problems that do not stop a run (an unset secret makes that channel fail and retry).
        public var warnings: [InputError] = []
        public var files: [String] = []
    }

    let paths: [String]
    let environment: [String: String]
    /// Collected problems; a class so the readers can record into it from inside closures.
    private final class Diagnostics {
        var errors: [InputError] = []
        var warnings: [InputError] = []
    }
    private let diagnostics = Diagnostics()
    private var errors: [InputError] {
        get { diagnostics.errors }
        nonmutating set { diagnostics.errors = newValue }
    }
    private var warnings: [InputError] {
        get { diagnostics.warnings }
        nonmutating set { diagnostics.warnings = newValue }
    }

    /// - Parameter environment: where `*_env` settings are checked (names only; values are
    ///   never read into messages).
    public init(files: [String], environment: [String: String] = ProcessInfo.processInfo.environment) {
        paths = files
        self.environment = environment
    }

    /// The YAML files of the configuration, in name order.
    public static func files(in directory: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasSuffix(".yml") || $0.hasSuffix(".yaml") }.sorted()
            .map { (directory as NSString).appendingPathComponent($0) }
    }

    public static func load(directory: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> Outcome {
        load(files: files(in: directory), environment: environment)
    }

    /// One configuration from these files together (each section in one of them).
    public static func load(files: [String], environment: [String: String] = ProcessInfo.processInfo.environment) -> Outcome {
        AlertingConfigLoader(files: files, environment: environment).run()
    }

    private func run() -> Outcome {
        let files = paths
        var outcome = Outcome(files: files)
        guard !files.isEmpty else { return outcome }
        var sections: [String: (YAMLConfig, Node)] = [:]
        for file in files {
            let y = YAMLConfig(file: file)
            guard let root = attempt({ try y.load() }),
                  let top = attempt({ try y.mapping(root, field: "", allowed: ["rules", "route", "receivers", "inhibit_rules"]) })
            else { continue }
            for (key, node) in top.sorted(by: { $0.key < $1.key }) {
                if let earlier = sections[key] {
                    errors.append(y.fail(node, key, "already defined in \(earlier.0.file)"))
                } else {
                    sections[key] = (y, node)
                }
            }
        }
        let receivers = sections["receivers"].map { readReceivers($0.0, $0.1) } ?? []
        var route: Route?
        if let (y, node) = sections["route"] {
            route = readRoute(y, node, path: "route", parent: nil)
        } else if errors.isEmpty {
            errors.append(InputError(file: files[0], field: "route", "no routing tree: add a 'route:' with a receiver"))
        }
        let rules = sections["rules"].map { readRules($0.0, $0.1) } ?? [AlertRule(name: "all")]
        let inhibit = sections["inhibit_rules"].map { readInhibitRules($0.0, $0.1) } ?? []
        if let route, let (y, node) = sections["route"] {
            checkReceivers(route: route, receivers: receivers, y: y, node: node)
        }
        outcome.errors = errors
        outcome.warnings = warnings
        if errors.isEmpty, let route {
            outcome.config = AlertingConfig(rules: rules, route: route, receivers: receivers, inhibitRules: inhibit)
        }
        return outcome
    }

    private func attempt<T>(_ body: () throws -> T) -> T? {
        do {
            return try body()
        } catch let e as InputError {
            errors.append(e)
        } catch is Recorded {
        } catch {
            errors.append(InputError(file: paths.first ?? "alerts", "\(error)"))
        }
        return nil
    }

    /// Thrown after the errors were recorded one by one.
    private struct Recorded: Error {}

    private func duration(_ y: YAMLConfig, _ m: [String: Node], _ key: String, field: String) throws -> TimeInterval? {
        guard let s = try y.optionalString(m, key, field: field) else { return nil }
        guard let d = DurationText.parse(s) else { throw y.fail(m[key]!, "\(field).\(key)", "expected a duration like 30s, 5m, 4h or 1d, got '\(s)'") }
        return d
    }

    private func matchers(_ y: YAMLConfig, _ m: [String: Node], _ key: String, field: String, parent: Node) throws -> [LabelMatcher] {
        let texts = try y.strings(m, key, field: field, required: false, parent: parent)
        return try texts.enumerated().map { i, text in
            do { return try LabelMatcher.parse(text) } catch let e as MatcherError {
                throw y.fail(m[key]!.sequence![i], "\(field).\(key)[\(i)]", e.description)
            }
        }
    }

    private func severity(_ y: YAMLConfig, _ m: [String: Node], _ key: String, field: String) throws -> Severity? {
        guard let s = try y.optionalString(m, key, field: field) else { return nil }
        guard let v = Severity(rawValue: s) else { throw y.fail(m[key]!, "\(field).\(key)", "expected watch, warning or critical, got '\(s)'") }
        return v
    }

    private func number(_ y: YAMLConfig, _ m: [String: Node], _ key: String, field: String, range: ClosedRange<Double>) throws -> Double? {
        guard let node = m[key] else { return nil }
        guard let s = node.scalar?.string, let v = Double(s.hasSuffix("%") ? String(s.dropLast()) : s).map({ s.hasSuffix("%") ? $0 / 100 : $0 }) else {
            throw y.fail(node, "\(field).\(key)", "expected a number")
        }
        guard range.contains(v) else { throw y.fail(node, "\(field).\(key)", "must be between \(range.lowerBound) and \(range.upperBound)") }
        return v
    }

    private func labels(_ y: YAMLConfig, _ m: [String: Node], field: String) throws -> [String: String] {
        guard let node = m["labels"] else { return [:] }
        guard let map = node.mapping else { throw y.fail(node, "\(field).labels", "expected a mapping of label names to values") }
        var out: [String: String] = [:]
        for (k, v) in map {
            guard let key = k.string, key.first?.isLetter == true, key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
                throw y.fail(k, "\(field).labels", "label names are letters, digits and _")
            }
            guard !["topic", "severity", "kind", "spike", "rule"].contains(key) else {
                throw y.fail(k, "\(field).labels.\(key)", "'\(key)' is set by Outcry and cannot be overridden")
            }
            guard let value = v.string, v.scalar != nil else { throw y.fail(v, "\(field).labels.\(key)", "expected a string") }
            out[key] = value
        }
        return out
    }

    // MARK: rules

    private func readRules(_ y: YAMLConfig, _ node: Node) -> [AlertRule] {
        guard let list = node.sequence else {
            errors.append(y.fail(node, "rules", "expected a list of rules"))
            return []
        }
        var names = Set<String>()
        var rules: [AlertRule] = []
        for (i, item) in list.enumerated() {
            let field = "rules[\(i)]"
            guard let m = attempt({ try y.mapping(item, field: field, allowed: ["name", "topics", "min_severity", "min_volume", "min_negative_share", "min_reach", "quiet_hours", "labels"]) }),
                  let name = attempt({ try y.string(m, "name", in: item, field: field) })
            else { continue }
            var rule = AlertRule(name: name)
            if !names.insert(name).inserted { errors.append(y.fail(item, "\(field).name", "duplicate rule name '\(name)'")) }
            // Each field on its own, so one mistake does not hide the next.
            _ = attempt { rule.topics = try y.strings(m, "topics", field: field, required: false, parent: item) }
            _ = attempt { rule.minSeverity = try severity(y, m, "min_severity", field: field) ?? .watch }
            _ = attempt { rule.minVolume = Int(try number(y, m, "min_volume", field: field, range: 0...1e9) ?? 0) }
            _ = attempt { rule.minNegativeShare = try number(y, m, "min_negative_share", field: field, range: 0...1) ?? 0 }
            _ = attempt { rule.minReach = Int(try number(y, m, "min_reach", field: field, range: 0...1e12) ?? 0) }
            _ = attempt { rule.labels = try labels(y, m, field: field) }
            if let q = m["quiet_hours"] { _ = attempt { rule.quietHours = try quietHours(y, q, field: field + ".quiet_hours") } }
            rules.append(rule)
        }
        return rules
    }

    private func quietHours(_ y: YAMLConfig, _ node: Node, field: String) throws -> QuietHours {
        let m = try y.mapping(node, field: field, allowed: ["from", "to", "utc_offset", "min_severity"])
        func minute(_ key: String) throws -> Int {
            let s = try y.string(m, key, in: node, field: field)
            let parts = s.split(separator: ":").compactMap { Int($0) }
            guard parts.count == 2, (0..<24).contains(parts[0]), (0..<60).contains(parts[1]) else {
                throw y.fail(m[key]!, "\(field).\(key)", "expected a time of day like 23:00, got '\(s)'")
            }
            return parts[0] * 60 + parts[1]
        }
        var offset = 0
        if let tz = try y.optionalString(m, "utc_offset", field: field) {
            guard let parsed = UTCOffset.parse(tz) else { throw y.fail(m["utc_offset"]!, "\(field).utc_offset", UTCOffset.expected) }
            offset = parsed
        }
        let from = attempt { try minute("from") }, to = attempt { try minute("to") }
        let minSeverity = try severity(y, m, "min_severity", field: field) ?? .critical
        guard let from, let to else { throw Recorded() }
        return QuietHours(from: from, to: to, utcOffset: offset, minSeverity: minSeverity)
    }

    // MARK: routes

    private func readRoute(_ y: YAMLConfig, _ node: Node, path: String, parent: Route?) -> Route? {
        attempt {
            let m = try y.mapping(node, field: path, allowed: ["name", "receiver", "matchers", "group_by", "group_wait", "group_interval",
                                                               "repeat_interval", "continue", "escalate", "routes"])
            guard let receiver = try y.optionalString(m, "receiver", field: path) ?? parent?.receiver else {
                throw y.fail(node, "\(path).receiver", "the root route needs a receiver")
            }
            var r = parent ?? Route(receiver: receiver)
            r.receiver = receiver
            r.path = path
            r.routes = []
            r.continue = false
            r.escalation = parent?.escalation
            r.line = y.line(node)
            _ = attempt { r.name = try y.optionalString(m, "name", field: path) }
            _ = attempt { r.matchers = try matchers(y, m, "matchers", field: path, parent: node) }
            if parent != nil, m["matchers"] == nil {
                // A child without matchers takes everything its parent does; allowed, but usually a mistake.
                warnings.append(y.fail(node, "\(path).matchers", "no matchers: this route takes every alert that reaches it"))
            }
            if m["group_by"] != nil { _ = attempt { r.groupBy = try y.strings(m, "group_by", field: path, required: false, parent: node) } }
            _ = attempt { r.groupWait = try duration(y, m, "group_wait", field: path) ?? r.groupWait }
            _ = attempt { r.groupInterval = try duration(y, m, "group_interval", field: path) ?? r.groupInterval }
            _ = attempt { r.repeatInterval = try duration(y, m, "repeat_interval", field: path) ?? r.repeatInterval }
            if let c = m["continue"] {
                if let b = c.bool { r.continue = b } else { errors.append(y.fail(c, "\(path).continue", "expected true or false")) }
            }
            if let e = m["escalate"] {
                _ = attempt {
                    let em = try y.mapping(e, field: "\(path).escalate", allowed: ["after", "receiver"])
                    guard let after = try duration(y, em, "after", field: "\(path).escalate") else {
                        throw y.fail(e, "\(path).escalate.after", "required field is missing")
                    }
                    r.escalation = Route.Escalation(after: after, receiver: try y.string(em, "receiver", in: e, field: "\(path).escalate"),
                                                    definedAt: path, line: y.line(e))
                }
            }
            if let children = m["routes"] {
                guard let seq = children.sequence else { throw y.fail(children, "\(path).routes", "expected a list of routes") }
                let base = r
                r.routes = seq.enumerated().compactMap { i, child in readRoute(y, child, path: "\(path).routes[\(i)]", parent: base) }
            }
            return r
        }
    }

    private func checkReceivers(route: Route, receivers: [Receiver], y: YAMLConfig, node: Node) {
        let names = Set(receivers.map(\.name))
        var reported = Set<String>()
        for r in route.allNodes {
            // Inherited values are reported once, where they were written.
            if !names.contains(r.receiver), reported.insert("r|" + r.receiver).inserted {
                errors.append(InputError(file: y.file, line: r.line, field: "\(r.path).receiver", "no receiver named '\(r.receiver)' (have: \(names.sorted().joined(separator: ", ")))"))
            }
            if let e = r.escalation, !names.contains(e.receiver), reported.insert("e|" + e.definedAt).inserted {
                errors.append(InputError(file: y.file, line: e.line, field: "\(e.definedAt).escalate.receiver", "no receiver named '\(e.receiver)'"))
            }
        }
    }

    private func readInhibitRules(_ y: YAMLConfig, _ node: Node) -> [InhibitRule] {
        guard let list = node.sequence else {
            errors.append(y.fail(node, "inhibit_rules", "expected a list"))
            return []
        }
        return list.enumerated().compactMap { i, item in
            let field = "inhibit_rules[\(i)]"
            return attempt {
                let m = try y.mapping(item, field: field, allowed: ["source_matchers", "target_matchers", "equal"])
                let source = try matchers(y, m, "source_matchers", field: field, parent: item)
                let target = try matchers(y, m, "target_matchers", field: field, parent: item)
                guard !source.isEmpty, !target.isEmpty else {
                    throw y.fail(item, field, "needs both source_matchers and target_matchers")
                }
                return InhibitRule(source: source, target: target, equal: try y.strings(m, "equal", field: field, required: false, parent: item))
            }
        }
    }

    // MARK: receivers

    private func readReceivers(_ y: YAMLConfig, _ node: Node) -> [Receiver] {
        guard let list = node.sequence else {
            errors.append(y.fail(node, "receivers", "expected a list of receivers"))
            return []
        }
        var names = Set<String>(), channelNames = Set<String>()
        var out: [Receiver] = []
        for (i, item) in list.enumerated() {
            let field = "receivers[\(i)]"
            guard let m = attempt({ try y.mapping(item, field: field, allowed: ["name", "language", "utc_offset", "channels"]) }),
                  let name = attempt({ try y.string(m, "name", in: item, field: field) })
            else { continue }
            var receiver = Receiver(name: name)
            if !names.insert(name).inserted { errors.append(y.fail(item, "\(field).name", "duplicate receiver name '\(name)'")) }
            if let lang = attempt({ try y.optionalString(m, "language", field: field) }) ?? nil {
                if let l = MessageLanguage(rawValue: lang) { receiver.language = l } else {
                    errors.append(y.fail(m["language"]!, "\(field).language", "expected en or zh-Hans, got '\(lang)'"))
                }
            }
            if let tz = attempt({ try y.optionalString(m, "utc_offset", field: field) }) ?? nil {
                if let parsed = UTCOffset.parse(tz) { receiver.utcOffset = parsed } else {
                    errors.append(y.fail(m["utc_offset"]!, "\(field).utc_offset", UTCOffset.expected))
                }
            }
            guard let channels = m["channels"]?.sequence else {
                errors.append(y.fail(m["channels"] ?? item, "\(field).channels", "expected a list of channels"))
                continue
            }
            for (j, c) in channels.enumerated() {
                var reader = ChannelConfigReader(y, environment: environment)
                let read = reader.read(c, field: "\(field).channels[\(j)]", receiver: name)
                errors += reader.errors
                warnings += reader.warnings
                guard let channel = read else { continue }
                if !channelNames.insert(channel.name).inserted {
                    errors.append(y.fail(c, "\(field).channels[\(j)]", "two channels named '\(channel.name)': give one a distinct 'name'"))
                }
                receiver.channels.append(channel)
            }
            out.append(receiver)
        }
        return out
    }
}

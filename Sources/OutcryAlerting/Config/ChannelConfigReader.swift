import Foundation
import OutcryConfig
import OutcryCore
import Yams

/// Reads one receiver channel from the alerting configuration (`type: slack` and its settings),
/// holding it to what a channel of that type allows and needs. A secret in the file — a
/// password, a token, a webhook URL that carries one — is refused in favour of `*_env`, the
/// name of the environment variable that holds it.
struct ChannelConfigReader {
    let y: YAMLConfig
    /// Where `*_env` names are checked (names only; values are never read into messages).
    let environment: [String: String]
    private(set) var errors: [InputError] = []
    private(set) var warnings: [InputError] = []

    init(_ y: YAMLConfig, environment: [String: String]) {
        self.y = y
        self.environment = environment
    }

    /// Setting names that would put a credential in the file.
    static let secretKeys = ["password", "secret", "token", "bearer_token", "api_key", "key", "access_token", "webhook_url"]

    /// The channel at `node`, or nil with ``errors`` saying why.
    mutating func read(_ node: Node, field: String, receiver: String) -> ChannelConfig? {
        guard let (map, type) = readType(node, field: field) else { return nil }
        var settings: [String: ChannelConfig.Setting] = [:]
        var rejectedSecrets = Set<String>()
        for (k, v) in map {
            guard let key = k.string else { continue }
            switch readSetting(key, k, v, field: "\(field).\(key)", type: type) {
            case .value(let setting): settings[key] = setting
            case .refusedSecret: rejectedSecrets.insert(key + "_env")
            case .ignored: break
            }
        }
        checkRequired(settings, rejectedSecrets: rejectedSecrets, type: type, node: node, field: field)
        checkValues(settings, map: map, field: field)
        guard errors.isEmpty else { return nil }
        let name = settings["name"].flatMap { if case .string(let s) = $0 { s } else { nil } } ?? type.rawValue
        var channel = ChannelConfig(type: type, name: "\(receiver)/\(name)", settings: settings)
        channel.file = y.file
        channel.line = y.line(node)
        channel.field = field
        return channel
    }

    private mutating func readType(_ node: Node, field: String) -> (Node.Mapping, ChannelType)? {
        let types = ChannelType.allCases.map(\.rawValue).joined(separator: ", ")
        guard let map = node.mapping else {
            errors.append(y.fail(node, field, "expected a mapping with a 'type'"))
            return nil
        }
        guard let typeNode = map["type"], let typeName = typeNode.string else {
            errors.append(y.fail(node, "\(field).type", "required field is missing (one of \(types))"))
            return nil
        }
        guard let type = ChannelType(rawValue: typeName) else {
            errors.append(y.fail(typeNode, "\(field).type", "unknown channel type '\(typeName)' (one of \(types))"))
            return nil
        }
        return (map, type)
    }

    private enum SettingRead { case value(ChannelConfig.Setting), refusedSecret, ignored }

    /// One setting: refused when it is a secret or unknown to the type; a list (or one string)
    /// for list settings; otherwise a non-empty string, and for `*_env` a variable's name.
    private mutating func readSetting(_ key: String, _ keyNode: Node, _ v: Node, field f: String, type: ChannelType) -> SettingRead {
        if Self.secretKeys.contains(key) || (key == "url" && type.urlIsSecret) {
            let hint = key == "url" ? "the \(type.rawValue) webhook URL carries its token" : "'\(key)' is a secret"
            errors.append(y.fail(keyNode, f, "\(hint): secrets come from the environment, use \(key)_env: VARIABLE_NAME"))
            return .refusedSecret
        }
        guard type.allowed.contains(key) else {
            errors.append(y.fail(keyNode, f, "unknown setting for a \(type.rawValue) channel (allowed: \(type.allowed.sorted().joined(separator: ", ")))"))
            return .ignored
        }
        if type.listKeys.contains(key) {
            if let seq = v.sequence {
                let items = seq.compactMap(\.string)
                guard items.count == seq.count, !items.isEmpty else {
                    errors.append(y.fail(v, f, "expected a list of strings"))
                    return .ignored
                }
                return .value(.list(items))
            }
            if let s = v.string, v.scalar != nil { return .value(.list([s])) }
            return .ignored
        }
        guard let s = v.string, v.scalar != nil, !s.isEmpty else {
            errors.append(y.fail(v, f, "expected a non-empty string"))
            return .ignored
        }
        if key.hasSuffix("_env") {
            guard s.first.map({ $0.isLetter || $0 == "_" }) == true, s.allSatisfy({ ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "_" }) else {
                errors.append(y.fail(v, f, "expected the name of an environment variable (letters, digits, _)"))
                return .ignored
            }
            if let value = environment[s] {
                if value.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D }) {
                    warnings.append(y.fail(v, f, "environment variable \(s) holds a line break (read from a file with its newline?): a header or URL carrying it is refused, a signature made with it will not match"))
                } else if key == "url_env", !Self.isWebURL(value) {
                    warnings.append(y.fail(v, f, "environment variable \(s) does not hold an http(s) URL with a host: every delivery to this channel will fail"))
                }
            } else {
                warnings.append(y.fail(v, f, "environment variable \(s) is not set: this channel will fail and retry until it is"))
            }
        }
        return .value(.string(s))
    }

    /// An http(s) URL naming a host: what a webhook channel can post to.
    static func isWebURL(_ text: String) -> Bool {
        guard let c = URLComponents(string: text), let scheme = c.scheme?.lowercased(), scheme == "http" || scheme == "https" else { return false }
        return c.host.map { !$0.isEmpty } ?? false
    }

    /// Every setting the type needs is there (or one of its alternatives, `a|b`); a refused
    /// secret counts as given, so its one error is the secret's.
    private mutating func checkRequired(_ settings: [String: ChannelConfig.Setting], rejectedSecrets: Set<String>, type: ChannelType,
                                        node: Node, field: String) {
        for r in type.required {
            let options = r.split(separator: "|").map(String.init)
            if !options.contains(where: { settings[$0] != nil || rejectedSecrets.contains($0) }) {
                errors.append(y.fail(node, "\(field).\(options[0])", "required for a \(type.rawValue) channel\(options.count > 1 ? " (or \(options.dropFirst().joined(separator: ", ")))" : "")"))
            }
        }
    }

    /// Settings whose values have a form: TLS mode, URL scheme, timeout.
    private mutating func checkValues(_ settings: [String: ChannelConfig.Setting], map: Node.Mapping, field: String) {
        func string(_ key: String) -> String? { if case .string(let s) = settings[key] { s } else { nil } }
        if let t = string("tls"), !["starttls", "implicit", "none"].contains(t) {
            errors.append(y.fail(map["tls"]!, "\(field).tls", "expected starttls, implicit or none"))
        }
        if let u = string("url"), !(u.hasPrefix("http://") || u.hasPrefix("https://")) {
            errors.append(y.fail(map["url"]!, "\(field).url", "expected an http:// or https:// URL"))
        }
        if let s = string("timeout"), DurationText.parse(s) == nil {
            errors.append(y.fail(map["timeout"]!, "\(field).timeout", "expected a duration like 10s"))
        }
    }
}

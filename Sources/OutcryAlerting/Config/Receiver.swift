import Foundation

/// Who hears an alert: a named set of channels sharing a language and a clock.
public struct Receiver: Sendable, Hashable {
    public var name: String
    public var language: MessageLanguage = .en
    /// Times in messages are shown at this UTC offset (seconds east).
    public var utcOffset = 0
    public var channels: [ChannelConfig] = []

    public init(name: String) { self.name = name }
}

public enum MessageLanguage: String, Sendable, CaseIterable {
    case en
    case zhHans = "zh-Hans"
}

/// One channel of a receiver as configured: its type and its validated settings. Secrets are
/// never settings; a setting ending in `_env` names the environment variable that holds one.
public struct ChannelConfig: Sendable, Hashable {
    public var type: ChannelType
    /// Unique across the configuration: `<receiver>/<type>` or `<receiver>/<name>`. Outbox rows
    /// are keyed by it.
    public var name: String
    public var settings: [String: Setting]
    /// Where it was written: file, line and field path, for messages about it.
    public var file = "alerts"
    public var line: Int?
    public var field = ""

    public enum Setting: Sendable, Hashable {
        case string(String)
        case list([String])
    }

    public init(type: ChannelType, name: String, settings: [String: Setting] = [:]) {
        self.type = type
        self.name = name
        self.settings = settings
    }

    public func string(_ key: String) -> String? {
        if case .string(let s)? = settings[key] { return s }
        return nil
    }

    public func list(_ key: String) -> [String] {
        switch settings[key] {
        case .list(let l)?: l
        case .string(let s)?: [s]
        case nil: []
        }
    }
}

/// The channels Outcry can deliver to, and the settings each accepts.
public enum ChannelType: String, Sendable, CaseIterable {
    case email, webhook, slack, dingtalk, feishu, wecom, alertmanager, console, jsonl

    /// Settings every channel accepts.
    static let common: Set<String> = ["type", "name", "template", "timeout", "ca_file"]

    /// Settings this channel requires (alternatives separated by `|`: one of them).
    public var required: [String] {
        switch self {
        case .email: ["to", "from", "smarthost"]
        case .webhook, .alertmanager: ["url|url_env"]
        case .slack, .dingtalk, .feishu, .wecom: ["url_env"]
        case .console: []
        case .jsonl: ["path"]
        }
    }

    public var optional: Set<String> {
        switch self {
        case .email: ["tls", "username_env", "password_env", "subject_template", "html_template"]
        case .webhook: ["url", "url_env", "secret_env"]
        case .alertmanager: ["url", "url_env", "bearer_token_env", "generator_url"]
        case .dingtalk, .feishu: ["secret_env"]
        case .slack, .wecom, .console, .jsonl: []
        }
    }

    /// Settings that hold lists.
    public var listKeys: Set<String> { self == .email ? ["to", "cc"] : [] }

    public var allowed: Set<String> {
        var keys = Self.common.union(optional).union(listKeys)
        for r in required { keys.formUnion(r.split(separator: "|").map(String.init)) }
        if self == .email { keys.insert("cc") }
        return keys
    }

    /// Whether the URL itself is a credential (chat robots put their token in it), so it may
    /// only come from the environment.
    public var urlIsSecret: Bool { [.slack, .dingtalk, .feishu, .wecom].contains(self) }

    /// The template used when the channel names none.
    public var defaultTemplate: String {
        switch self {
        case .email: "email"
        case .slack: "slack"
        case .dingtalk, .feishu, .wecom: "markdown"
        case .console, .jsonl, .webhook, .alertmanager: "text"
        }
    }
}

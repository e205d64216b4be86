/// The data a message template sees: text, flags, lists and objects (a Mustache context).
public indirect enum TemplateValue: Sendable, Hashable, ExpressibleByStringLiteral, ExpressibleByBooleanLiteral {
    case text(String)
    case flag(Bool)
    case list([TemplateValue])
    case object([String: TemplateValue])

    public init(stringLiteral value: String) { self = .text(value) }
    public init(booleanLiteral value: Bool) { self = .flag(value) }

    /// Whether a `{{#section}}` renders: non-empty text, true, a non-empty list, any object.
    var isTruthy: Bool {
        switch self {
        case .text(let s): !s.isEmpty
        case .flag(let b): b
        case .list(let l): !l.isEmpty
        case .object: true
        }
    }

    subscript(key: String) -> TemplateValue? {
        if case .object(let o) = self { return o[key] }
        return nil
    }
}

/// How a template's values are escaped, chosen by the template file's extension: untrusted
/// text can never become markup in any channel.
public enum MessageFormat: String, Sendable, CaseIterable {
    /// `.txt`: plain text; control and escape sequences removed.
    case plain = "txt"
    /// `.md`: Markdown for DingTalk, WeCom and Feishu.
    case markdown = "md"
    /// `.mrkdwn`: Slack's markup.
    case slack = "mrkdwn"
    /// `.html`: email HTML parts.
    case html = "html"

    public func escape(_ s: String) -> String {
        switch self {
        case .plain: TerminalText.sanitize(s)
        case .markdown: UntrustedText.markdown(s)
        case .slack: UntrustedText.slack(s)
        case .html: UntrustedText.html(s)
        }
    }
}

import OutcryCore

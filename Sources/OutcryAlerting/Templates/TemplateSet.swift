import Foundation
import OutcryCore

/// Finds message templates: `<config-dir>/alerts/templates/<name>.<language>.<format>` when the
/// team has written one, else the default compiled in from the repository's `alerts/templates/`.
public struct TemplateSet: Sendable {
    /// Where overrides live; nil uses only the defaults.
    public let directory: String?

    public init(directory: String?) { self.directory = directory }

    public func fileName(_ name: String, _ language: MessageLanguage, _ format: MessageFormat) -> String {
        "\(name).\(language.rawValue).\(format.rawValue)"
    }

    /// The template, parsed; errors name the file and line.
    public func template(_ name: String, language: MessageLanguage, format: MessageFormat) throws -> MessageTemplate {
        let file = fileName(name, language, format)
        if let directory {
            let path = (directory as NSString).appendingPathComponent(file)
            if let data = FileManager.default.contents(atPath: path) {
                guard let text = String(data: data, encoding: .utf8) else { throw InputError(file: path, "not UTF-8") }
                return try parse(text, name: path, format: format)
            }
        }
        guard let bytes = Self.builtin[file] else {
            throw InputError(file: directory.map { ($0 as NSString).appendingPathComponent(file) } ?? file,
                             "no such template (and no default named \(file))")
        }
        return try parse(String(decoding: bytes, as: UTF8.self), name: "(default) " + file, format: format)
    }

    private func parse(_ text: String, name: String, format: MessageFormat) throws -> MessageTemplate {
        do {
            return try MessageTemplate(name: name, format: format, source: text)
        } catch let e as MessageTemplate.TemplateError {
            throw InputError(file: e.template, line: e.line, e.message)
        }
    }

    static let builtin: [String: [UInt8]] = [
        "email-subject.en.txt": PackageResources.email_subject_en_txt,
        "email-subject.zh-Hans.txt": PackageResources.email_subject_zh_Hans_txt,
        "email.en.html": PackageResources.email_en_html,
        "email.zh-Hans.html": PackageResources.email_zh_Hans_html,
        "markdown.en.md": PackageResources.markdown_en_md,
        "markdown.zh-Hans.md": PackageResources.markdown_zh_Hans_md,
        "slack.en.mrkdwn": PackageResources.slack_en_mrkdwn,
        "slack.zh-Hans.mrkdwn": PackageResources.slack_zh_Hans_mrkdwn,
        "text.en.txt": PackageResources.text_en_txt,
        "text.zh-Hans.txt": PackageResources.text_zh_Hans_txt,
    ]
}

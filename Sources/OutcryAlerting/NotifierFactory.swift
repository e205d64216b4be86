import Foundation
import OutcryCore
import OutcryHTTP

/// Builds the notifier for each configured channel, with its templates parsed for the
/// receiver's language. Building renders every template against a sample alert, so a typo in a
/// template is a configuration error (`outcry alerts check`), not a failed delivery at 3 a.m.
public struct NotifierFactory: Sendable {
    public let templates: TemplateSet
    public let secrets: Secrets
    /// Where relative paths (jsonl files, CA files) are resolved.
    public let baseDirectory: String

    public init(templates: TemplateSet, secrets: Secrets = Secrets(), baseDirectory: String = ".") {
        self.templates = templates
        self.secrets = secrets
        self.baseDirectory = baseDirectory
    }

    /// Every channel of the configuration, or every problem found (file and field named).
    public func notifiers(for config: AlertingConfig, file: String) throws -> [any Notifier] {
        var out: [any Notifier] = []
        var errors: [InputError] = []
        for receiver in config.receivers {
            for channel in receiver.channels {
                do { out.append(try make(channel, receiver: receiver)) } catch let e as InputError {
                    // A template's own mistakes name the template file; others the channel's place in the config.
                    let inTemplate = e.line != nil && e.file != channel.file
                    errors.append(inTemplate ? e : InputError(file: channel.file, line: channel.line, field: channel.field + ".template",
                                                              e.message + " (looked in \(e.file))"))
                }
            }
        }
        if !errors.isEmpty { throw InputErrors(errors) }
        return out
    }

    public func make(_ c: ChannelConfig, receiver: Receiver) throws -> any Notifier {
        let context = MessageContext(language: receiver.language, utcOffset: receiver.utcOffset)
        func renderer(_ name: String, _ format: MessageFormat) throws -> MessageRenderer {
            let r = MessageRenderer(context: context, template: try templates.template(name, language: receiver.language, format: format))
            let (n, alerts, posts, tickets) = MessageContext.sample(at: Date(timeIntervalSince1970: 1_520_000_000))
            do {
                _ = try r.render(Delivery(notification: n, alerts: alerts, posts: posts, tickets: tickets, idempotencyKey: "check", now: n.createdAt))
            } catch let e as MessageTemplate.TemplateError {
                throw InputError(file: e.template, line: e.line, e.message)
            }
            return r
        }
        let template = c.string("template") ?? c.type.defaultTemplate
        let timeout = c.string("timeout").flatMap(DurationText.parse) ?? 10
        let transport = WebhookTransport(timeout: timeout, caFile: c.string("ca_file").map(path))
        let url: HTTPChannel.URLSetting = c.string("url").map { .literal($0) } ?? .environment(c.string("url_env") ?? "")
        func http(_ secretEnv: String?, _ renderer: MessageRenderer?) -> HTTPChannel {
            HTTPChannel(name: c.name, url: url, secretEnv: secretEnv, renderer: renderer, transport: transport, secrets: secrets)
        }
        switch c.type {
        case .console:
            return ConsoleNotifier(channel: c.name, renderer: try renderer(template, .plain))
        case .jsonl:
            return JSONLFileNotifier(path: path(c.string("path")!), channel: c.name)
        case .webhook:
            return WebhookNotifier(http(c.string("secret_env"), nil))
        case .alertmanager:
            return AlertmanagerNotifier(http(c.string("bearer_token_env"), try renderer(c.string("template") ?? "text", .plain)),
                                        generatorURL: c.string("generator_url"))
        case .slack:
            return SlackNotifier(http(nil, try renderer(template, .slack)))
        case .dingtalk:
            return DingTalkNotifier(http(c.string("secret_env"), try renderer(template, .markdown)))
        case .feishu:
            return FeishuNotifier(http(c.string("secret_env"), try renderer(template, .markdown)))
        case .wecom:
            return WeComNotifier(http(nil, try renderer(template, .markdown)))
        case .email:
            let hostPort = c.string("smarthost")!
            let security = SMTPServer.Security(rawValue: c.string("tls") ?? "starttls") ?? .starttls
            let parts = hostPort.split(separator: ":")
            guard let host = parts.first, let port = parts.count == 2 ? Int(parts[1]) : (security == .implicit ? 465 : 587) else {
                throw InputError(file: c.file, line: c.line, field: c.field + ".smarthost", "expected host:port")
            }
            var server = SMTPServer(host: String(host), port: port, security: security, caFile: c.string("ca_file").map(path))
            server.timeout = timeout
            return EmailNotifier(channel: c.name, server: server, usernameEnv: c.string("username_env"), passwordEnv: c.string("password_env"),
                                 from: c.string("from")!, to: c.list("to"), cc: c.list("cc"),
                                 subject: try renderer(c.string("subject_template") ?? "email-subject", .plain),
                                 text: try renderer(template == "email" ? "text" : template, .plain),
                                 html: try renderer(c.string("html_template") ?? "email", .html), secrets: secrets)
        }
    }

    private func path(_ p: String) -> String {
        p.hasPrefix("/") ? p : (baseDirectory as NSString).appendingPathComponent(p)
    }
}

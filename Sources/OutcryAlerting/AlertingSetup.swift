import Foundation
import OutcryCore

/// The alerting a command runs with: the configuration in `<config-dir>/alerts/` with a
/// notifier per channel, or — when that directory holds no configuration — every alert sent at
/// once to the command's own channels. A configuration with any error is refused whole.
public struct AlertingSetup: Sendable {
    /// Nil means ``AlertingConfig/immediate(receiver:channels:)`` over `notifiers`.
    public var config: AlertingConfig?
    public var notifiers: [any Notifier]
    public var warnings: [InputError]

    /// - Parameter files: explicit configuration files (`outcry alerts check FILE`); default:
    ///   every `*.yml` in `<configDir>/alerts/`. Templates are looked up in `templates/` beside them.
    public static func load(configDir: String, files: [String]? = nil, fallback: [any Notifier], secrets: Secrets = Secrets(),
                            environment: [String: String] = ProcessInfo.processInfo.environment) throws -> AlertingSetup {
        let dir = (configDir as NSString).appendingPathComponent("alerts")
        let paths = files ?? AlertingConfigLoader.files(in: dir)
        let outcome = AlertingConfigLoader.load(files: paths, environment: environment)
        if !outcome.errors.isEmpty { throw InputErrors(outcome.errors) }
        guard let config = outcome.config else { return AlertingSetup(config: nil, notifiers: fallback, warnings: []) }
        let templateDir = ((paths.first.map { ($0 as NSString).deletingLastPathComponent } ?? dir) as NSString).appendingPathComponent("templates")
        let factory = NotifierFactory(templates: TemplateSet(directory: templateDir), secrets: secrets, baseDirectory: configDir)
        return AlertingSetup(config: config, notifiers: try factory.notifiers(for: config, file: dir), warnings: outcome.warnings)
    }
}

extension ConsoleNotifier {
    /// The console channel with the default English `text` template.
    public static func standard(utcOffset: Int, channel: String = "console") -> ConsoleNotifier {
        // The compiled-in template is checked by the tests; it cannot fail to parse.
        let template = try! TemplateSet(directory: nil).template("text", language: .en, format: .plain)
        return ConsoleNotifier(channel: channel, renderer: MessageRenderer(context: MessageContext(language: .en, utcOffset: utcOffset), template: template))
    }
}

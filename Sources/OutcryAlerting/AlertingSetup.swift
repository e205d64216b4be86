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

    public static func load(configDir: String, fallback: [any Notifier], secrets: Secrets = Secrets()) throws -> AlertingSetup {
        let dir = (configDir as NSString).appendingPathComponent("alerts")
        let outcome = AlertingConfigLoader.load(directory: dir)
        if !outcome.errors.isEmpty { throw InputErrors(outcome.errors) }
        guard let config = outcome.config else { return AlertingSetup(config: nil, notifiers: fallback, warnings: []) }
        let factory = NotifierFactory(templates: TemplateSet(directory: (dir as NSString).appendingPathComponent("templates")),
                                      secrets: secrets, baseDirectory: configDir)
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

import Foundation

/// The whole alerting configuration (`alerts/*.yml`), validated as one: rules, the routing
/// tree, receivers and inhibition. A configuration with any error is never used.
public struct AlertingConfig: Sendable, Hashable {
    public var rules: [AlertRule]
    public var route: Route
    public var receivers: [Receiver]
    public var inhibitRules: [InhibitRule]

    public init(rules: [AlertRule], route: Route, receivers: [Receiver], inhibitRules: [InhibitRule] = []) {
        self.rules = rules
        self.route = route
        self.receivers = receivers
        self.inhibitRules = inhibitRules
    }

    public func receiver(named name: String) -> Receiver? { receivers.first { $0.name == name } }

    /// Every channel of every receiver.
    public var channels: [ChannelConfig] { receivers.flatMap(\.channels) }

    /// What commands use when `alerts/` holds no configuration: every spike alerts, each alert
    /// is sent once at once (no grouping delay, no repeats) to one receiver whose channels the
    /// command supplies (the demo's console, replay's `--out` file).
    public static func immediate(receiver: String = "default", channels: [String]) -> AlertingConfig {
        var route = Route(receiver: receiver)
        route.groupBy = ["spike"]
        route.groupWait = 0
        route.groupInterval = 0
        route.repeatInterval = 0
        var r = Receiver(name: receiver)
        // Channels the command built itself; their type only labels them.
        r.channels = channels.map { ChannelConfig(type: .console, name: $0) }
        return AlertingConfig(rules: [AlertRule(name: "all")], route: route, receivers: [r])
    }

    /// This configuration plus a receiver that records every alert at once, whatever the routes
    /// say (replay's `--out` beside the team's real routing).
    public func addingRecorder(channels: [String], receiver: String = "recorder") -> AlertingConfig {
        var recorder = AlertingConfig.immediate(receiver: receiver, channels: channels)
        recorder.route.path = "recorder"
        recorder.route.continue = true
        var root = Route(receiver: receiver)
        root.path = "recorder-root"
        root.routes = [recorder.route, route]
        return AlertingConfig(rules: rules, route: root, receivers: receivers + recorder.receivers, inhibitRules: inhibitRules)
    }
}

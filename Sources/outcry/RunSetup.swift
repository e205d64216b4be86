import Foundation
import OutcryAlerting
import OutcryCore
import OutcryLinking
import OutcryPipeline
import OutcryStorage

/// Everything `outcry run` reads from its configuration directory — sources, topics, ticket
/// files, alerting — checked as a whole before any of it is used: at start (a bad configuration
/// never half-runs) and on SIGHUP (a bad one is refused and the running one kept).
struct RunSetup {
    let config: SourcesConfig
    let topics: [Topic]
    let fileTickets: [Ticket]
    /// The configured ticket files and the versions read, to notice when they change.
    let ticketFileVersions: [(TicketFile, FileVersion?)]
    let alerting: AlertingSetup

    static func load(configDir: String, alertLog: String) throws -> RunSetup {
        let path = (configDir as NSString).appendingPathComponent("feeds/sources.yml")
        guard FileManager.default.fileExists(atPath: path) else {
            throw InputError(file: path, "no such file: `outcry run` reads its sources and topics here (the repository's feeds/sources.example.yml shows the format; --config-dir names another folder)")
        }
        let config = try SourcesConfig.load(path)
        let topics = try TopicsFile.load(config.topics)
        var fileTickets: [Ticket] = []
        var versions: [(TicketFile, FileVersion?)] = []
        for f in config.tickets {
            versions.append((f, FileVersion.of(f.path)))   // before the read: a write during it shows later
            fileTickets += try f.read().tickets
        }
        let alerting = try AlertingSetup.load(configDir: configDir,
                                              fallback: [ConsoleNotifier.standard(utcOffset: config.utcOffset), JSONLFileNotifier(path: alertLog)])
        return RunSetup(config: config, topics: topics, fileTickets: fileTickets, ticketFileVersions: versions, alerting: alerting)
    }

    /// Whether a job running `other` can take this configuration without relearning: the same
    /// topics and the same detection (only sources, alerting or ticket files differ).
    func keepsDetection(of other: RunSetup) -> Bool {
        topics == other.topics && config.detector == other.config.detector && config.utcOffset == other.config.utcOffset
    }

    /// A monitor for this configuration on `store`; it takes up the alert groups the store holds.
    func monitor(on store: any Store) -> Monitor {
        var options = Monitor.Options()
        options.detector = config.detector
        return Monitor(topics: topics, tickets: [], store: store, notifiers: alerting.notifiers, clock: SystemClock(),
                       utcOffset: config.utcOffset, options: options, alerting: alerting.config)
    }
}

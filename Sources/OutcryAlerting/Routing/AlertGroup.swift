import Foundation
import OutcryCore

/// The router's memory of one group (route node × values of its `group_by` labels): which
/// alerts it holds and what it last told its receiver. Saved in the store with every change,
/// so a restart neither forgets a pending notification nor repeats a sent one.
struct AlertGroup: Codable, Sendable, Hashable {
    struct Member: Codable, Sendable, Hashable {
        var alertID: String
        var spikeID: String
        var severity: Severity
        var labels: [String: String]
        var active = true
        /// When the member's current alert was first in a notification (escalation clock).
        var firstNotifiedAt: Date?
        var escalated = false
    }

    var key: String
    var routePath: String
    var receiver: String
    var labels: [String: String]
    var createdAt: Date
    /// By spike: a spike's newer alert (a severity upgrade) replaces its older one.
    var members: [String: Member] = [:]
    var lastNotifiedAt: Date?
    var lastSent: [String] = []
    var sequence = 0
    /// A severity upgrade waiting: notify at the next tick, not after `group_interval`.
    var urgent = false

    var activeMembers: [Member] {
        members.values.filter(\.active).sorted { ($0.severity, $1.alertID) > ($1.severity, $0.alertID) }
    }
}

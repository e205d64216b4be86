import Foundation

/// A process named as `host/pid`, written beside the work it holds (a claimed outbox entry), so
/// that another worker can tell a holder that died on this machine from one still at work or
/// on another machine.
public struct WorkerIdentity: Sendable, Hashable, CustomStringConvertible {
    public let host: String
    public let pid: Int32

    public init(host: String, pid: Int32) {
        self.host = host
        self.pid = pid
    }

    /// `host/pid` as written by ``description``; nil for anything else.
    public init?(_ text: String) {
        guard let slash = text.lastIndex(of: "/"), let pid = Int32(text[text.index(after: slash)...]), pid > 0 else { return nil }
        self.init(host: String(text[..<slash]), pid: pid)
    }

    /// This process.
    public static let current = WorkerIdentity(host: ProcessInfo.processInfo.hostName, pid: getpid())

    public var description: String { "\(host)/\(pid)" }

    /// Known to be gone: a process of this host that no longer exists. A holder on another
    /// host, or one that cannot be checked, is not known to be gone (its hold runs out instead).
    public var isGoneFromThisHost: Bool {
        guard host == Self.current.host, pid != Self.current.pid else { return false }
        return kill(pid, 0) == -1 && errno == ESRCH
    }
}

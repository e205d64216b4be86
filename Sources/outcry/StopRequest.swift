import Foundation
import OutcryCore
import Synchronization

/// SIGINT and SIGTERM (and, for `outcry run`, SIGHUP) as flags a long-running command polls
/// between steps, so it stops or reloads at a step boundary (state saved) rather than wherever
/// the signal lands.
final class StopRequest: @unchecked Sendable {
    // @unchecked: `sources` is filled in init and only cancelled in deinit; the flags are Mutexes.
    private let requested = Mutex(false)
    private let reload = Mutex(false)
    private var sources: [any DispatchSourceSignal] = []

    /// - Parameter reloadOnHangup: SIGHUP asks for the configuration to be read again (as
    ///   daemons do) instead of ending the process.
    init(reloadOnHangup: Bool = false) {
        for sig in [SIGINT, SIGTERM] + (reloadOnHangup ? [SIGHUP] : []) {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .main)
            let hangup = sig == SIGHUP
            source.setEventHandler { [weak self] in
                guard let self else { return }
                if hangup { self.reload.withLock { $0 = true } } else { self.requested.withLock { $0 = true } }
            }
            source.resume()
            sources.append(source)
        }
    }

    deinit { sources.forEach { $0.cancel() } }

    var isRequested: Bool { requested.withLock { $0 } }

    /// True once per SIGHUP received since the last call.
    func takeReload() -> Bool { reload.withLock { r in defer { r = false }; return r } }

    private var isReloadPending: Bool { reload.withLock { $0 } }

    /// After a SIGHUP (or `always`: a pending one is taken too), the configuration `load` reads
    /// again; nil when no reload is pending, or when the new configuration is not valid — then
    /// every problem is logged under `command` (`… reload refused, <keeping>:`) and the caller
    /// carries on with the one it has.
    func reloaded<T>(_ command: String, keeping: String, always: Bool = false, _ load: () throws -> T) -> T? {
        guard takeReload() || always else { return nil }
        do {
            return try load()
        } catch {
            Diagnostics.write("\(command): reload refused, \(keeping):\n\(error)")
            return nil
        }
    }

    /// Sleeps up to `seconds`, waking early when a stop — or, unless told otherwise, a reload —
    /// is requested.
    func sleep(_ seconds: Double, wakingForReload: Bool = true) async {
        var slept = 0.0
        while slept < seconds, !isRequested, !(wakingForReload && isReloadPending) {
            try? await Task.sleep(nanoseconds: 100_000_000)
            slept += 0.1
        }
    }
}

import Foundation
import Synchronization

/// SIGINT and SIGTERM as a flag a long-running command polls between steps, so it stops at a
/// step boundary (state saved) rather than wherever the signal lands.
final class StopRequest: @unchecked Sendable {
    // @unchecked: `sources` is filled in init and only cancelled in deinit; the flag is a Mutex.
    private let requested = Mutex(false)
    private var sources: [any DispatchSourceSignal] = []

    init() {
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .main)
            source.setEventHandler { [weak self] in self?.requested.withLock { $0 = true } }
            source.resume()
            sources.append(source)
        }
    }

    deinit { sources.forEach { $0.cancel() } }

    var isRequested: Bool { requested.withLock { $0 } }

    /// Sleeps up to `seconds`, waking early when a stop is requested.
    func sleep(_ seconds: Double) async {
        var slept = 0.0
        while slept < seconds, !isRequested {
            try? await Task.sleep(nanoseconds: 100_000_000)
            slept += 0.1
        }
    }
}

import Foundation
import OutcryCore

/// The dashboard on a real terminal: one `tick` waits for keys (or a resize, or the refresh
/// interval), applies them, and redraws what changed. `outcry dash` loops on it; the demo
/// ticks between replayed posts.
public final class LiveDashboard: @unchecked Sendable {
    public let session: DashboardSession
    private let screen = TerminalScreen()
    private var writer: FrameWriter
    private let author: String

    public init(session: DashboardSession, color: Bool, author: String) {
        self.session = session
        writer = FrameWriter(color: color)
        self.author = author
    }

    public func start() { screen.enter() }
    public func stop() { screen.leave() }

    /// Returns false when the person quit.
    public func tick(wait: TimeInterval) throws -> Bool {
        let keys = screen.keys(timeout: wait)
        if !keys.isEmpty, !(try session.handle(keys, author: author)) { return false }
        let size = screen.size
        screen.draw(writer.update(to: try session.frame(width: size.width, height: size.height)))
        return true
    }
}

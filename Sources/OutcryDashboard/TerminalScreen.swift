import Foundation
import OutcryCore

/// Saved terminal settings, restored by the signal handlers (which may touch only globals).
nonisolated(unsafe) private var savedTermios = termios()
nonisolated(unsafe) private var rawModeActive = false

/// Leaves raw mode and the alternate screen: async-signal-safe (write and tcsetattr only).
private func restoreTerminal() {
    guard rawModeActive else { return }
    let bytes: [UInt8] = Array("\u{1B}[0m\u{1B}[?25h\u{1B}[?1049l".utf8)
    _ = bytes.withUnsafeBytes { write(1, $0.baseAddress, $0.count) }
    _ = tcsetattr(0, TCSANOW, &savedTermios)
    rawModeActive = false
}

/// A full-screen terminal session: raw keys, alternate screen, hidden cursor, and the terminal
/// restored however the process ends — normal exit, Ctrl-C, SIGTERM, SIGHUP, or a crash signal.
public final class TerminalScreen: @unchecked Sendable {
    public static var isTTY: Bool { isatty(1) == 1 && isatty(0) == 1 }

    public init() {}

    public var size: (width: Int, height: Int) {
        var ws = winsize()
        if ioctl(1, UInt(TIOCGWINSZ), &ws) == 0, ws.ws_col > 0, ws.ws_row > 0 { return (Int(ws.ws_col), Int(ws.ws_row)) }
        return (80, 24)
    }

    /// Raw mode (no echo, no line buffering, Ctrl-C as a key), alternate screen, hidden cursor.
    public func enter() {
        if tcgetattr(0, &savedTermios) == 0 {
            var raw = savedTermios
            raw.c_lflag &= ~tcflag_t(ICANON | ECHO | ISIG | IEXTEN)
            raw.c_iflag &= ~tcflag_t(IXON | ICRNL)
            withUnsafeMutablePointer(to: &raw.c_cc) { p in
                p.withMemoryRebound(to: cc_t.self, capacity: Int(NCCS)) { cc in
                    cc[Int(VMIN)] = 0
                    cc[Int(VTIME)] = 0
                }
            }
            _ = tcsetattr(0, TCSANOW, &raw)
            rawModeActive = true
        }
        for sig in [SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGSEGV, SIGBUS, SIGABRT, SIGILL, SIGFPE] {
            signal(sig) { s in
                restoreTerminal()
                signal(s, SIG_DFL)
                raise(s)
            }
        }
        // A resize interrupts the wait for keys, so the next frame comes at once at the new size.
        signal(SIGWINCH) { _ in }
        StandardOutput.write("\u{1B}[?1049h\u{1B}[?25l\u{1B}[2J")
    }

    public func leave() { restoreTerminal() }

    /// Keys typed within `timeout` seconds (none when it passes quietly or a resize interrupts).
    public func keys(timeout: TimeInterval) -> [Key] {
        var fds = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
        guard poll(&fds, 1, Int32(timeout * 1000)) > 0 else { return [] }
        var buffer = [UInt8](repeating: 0, count: 256)
        let n = read(0, &buffer, buffer.count)
        return n > 0 ? Key.decode(Array(buffer[0..<n])) : []
    }

    /// Writes what changed since the previous frame.
    public func draw(_ output: String) { StandardOutput.write(output) }
}

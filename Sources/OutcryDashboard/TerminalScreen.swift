import Foundation
import OutcryCore

/// A full-screen terminal session: alternate screen, hidden cursor, restored on exit.
public final class TerminalScreen: @unchecked Sendable {
    public static var isTTY: Bool { isatty(1) == 1 }

    public init() {}

    public var size: (width: Int, height: Int) {
        var ws = winsize()
        if ioctl(1, UInt(TIOCGWINSZ), &ws) == 0, ws.ws_col > 0, ws.ws_row > 0 { return (Int(ws.ws_col), Int(ws.ws_row)) }
        return (80, 24)
    }

    public func enter() { write("\u{1B}[?1049h\u{1B}[?25l") }
    public func leave() { write("\u{1B}[?25h\u{1B}[?1049l") }

    /// Draws a whole frame from the top-left, clearing each line's remainder (no flicker).
    public func draw(_ lines: [String]) {
        write("\u{1B}[H" + lines.map { $0 + "\u{1B}[K" }.joined(separator: "\r\n"))
    }

    func write(_ s: String) { StandardOutput.write(s) }
}

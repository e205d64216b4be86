/// Turns frames into terminal output, rewriting only the lines that changed since the last
/// frame (no flicker over SSH), with colours per line style unless colour is off (`NO_COLOR`).
public struct FrameWriter: Sendable {
    public var color: Bool
    private var previous: Frame?

    public init(color: Bool) { self.color = color }

    /// Escape sequences that bring the screen from the previous frame to `frame`.
    public mutating func update(to frame: Frame) -> String {
        var out = ""
        let full = previous.map { $0.width != frame.width || $0.height != frame.height } ?? true
        if full { out += "\u{1B}[2J" }
        for (i, line) in frame.lines.enumerated() where full || previous?.lines[i] != line {
            out += "\u{1B}[\(i + 1);1H" + sgr(line.style)
            // The selection bar spans the whole row.
            out += line.style == .selected ? DisplayWidth.pad(line.text, frame.width) : line.text
            out += "\u{1B}[0m\u{1B}[K"
        }
        previous = frame
        return out
    }

    /// Forget the screen (after a resize or a redraw request).
    public mutating func reset() { previous = nil }

    func sgr(_ style: Frame.Style) -> String {
        if style == .selected { return "\u{1B}[7m" }   // reverse video is not colour
        guard color else { return "" }
        switch style {
        case .normal, .selected: return ""
        case .title: return "\u{1B}[1m"
        case .header: return "\u{1B}[1;34m"
        case .dim: return "\u{1B}[2m"
        case .watch: return "\u{1B}[36m"
        case .warning: return "\u{1B}[33m"
        case .critical: return "\u{1B}[1;31m"
        case .good: return "\u{1B}[32m"
        case .bad: return "\u{1B}[31m"
        }
    }
}

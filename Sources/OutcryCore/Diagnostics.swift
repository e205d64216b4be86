/// Messages for the person at the terminal, on standard error: errors, warnings and progress.
///
/// Every line goes through ``TerminalText``: errors quote the input they refuse — a CSV cell, a
/// JSON field, a server's answer — and such text may carry escape sequences that would retitle
/// the window, recolour the terminal or hide what follows. The lines of a multi-line message
/// (every error of a configuration at once) stay lines.
public enum Diagnostics {
    /// Writes `message` and a line end.
    public static func write(_ message: String) {
        let lines = message.utf8.split(separator: 0x0A, omittingEmptySubsequences: false)
            .map { TerminalText.sanitize(String(Substring($0))) }
        StandardOutput.write(lines.joined(separator: "\n") + "\n", fd: 2)
    }
}

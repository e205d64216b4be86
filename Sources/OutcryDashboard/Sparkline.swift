/// A row of counts as one line of block characters (`▁▂▃▄▅▆▇█`), or ASCII (` .:-=+*#`) where
/// the terminal cannot show them; scaled to the row's own maximum so shape, not size, shows.
public enum Sparkline {
    static let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    static let ascii: [Character] = [".", ".", ":", "-", "=", "+", "*", "#"]

    public static func render(_ values: [Int], width: Int, unicode: Bool) -> String {
        guard width > 0 else { return "" }
        let tail = Array(values.suffix(width))
        let glyphs = unicode ? blocks : ascii
        let top = max(tail.max() ?? 0, 1)
        var out = String(repeating: " ", count: width - tail.count)
        for v in tail {
            out.append(v == 0 ? (unicode ? " " : " ") : glyphs[min(glyphs.count - 1, (v * glyphs.count - 1) / top)])
        }
        return out
    }

    /// A chart `height` rows tall (for the spike detail): column per value, eighths per row.
    public static func chart(_ values: [Int], width: Int, height: Int, unicode: Bool) -> [String] {
        guard width > 0, height > 0 else { return [] }
        let tail = Array(values.suffix(width))
        let top = max(tail.max() ?? 0, 1)
        let glyphs = unicode ? blocks : ascii
        var rows: [String] = []
        for row in (0..<height).reversed() {
            var line = String(repeating: " ", count: width - tail.count)
            for v in tail {
                let eighths = v * height * 8 / top   // total eighths of this column
                let here = eighths - row * 8
                line.append(here >= 8 ? (unicode ? "█" : "#") : here <= 0 ? " " : glyphs[here - 1])
            }
            rows.append(line)
        }
        return rows
    }
}

/// One screenful: exactly `height` lines, each at most `width` columns, each with one style.
/// Plain text until a terminal writer adds colour, so frames compare as golden text.
public struct Frame: Sendable, Equatable {
    public enum Style: Sendable, Equatable {
        case normal, title, header, dim, selected, watch, warning, critical, good, bad
    }

    public struct Line: Sendable, Equatable {
        public var text: String
        public var style: Style
        public init(_ text: String, _ style: Style = .normal) {
            self.text = text
            self.style = style
        }
    }

    public var lines: [Line]
    public let width: Int
    public let height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
        lines = []
    }

    /// Adds a line (cut to the width) while there is room.
    public mutating func add(_ text: String, _ style: Style = .normal) {
        guard lines.count < height else { return }
        lines.append(Line(DisplayWidth.fit(text, width), style))
    }

    public var isFull: Bool { lines.count >= height }
    public var remaining: Int { max(0, height - lines.count) }

    /// Pads with empty lines to the full height.
    public mutating func finish() {
        while lines.count < height { lines.append(Line("")) }
    }

    /// The top-left `width`×`height` of the frame: views are laid out for at least 20×5, and a
    /// smaller terminal gets what fits of that rather than lines it would wrap.
    public func cropped(width: Int, height: Int) -> Frame {
        var out = Frame(width: width, height: height)
        for line in lines.prefix(height) { out.add(line.text, line.style) }
        out.finish()
        return out
    }

    /// The frame as plain text (`outcry dash --once`, tests).
    public var text: String { lines.map(\.text).joined(separator: "\n") + "\n" }
}

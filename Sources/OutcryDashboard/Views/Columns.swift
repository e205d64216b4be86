/// A table whose columns give way on narrow terminals: each column has a minimum and maximum
/// width and a priority; the lowest-priority columns are dropped until the rest fit at their
/// minimum, and spare columns then widen the flexible ones in order.
struct Columns<Row> {
    struct Column {
        var title: String
        var min: Int
        var max: Int
        /// Higher stays longer.
        var priority: Int
        var rightAligned = false
        /// The cell's text for a row, given the width the column got.
        var cell: (Row, Int) -> String
    }

    let chosen: [(column: Column, width: Int)]

    init(_ columns: [Column], width: Int) {
        var keep = columns
        let gaps = { (n: Int) in max(0, n - 1) }
        while keep.count > 1, keep.reduce(0, { $0 + $1.min }) + gaps(keep.count) > width {
            let lowest = keep.enumerated().min { $0.element.priority < $1.element.priority }!.offset
            keep.remove(at: lowest)
        }
        var widths = keep.map(\.min)
        var spare = width - widths.reduce(0, +) - gaps(keep.count)
        for (i, c) in keep.enumerated() where spare > 0 {
            let extra = min(spare, c.max - c.min)
            widths[i] += extra
            spare -= extra
        }
        chosen = Array(zip(keep, widths))
    }

    func header() -> String {
        chosen.map { $0.column.rightAligned ? DisplayWidth.padLeft($0.column.title, $0.width) : DisplayWidth.pad($0.column.title, $0.width) }
            .joined(separator: " ")
    }

    func line(_ row: Row) -> String {
        chosen.map { c in
            let text = c.column.cell(row, c.width)
            return c.column.rightAligned ? DisplayWidth.padLeft(text, c.width) : DisplayWidth.pad(text, c.width)
        }.joined(separator: " ")
    }

    /// The width a named column got (0 when dropped).
    func width(of title: String) -> Int { chosen.first { $0.column.title == title }?.width ?? 0 }
}

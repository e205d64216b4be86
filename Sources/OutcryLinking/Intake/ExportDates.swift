/// An export's dates read in its zone, with numeric dates ordered as the user said or, failing
/// that, as the file's dates show (``ExportDate/OrderEvidence``) — looked for once, when a date
/// needs it (most exports write dates that are not ambiguous).
struct ExportDates {
    let utcOffset: Int
    private var order: ExportDate.Order?
    private var lookedForOrder: Bool
    /// The file's evidence of its order, gathered over its dates.
    private let evidence: () -> ExportDate.Order?

    init(utcOffset: Int, order: ExportDate.Order?, evidence: @escaping () -> ExportDate.Order?) {
        self.utcOffset = utcOffset
        self.order = order
        self.lookedForOrder = order != nil
        self.evidence = evidence
    }

    mutating func read(_ text: String) -> ExportDate.Reading {
        let reading = ExportDate.read(text, utcOffset: utcOffset, order: order)
        guard case .ambiguous = reading, !lookedForOrder else { return reading }
        lookedForOrder = true
        order = evidence()
        return ExportDate.read(text, utcOffset: utcOffset, order: order)
    }
}

extension ExportDate {
    /// What a column's numeric short dates say of their order, gathered value by value.
    ///
    /// Each order is charged with the dates it cannot read (a first number above 12 is no
    /// month); the order charged least wins, so a stray hand-typed date does not overturn a
    /// column. When several orders read every date — day-first and a two-digit year first do,
    /// for `07/03/18` and `25/12/18` alike — the right one is the one whose years repeat: an
    /// export spans a few years, while a wrong reading's "years" are the days of the month.
    public struct OrderEvidence: Sendable {
        private var unreadable: [Order: Int] = [:]
        private var years: [Order: Set<Int>] = [:]
        /// Numeric short dates seen.
        public private(set) var count = 0

        public init() {}

        public mutating func add(_ text: String) {
            guard let date = Parts(text)?.numericDate else { return }
            count += 1
            for order in Order.allCases {
                if let read = ExportDate.calendarDate(date, in: order) {
                    if years[order, default: []].count < 64 { years[order, default: []].insert(read.year) }
                } else {
                    unreadable[order, default: 0] += 1
                }
            }
        }

        /// The order the dates show, or nil while they leave it open.
        public var order: Order? {
            guard count > 0 else { return nil }
            let fewest = Order.allCases.map { unreadable[$0, default: 0] }.min()!
            let readers = Order.allCases.filter { unreadable[$0, default: 0] == fewest }
            if readers.count == 1 { return readers[0] }
            let byYears = readers.map { (order: $0, years: years[$0, default: []].count) }.sorted { $0.years < $1.years }
            // At least three distinct "years" in the runner-up, and twice the winner's: two or
            // three dates prove nothing either way.
            guard byYears[1].years >= 3, byYears[0].years * 2 <= byYears[1].years else { return nil }
            return byYears[0].order
        }
    }
}

import OutcryCore
import OutcryText

/// Which column of an export holds each ticket field, found from its header: a user's
/// `field=Header` mapping, else the field's own name, else the headers helpdesks give it
/// (``TicketCSV/headers``) — compared folded, so case, full width and Traditional characters
/// do not matter.
struct ExportColumns {
    /// The user's mapping, to name a field as the user did in errors.
    let mapping: [String: String]
    private var found: [String: Int] = [:]

    init(header: [String], mapping: [String: String]) {
        self.mapping = mapping
        func key(_ name: String) -> String { Normalizer.shared.fold(name.trimmedWhitespace) }
        var index: [String: Int] = [:]
        for (i, name) in header.enumerated() where index[key(name)] == nil {
            index[key(name)] = i   // the first of two same-named columns
        }
        for field in TicketCSV.fields {
            if let named = mapping[field] {
                found[field] = index[key(named)]
            } else {
                found[field] = ([field] + (TicketCSV.headers[field] ?? [])).lazy.compactMap { index[key($0)] }.first
            }
        }
    }

    func has(_ field: String) -> Bool { found[field] != nil }

    /// The field as errors name it: the user's header for a mapped field.
    func name(_ field: String) -> String { mapping[field] ?? field }

    /// The field's trimmed value in `record`, nil when empty or absent.
    func cell(_ record: CSVReader.Record, _ field: String) -> String? {
        guard let c = found[field], c < record.fields.count else { return nil }
        let v = record.fields[c].trimmedWhitespace
        return v.isEmpty ? nil : v
    }
}

import OutcryCore

/// Typed access to a decoded JSON object from a feed or social API, tolerant of the small type
/// drifts APIs have (numbers as strings, ids as numbers, empty strings for absent values).
struct APIObject {
    let members: JSONObject

    init?(_ value: JSONValue?) {
        guard case .object(let o)? = value else { return nil }
        members = o
    }

    /// The value, with JSON `null` read as absent.
    subscript(_ key: String) -> JSONValue? {
        let v = members[key]
        return v == .null ? nil : v
    }

    func string(_ key: String) -> String? {
        switch self[key] {
        case .string(let s)?: return s.isEmpty ? nil : s
        case .number(let n)?: return n
        default: return nil
        }
    }

    func int(_ key: String) -> Int? {
        switch self[key] {
        case .number(let n)?: return Int(n) ?? Double(n).flatMap { $0.isFinite && abs($0) < 9e15 ? Int($0) : nil }
        case .string(let s)?: return Int(s)
        default: return nil
        }
    }

    func double(_ key: String) -> Double? {
        switch self[key] {
        case .number(let n)?, .string(let n)?: return Double(n)
        default: return nil
        }
    }

    func object(_ key: String) -> APIObject? { APIObject(self[key]) }

    func array(_ key: String) -> [JSONValue] {
        if case .array(let a)? = self[key] { return a }
        return []
    }

    func objects(_ key: String) -> [APIObject] { array(key).compactMap { APIObject($0) } }

    /// The strings of an array (`langs`, `tags`), skipping other values.
    func strings(_ key: String) -> [String] {
        array(key).compactMap { if case .string(let s) = $0 { s } else { nil } }
    }
}

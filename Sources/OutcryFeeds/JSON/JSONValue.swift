import Foundation

/// Typed access to a decoded JSON object, tolerant of the small type drifts APIs have
/// (numbers as strings, ids as numbers).
struct JSONObject {
    let raw: [String: Any]

    init?(_ value: Any?) {
        guard let o = value as? [String: Any] else { return nil }
        raw = o
    }

    subscript(_ key: String) -> Any? { raw[key] is NSNull ? nil : raw[key] }

    func string(_ key: String) -> String? {
        if let s = self[key] as? String { return s.isEmpty ? nil : s }
        if let n = self[key] as? NSNumber { return n.stringValue }
        return nil
    }

    func int(_ key: String) -> Int? {
        if let n = self[key] as? NSNumber { return n.intValue }
        if let s = self[key] as? String { return Int(s) }
        return nil
    }

    func double(_ key: String) -> Double? {
        if let n = self[key] as? NSNumber { return n.doubleValue }
        if let s = self[key] as? String { return Double(s) }
        return nil
    }

    func object(_ key: String) -> JSONObject? { JSONObject(self[key]) }

    func array(_ key: String) -> [Any] { self[key] as? [Any] ?? [] }

    func objects(_ key: String) -> [JSONObject] { array(key).compactMap { JSONObject($0) } }
}

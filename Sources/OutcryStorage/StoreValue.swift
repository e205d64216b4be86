import Foundation

/// A value bound to a statement parameter, the same for both stores: every value goes to the
/// database as a bound parameter; none is ever spliced into SQL.
public enum StoreValue: Sendable, Equatable {
    case text(String)
    case int(Int)
    case double(Double)
    case null

    /// A time, as both stores keep it: seconds since 1970.
    static func time(_ d: Date) -> StoreValue { .double(StoreColumns.seconds(d)) }
    static func time(_ d: Date?) -> StoreValue { d.map(time) ?? .null }
    /// An optional column: SQL's NULL where Swift has nil.
    static func nullable(_ v: String?) -> StoreValue { v.map(StoreValue.text) ?? .null }
    static func nullable(_ v: Int?) -> StoreValue { v.map(StoreValue.int) ?? .null }
    static func nullable(_ v: Double?) -> StoreValue { v.map(StoreValue.double) ?? .null }
    /// A list or map, as JSON text (``StoreColumns/json(_:)``).
    static func json<T: Encodable>(_ v: T) -> StoreValue { .text(StoreColumns.json(v)) }
}

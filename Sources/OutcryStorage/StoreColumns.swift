import Foundation

/// How both stores write the values SQL has no type for: lists and maps as JSON text (sorted
/// keys, so equal values are equal text), times as seconds since 1970.
enum StoreColumns {
    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }()

    static func json<T: Encodable>(_ value: T) -> String {
        String(decoding: (try? encoder.encode(value)) ?? Data("null".utf8), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String) -> T? {
        try? JSONDecoder().decode(type, from: Data(text.utf8))
    }

    static func seconds(_ d: Date) -> Double { d.timeIntervalSince1970 }
    static func date(_ v: Double) -> Date { Date(timeIntervalSince1970: v) }
}

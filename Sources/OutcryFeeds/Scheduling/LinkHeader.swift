import Foundation

/// RFC 8288 `Link` headers, as Mastodon uses them for paging:
/// `<https://m.example/api/v1/timelines/tag/jd?min_id=110>; rel="prev", <…?max_id=101>; rel="next"`.
public enum LinkHeader {
    /// Target URL by relation type (`prev`, `next`); the first link wins for a repeated relation.
    public static func relations(_ header: String?) -> [String: String] {
        guard let header else { return [:] }
        var out: [String: String] = [:]
        var rest = Substring(header)
        while let open = rest.firstIndex(of: "<"), let close = rest[open...].firstIndex(of: ">") {
            let target = String(rest[rest.index(after: open)..<close])
            // Parameters run to the next "<" that follows a comma.
            var params = rest[rest.index(after: close)...]
            let nextLink = params.range(of: ",\\s*<", options: .regularExpression)?.lowerBound
            if let nextLink { params = params[..<nextLink] }
            for param in params.split(separator: ";") {
                let pair = param.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard pair.count == 2, pair[0].lowercased() == "rel" else { continue }
                let value = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                for rel in value.split(separator: " ") where out[rel.lowercased()] == nil { out[rel.lowercased()] = target }
            }
            guard let nextLink else { break }
            rest = rest[nextLink...].dropFirst()
        }
        return out
    }
}

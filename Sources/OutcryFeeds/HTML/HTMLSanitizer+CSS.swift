import Foundation
import OutcryCore

/// The `style` attribute filter of feedparser's sanitizer: only declarations whose property is
/// allow-listed and whose value passes its gauntlet survive; `url(...)` never does.
extension HTMLSanitizer {
    static let urlPattern = try! NSRegularExpression(pattern: #"url\s*\(\s*[^\s)]+?\s*\)\s*"#)
    static let gauntlet = try! NSRegularExpression(pattern: #"^([:,;#%.\sa-zA-Z0-9!]|\w-\w|'[\s\w]+'|"[\s\w]+"|\([\d,\s]+\))*$"#)
    static let declarationPattern = try! NSRegularExpression(pattern: #"\s*[-\w]+\s*:\s*[^:;]*;?"#)
    static let propertyPattern = try! NSRegularExpression(pattern: #"([-\w]+)\s*:\s*([^:;]*)"#)
    static let validCSSValue = try! NSRegularExpression(pattern: #"^(#[0-9a-f]+|rgb\(\d+%?,\d*%?,?\d*%?\)?|\d{0,2}\.?\d{0,2}(cm|em|ex|in|mm|pc|pt|px|%|,|\))?)$"#)

    func sanitizeStyle(_ raw: String) -> String {
        var style = Self.urlPattern.stringByReplacingMatches(in: raw, range: NSRange(raw.startIndex..., in: raw), withTemplate: " ")
        let full = NSRange(style.startIndex..., in: style)
        guard Self.gauntlet.firstMatch(in: style, range: full) != nil else { return "" }
        let leftover = Self.declarationPattern.stringByReplacingMatches(in: style, range: full, withTemplate: "")
        guard leftover.trimmedWhitespace.isEmpty else { return "" }
        var clean: [String] = []
        let ns = style as NSString
        for m in Self.propertyPattern.matches(in: style, range: NSRange(location: 0, length: ns.length)) {
            let prop = ns.substring(with: m.range(at: 1))
            let value = ns.substring(with: m.range(at: 2))
            if value.isEmpty { continue }
            let lower = prop.lowercased()
            if SanitizerLists.acceptableCssProperties.contains(lower) {
                clean.append(prop + ": " + value + ";")
            } else if ["background", "border", "margin", "padding"].contains(String(lower.split(separator: "-", omittingEmptySubsequences: false).first ?? "")) {
                let keywords = value.split(whereSeparator: { $0.isWhitespace }).map(String.init)
                let ok = keywords.allSatisfy { k in
                    SanitizerLists.acceptableCssKeywords.contains(k)
                        || Self.validCSSValue.firstMatch(in: k, range: NSRange(k.startIndex..., in: k)) != nil
                }
                if ok { clean.append(prop + ": " + value + ";") }
            } else if svgDepth > 0, SanitizerLists.acceptableSvgProperties.contains(lower) {
                clean.append(prop + ": " + value + ";")
            }
        }
        style = clean.joined(separator: " ")
        return style
    }
}

import Foundation
import OutcryCore
import OutcryXML

/// Reads feed elements that carry human-readable text, which may be plain text, escaped HTML
/// or inline XHTML, and returns feedparser-compatible values: HTML is always sanitized.
enum TextConstruct {
    static let xhtmlType = "application/xhtml+xml"

    /// The element's content as markup: inline child elements serialized, text as is.
    static func raw(_ el: XMLElement) -> String {
        el.elements.isEmpty ? el.text : el.innerXML
    }

    /// An RSS field that is nominally plain text (`title`) but often carries HTML: sanitized
    /// when it looks like HTML.
    static func rssText(_ el: XMLElement?) -> String? {
        guard let el else { return nil }
        let value = raw(el).trimmedWhitespace
        if !el.elements.isEmpty || looksLikeHTML(value) {
            return nonEmpty(HTMLSanitizer.sanitize(value, contentType: "text/html", baseURI: el.base))
        }
        return nonEmpty(value)
    }

    /// An RSS field that holds HTML (`description`, `content:encoded`).
    static func rssHTML(_ el: XMLElement?) -> String? {
        guard let el else { return nil }
        return nonEmpty(HTMLSanitizer.sanitize(raw(el), contentType: "text/html", baseURI: el.base))
    }

    /// An RSS element holding inline XHTML (`body`, `xhtml:body`).
    static func rssXHTML(_ el: XMLElement?) -> String? {
        guard let el else { return nil }
        return nonEmpty(HTMLSanitizer.sanitize(el.innerXML, contentType: xhtmlType, baseURI: el.base))
    }

    /// An Atom text construct: `type` text, html or xhtml (Atom 1.0), or a MIME type with a
    /// `mode` (Atom 0.3). Returns the value and its MIME type.
    /// `stripDiv`: Atom 1.0 drops the `<div>` that wraps inline XHTML; Atom 0.3 keeps it.
    static func atom(_ el: XMLElement?, stripDiv: Bool = true) -> (value: String, type: String)? {
        guard let el else { return nil }
        let typeAttribute = (el.attribute("type") ?? "").lowercased()
        let declared = typeAttribute.isEmpty ? "text" : typeAttribute   // type="" is no type, not a base64 one
        let mode = el.attribute("mode")?.lowercased()
        let type: String
        switch declared {
        case "text", "text/plain": type = "text/plain"
        case "html", "text/html": type = "text/html"
        case "xhtml", xhtmlType: type = xhtmlType
        default: type = declared
        }
        var value: String
        // Atom 1.0: any other MIME type that is not text or XML is base64 (RFC 4287 §4.1.3.3).
        let base64Type = stripDiv && !["text/plain", "text/html", xhtmlType].contains(type)
            && !type.hasPrefix("text/") && !type.hasSuffix("+xml") && !type.hasSuffix("/xml")
        if mode == "base64" || base64Type, let data = Data(base64Encoded: el.text.trimmedWhitespace, options: .ignoreUnknownCharacters) {
            value = String(decoding: data, as: UTF8.self)
        } else if type == "text/html", let div = wrappingDiv(el), div.elements.isEmpty {
            value = div.text   // TypePad: escaped HTML inside an XHTML div, in content typed html
        } else if type == xhtmlType || mode == "xml" || !el.elements.isEmpty {
            value = stripDiv ? xhtmlBody(el) : el.innerXML
        } else {
            value = el.text
        }
        value = value.trimmedWhitespace
        let nakedMarkup = type == "text/plain" && !el.elements.isEmpty
        if type == "text/html" || type == xhtmlType || nakedMarkup || (type == "text/plain" && mode == "escaped" && looksLikeHTML(value)) {
            value = HTMLSanitizer.sanitize(value, contentType: type == xhtmlType ? xhtmlType : "text/html", baseURI: el.base)
        }
        return (value, type)
    }

    /// Inline XHTML without its wrapping `<div>`, when the div holds everything.
    static func xhtmlBody(_ el: XMLElement) -> String {
        wrappingDiv(el)?.innerXML ?? el.innerXML
    }

    /// The `<div>` that holds all of an element's content, if one does.
    static func wrappingDiv(_ el: XMLElement) -> XMLElement? {
        let meaningful = el.children.filter {
            if case .text(let t) = $0 { return !t.trimmedWhitespace.isEmpty }
            return true
        }
        if meaningful.count == 1, case .element(let div) = meaningful[0], div.name == "div" { return div }
        return nil
    }

    /// feedparser's heuristic: a closing tag or an entity, and only known elements and entities.
    static func looksLikeHTML(_ s: String) -> Bool {
        guard s.utf8.contains(where: { $0 == 0x3C || $0 == 0x26 }) else { return false }
        let closeTag = s.range(of: #"</\w+>"#, options: .regularExpression) != nil
        let entity = s.range(of: #"&#?\w+;"#, options: .regularExpression) != nil
        guard closeTag || entity else { return false }
        let tagNames = matches(#"</?(\w+)"#, in: s)
        if tagNames.contains(where: { !SanitizerLists.acceptableElements.contains($0.lowercased()) }) { return false }
        let entities = matches(#"&(\w+);"#, in: s)
        if entities.contains(where: { !HTMLText.isKnownEntity($0) && !["amp", "lt", "gt", "quot", "apos"].contains($0) }) { return false }
        return true
    }

    static func matches(_ pattern: String, in s: String) -> [String] {
        guard let re = try? NSRegularExpression(pattern: pattern) else { return [] }
        let ns = s as NSString
        return re.matches(in: s, range: NSRange(location: 0, length: ns.length)).map { ns.substring(with: $0.range(at: 1)) }
    }

    static func nonEmpty(_ s: String) -> String? { s.isEmpty ? nil : s }
}

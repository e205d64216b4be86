import Foundation
import OutcryCore

/// Cleans the HTML that feeds embed in titles, summaries and content: only allow-listed
/// elements and attributes survive (`SanitizerLists`, the lists Python feedparser uses),
/// `script`/`style`/`applet` lose their content, `href`s with unsafe schemes are emptied, and
/// `style` attributes keep only safe CSS. Output is re-serialized the way feedparser does it
/// (lower-case names, sorted double-quoted attributes, `<br />`), so `feed parse` matches the
/// conformance corpus — and so that every later sink receives well-formed, inert markup.
///
/// The tokenizer follows sgmllib's, feedparser's HTML reader: tags, end tags, comments,
/// processing instructions, declarations, character and entity references, and text.
public struct HTMLSanitizer {
    /// `application/xhtml+xml` treats `<tag/>` as an empty element; HTML types do not.
    public let contentType: String
    /// Relative URIs in attributes that hold URIs are resolved against this (feedparser's resolver).
    public let baseURI: String?
    private var pieces: [String] = []
    private var unacceptableDepth = 0
    private var mathDepth = 0
    private var svgDepth = 0
    private var lastTag = ""

    public static func sanitize(_ html: String, contentType: String = "text/html", baseURI: String? = nil) -> String {
        var s = HTMLSanitizer(contentType: contentType, baseURI: baseURI)
        return s.run(html)
    }

    init(contentType: String, baseURI: String?) {
        self.contentType = contentType
        self.baseURI = baseURI
    }

    // MARK: - Driver

    mutating func run(_ input: String) -> String {
        var html = input.utf8.contains(0x21) ? input.replacingOccurrences(of: "<![CDATA[", with: "&lt;![CDATA[") : input
        html = Self.preprocess(html)
        let chars = Array(html.unicodeScalars)
        tokenize(chars)
        var out = pieces.joined().trimmedWhitespace
        if out.utf8.contains(0x0D) { out = out.replacingOccurrences(of: "\r\n", with: "\n") }
        return out
    }

    /// feedparser's pre-pass: escape `<!` that starts no doctype, comment or marked section;
    /// expand `<tag/>`; unescape `&#39;` and `&#34;`.
    static func preprocess(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        let c = Array(s.unicodeScalars)
        var i = 0
        while i < c.count {
            if c[i] == "<", i + 1 < c.count, c[i + 1] == "!" {
                let rest = String(String.UnicodeScalarView(c[(i + 2)..<min(c.count, i + 9)]))
                if !(rest.uppercased().hasPrefix("DOCTYPE") || rest.hasPrefix("--") || rest.hasPrefix("[")) {
                    out.append(contentsOf: "&lt;!".unicodeScalars)
                    i += 2
                    continue
                }
            }
            if c[i] == "<" {
                // <name/> or <name />, where name has no spaces or angle brackets.
                var j = i + 1
                while j < c.count, c[j] != "<", c[j] != ">", !c[j].properties.isWhitespace, c[j] != "/" || (j + 1 < c.count && c[j + 1] != ">" && !c[j + 1].properties.isWhitespace) { j += 1 }
                var k = j
                while k < c.count, c[k].properties.isWhitespace { k += 1 }
                if j > i + 1, k + 1 < c.count, c[k] == "/", c[k + 1] == ">" {
                    let name = String(String.UnicodeScalarView(c[(i + 1)..<j]))
                    if !name.contains("/") {
                        let r = SanitizerLists.elementsNoEndTag.contains(name) ? "<\(name) />" : "<\(name)></\(name)>"
                        out.append(contentsOf: r.unicodeScalars)
                        i = k + 2
                        continue
                    }
                }
            }
            out.append(c[i])
            i += 1
        }
        let result = String(out)
        guard result.utf8.contains(0x26) else { return result }
        return result.replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&#34;", with: "\"")
    }

    // MARK: - Tokenizer (sgmllib semantics)

    static func isLetter(_ s: Unicode.Scalar) -> Bool { (s.value >= 0x41 && s.value <= 0x5A) || (s.value >= 0x61 && s.value <= 0x7A) }
    static func isDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 0x30 && s.value <= 0x39 }
    static func isWord(_ s: Unicode.Scalar) -> Bool { isLetter(s) || isDigit(s) || s == "_" || (s.value > 0x7F && s.properties.isAlphabetic) }

    static func string(_ c: [Unicode.Scalar], _ a: Int, _ b: Int) -> String {
        guard a < b else { return "" }
        return String(String.UnicodeScalarView(c[a..<b]))
    }

    mutating func tokenize(_ c: [Unicode.Scalar]) {
        let n = c.count
        var i = 0
        while i < n {
            var j = i
            while j < n, c[j] != "<", c[j] != "&" { j += 1 }
            if i < j { handleData(Self.string(c, i, j)) }
            i = j
            if i == n { break }
            if c[i] == "<" {
                if i + 1 < n, Self.isLetter(c[i + 1]) || c[i + 1] == ">" {
                    if let k = parseStartTag(c, i) { i = k; continue }
                    break
                }
                if i + 1 < n, c[i + 1] == "/" {
                    if let k = parseEndTag(c, i) { i = k; continue }
                    break
                }
                if Self.string(c, i, min(n, i + 4)) == "<!--" {
                    if let k = parseComment(c, i) { i = k; continue }
                    break
                }
                if i + 1 < n, c[i + 1] == "?" {
                    guard let close = c[i...].firstIndex(of: ">") else { break }
                    i = close + 1   // processing instructions are dropped
                    continue
                }
                if i + 1 < n, c[i + 1] == "!" {
                    guard let close = declarationEnd(c, i) else { break }
                    i = close   // declarations are dropped
                    continue
                }
            } else if c[i] == "&" {
                // Character reference: &#123 followed by a non-digit.
                if i + 2 < n, c[i + 1] == "#", Self.isDigit(c[i + 2]) {
                    var k = i + 2
                    while k < n, Self.isDigit(c[k]) { k += 1 }
                    if k < n {
                        handleCharRef(Self.string(c, i + 2, k))
                        i = c[k] == ";" ? k + 1 : k
                        continue
                    }
                }
                // Entity reference: &name followed by a non-alphanumeric.
                if i + 1 < n, Self.isLetter(c[i + 1]) {
                    var k = i + 2
                    while k < n, Self.isLetter(c[k]) || Self.isDigit(c[k]) || c[k] == "-" || c[k] == "." { k += 1 }
                    if k < n {
                        handleEntityRef(Self.string(c, i + 1, k))
                        i = c[k] == ";" ? k + 1 : k
                        continue
                    }
                }
            }
            // Incomplete construct: emit what it covers as text, escaped so it cannot turn into markup later.
            var k = i + 1
            if c[i] == "&" {
                if k < n, c[k] == "#" { k += 1; while k < n, Self.isDigit(c[k]) { k += 1 } }
                else { while k < n, Self.isLetter(c[k]) || Self.isDigit(c[k]) { k += 1 } }
                if k >= n { handleData(Self.string(c, i, n)); i = n; break }
                handleData(Self.string(c, i, k))
            } else {
                handleData("&lt;")
            }
            i = k
        }
        if i < n {
            // An unterminated tag at the end: keep its text, never as markup.
            handleData(Self.string(c, i, n).replacingOccurrences(of: "<", with: "&lt;"))
        }
    }

    /// Index of the `<` or `>` that ends the tag starting at `i`, skipping quoted attribute
    /// values that are followed by `>`, `/`, white space or another attribute (feedparser's rule).
    func endBracket(_ c: [Unicode.Scalar], _ i: Int) -> Int? {
        var k = i + 1
        let n = c.count
        while k < n {
            let ch = c[k]
            if ch == "<" || ch == ">" { return k }
            if ch == "\"" || ch == "'" {
                if let close = c[(k + 1)...].firstIndex(of: ch) {
                    let after = close + 1
                    var ok = after < n && (c[after] == ">" || c[after] == "/" || c[after].properties.isWhitespace)
                    if !ok, after < n {
                        var w = after
                        while w < n, Self.isWord(c[w]) { w += 1 }
                        ok = w > after && w < n && c[w] == "="
                    }
                    if ok { k = after; continue }
                }
                // Fallback: the first angle bracket, quotes or not.
                return c[(i + 1)...].firstIndex { $0 == "<" || $0 == ">" }
            }
            k += 1
        }
        return nil
    }

    mutating func parseStartTag(_ c: [Unicode.Scalar], _ i: Int) -> Int? {
        guard let j = endBracket(c, i) else { return nil }
        var tag: String
        var k: Int
        if c[i + 1] == ">" {
            tag = lastTag
            k = i + 1
        } else {
            k = i + 1
            while k < c.count, Self.isLetter(c[k]) || Self.isDigit(c[k]) || c[k] == "-" || c[k] == "_" || c[k] == "." { k += 1 }
            // SGML shorthand <tag/data/ == <tag>data</tag>
            if k < c.count, c[k] == "/", k < j, !Self.string(c, i + 1, k).contains("_") {
                if let dataEnd = c[(k + 1)...].firstIndex(of: "/") {
                    let name = Self.string(c, i + 1, k).lowercased()
                    unknownStartTag(name, [])
                    handleData(Self.string(c, k + 1, dataEnd))
                    unknownEndTag(name)
                    return dataEnd + 1
                }
                return nil
            }
            tag = Self.string(c, i + 1, k).lowercased()
            lastTag = tag
        }
        var attrs: [(String, String)] = []
        while k < j {
            var a = k
            while a < c.count, c[a].properties.isWhitespace { a += 1 }
            guard a < c.count, Self.isLetter(c[a]) || c[a] == "_" else { break }
            var b = a + 1
            while b < c.count, Self.isLetter(c[b]) || Self.isDigit(c[b]) || "-:._".unicodeScalars.contains(c[b]) { b += 1 }
            let name = Self.string(c, a, b).lowercased()
            var e = b
            while e < c.count, c[e].properties.isWhitespace { e += 1 }
            if e < c.count, c[e] == "=" {
                var v = e + 1
                while v < c.count, c[v].properties.isWhitespace { v += 1 }
                var value: String
                var end: Int
                if v < c.count, c[v] == "'" || c[v] == "\"", let close = c[(v + 1)...].firstIndex(of: c[v]) {
                    value = Self.string(c, v + 1, close)
                    end = close + 1
                } else {
                    end = v
                    let allowed = "[]-./,:;+*%?!&$()_#=~'\"@".unicodeScalars
                    while end < c.count, Self.isLetter(c[end]) || Self.isDigit(c[end]) || allowed.contains(c[end]) { end += 1 }
                    value = Self.string(c, v, end)
                    if value.count >= 2, (value.hasPrefix("'") && value.hasSuffix("'")) || (value.hasPrefix("\"") && value.hasSuffix("\"")) {
                        value = String(value.dropFirst().dropLast())
                    }
                }
                attrs.append((name, Self.normalizeCharRefs(value)))
                k = end
            } else {
                attrs.append((name, name))
                k = b
            }
        }
        var next = j
        if c[j] == ">" { next = j + 1 }
        unknownStartTag(tag, attrs)
        if contentType == "application/xhtml+xml", j >= 1, c[j] == ">", c[j - 1] == "/" {
            unknownEndTag(lastTag)
        }
        return next
    }

    /// sgmllib rewrites `&#123` in attribute values to `&#123;`.
    static func normalizeCharRefs(_ v: String) -> String {
        guard v.utf8.contains(0x26) else { return v }
        let c = Array(v.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < c.count {
            if c[i] == "&", i + 2 < c.count, c[i + 1] == "#", isDigit(c[i + 2]) {
                var k = i + 2
                while k < c.count, isDigit(c[k]) { k += 1 }
                out.append(contentsOf: ("&#" + string(c, i + 2, k) + ";").unicodeScalars)
                i = (k < c.count && c[k] == ";") ? k + 1 : k
                continue
            }
            out.append(c[i])
            i += 1
        }
        return String(out)
    }

    mutating func parseEndTag(_ c: [Unicode.Scalar], _ i: Int) -> Int? {
        guard let j = endBracket(c, i) else { return nil }
        let tag = Self.string(c, i + 2, j).trimmedWhitespace.lowercased()
        unknownEndTag(tag)
        return c[j] == ">" ? j + 1 : j
    }

    mutating func parseComment(_ c: [Unicode.Scalar], _ i: Int) -> Int? {
        // Comment ends at "--" + optional white space + ">".
        var k = i + 4
        while k + 1 < c.count {
            if c[k] == "-", c[k + 1] == "-" {
                var m = k + 2
                while m < c.count, c[m].properties.isWhitespace { m += 1 }
                if m < c.count, c[m] == ">" {
                    if unacceptableDepth == 0 { pieces.append("<!--" + Self.string(c, i + 4, k) + "-->") }
                    return m + 1
                }
            }
            k += 1
        }
        // Unclosed comment: skip to a later "--…>" if any, else drop the rest (never emit it).
        var m = i + 4
        while m + 1 < c.count {
            if c[m] == "-", c[m + 1] == "-", let gt = c[(m + 2)...].firstIndex(of: ">") { return gt + 1 }
            m += 1
        }
        return c.count
    }

    func declarationEnd(_ c: [Unicode.Scalar], _ i: Int) -> Int? {
        var depth = 0
        var k = i + 2
        while k < c.count {
            if c[k] == "[" { depth += 1 }
            if c[k] == "]" { depth -= 1 }
            if c[k] == ">", depth <= 0 { return k + 1 }
            k += 1
        }
        return nil
    }

    // MARK: - Handlers (feedparser's _HTMLSanitizer)

    /// Text never carries a raw `<` out of the sanitizer: the tokenizer only hands over text
    /// without one, but SGML shorthand (`<a/…/`) and broken input could otherwise splice a tag
    /// together from pieces (found by the fuzzer: `<r/b</` + `script>` → `<script>`).
    mutating func handleData(_ text: String) {
        guard unacceptableDepth == 0 else { return }
        pieces.append(text.utf8.contains(0x3C) ? text.replacingOccurrences(of: "<", with: "&lt;") : text)
    }


    mutating func handleCharRef(_ ref: String) {
        guard unacceptableDepth == 0 else { return }
        if let v = Int(ref), let mapped = Self.cp1252[v] {
            pieces.append("&#x" + String(mapped, radix: 16) + ";")
        } else {
            pieces.append("&#\(ref);")
        }
    }

    mutating func handleEntityRef(_ name: String) {
        guard unacceptableDepth == 0 else { return }
        if HTMLText.isKnownEntity(name) || name == "apos" {
            pieces.append("&\(name);")
        } else {
            pieces.append("&amp;\(name)")
        }
    }

    static let cp1252: [Int: UInt32] = [
        128: 0x20AC, 130: 0x201A, 131: 0x0192, 132: 0x201E, 133: 0x2026, 134: 0x2020, 135: 0x2021, 136: 0x02C6,
        137: 0x2030, 138: 0x0160, 139: 0x2039, 140: 0x0152, 142: 0x017D, 145: 0x2018, 146: 0x2019, 147: 0x201C,
        148: 0x201D, 149: 0x2022, 150: 0x2013, 151: 0x2014, 152: 0x02DC, 153: 0x2122, 154: 0x0161, 155: 0x203A,
        156: 0x0153, 158: 0x017E, 159: 0x0178,
    ]

    static let svgElementMap: [String: String] = Dictionary(
        SanitizerLists.svgElements.filter { $0 != $0.lowercased() }.map { ($0.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })
    static let svgAttributeMap: [String: String] = Dictionary(
        SanitizerLists.svgAttributes.filter { $0 != $0.lowercased() }.map { ($0.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })
    static let svgElementsLower = Set(SanitizerLists.svgElements.map { $0.lowercased() })
    static let svgAttributesLower = Set(SanitizerLists.svgAttributes.map { $0.lowercased() })

    mutating func unknownStartTag(_ rawTag: String, _ rawAttrs: [(String, String)]) {
        var tag = rawTag
        var attrs = rawAttrs.map { key, value in
            SanitizerLists.relativeURIAttributes.contains("\(rawTag) \(key)") ? (key, URLResolution.safeAbsolute(base: baseURI, value.trimmedWhitespace)) : (key, value)
        }
        var acceptable = SanitizerLists.acceptableAttributes
        var keymap: [String: String] = [:]
        if !SanitizerLists.acceptableElements.contains(tag) || svgDepth > 0 {
            if SanitizerLists.unacceptableElementsWithEndTag.contains(tag) { unacceptableDepth += 1 }
            if contentType.hasSuffix("html"), !attrs.contains(where: { $0.0 == "xmlns" && !$0.1.isEmpty }) {
                if tag == "svg" { attrs.append(("xmlns", "http://www.w3.org/2000/svg")) }
                if tag == "math" { attrs.append(("xmlns", "http://www.w3.org/1998/Math/MathML")) }
            }
            if tag == "math", attrs.contains(where: { $0 == ("xmlns", "http://www.w3.org/1998/Math/MathML") }) { mathDepth += 1 }
            if tag == "svg", attrs.contains(where: { $0 == ("xmlns", "http://www.w3.org/2000/svg") }) { svgDepth += 1 }
            if mathDepth > 0, SanitizerLists.mathmlElements.contains(tag) {
                acceptable = SanitizerLists.mathmlAttributes
            } else if svgDepth > 0, Self.svgElementsLower.contains(tag) {
                acceptable = Self.svgAttributesLower
                tag = Self.svgElementMap[tag] ?? tag
                keymap = Self.svgAttributeMap
            } else if !SanitizerLists.acceptableElements.contains(tag) {
                return
            }
        }
        if mathDepth > 0 || svgDepth > 0, attrs.contains(where: { $0.0.hasPrefix("xlink:") }),
           !attrs.contains(where: { $0 == ("xmlns:xlink", "http://www.w3.org/1999/xlink") }) {
            attrs.append(("xmlns:xlink", "http://www.w3.org/1999/xlink"))
        }
        var clean: [(String, String)] = []
        for (key, value) in Self.normalize(attrs) {
            if key == "style", acceptable.contains("style") {
                let v = sanitizeStyle(value)
                if !v.isEmpty { clean.append((key, v)) }
            } else if acceptable.contains(key) {
                let k = keymap[key] ?? key
                clean.append((k, k == "href" ? URLResolution.safeAbsolute(base: value, nil) : value))
            }
        }
        emitStartTag(tag, clean)
    }

    mutating func unknownEndTag(_ rawTag: String) {
        var tag = rawTag
        if !SanitizerLists.acceptableElements.contains(tag) {
            // May go negative on a stray end tag, exactly as feedparser's counter does.
            if SanitizerLists.unacceptableElementsWithEndTag.contains(tag) { unacceptableDepth -= 1 }
            if mathDepth > 0, SanitizerLists.mathmlElements.contains(tag) {
                if tag == "math" { mathDepth -= 1 }
            } else if svgDepth > 0, Self.svgElementsLower.contains(tag) {
                tag = Self.svgElementMap[tag] ?? tag
                if tag == "svg" { svgDepth -= 1 }
            } else {
                return
            }
        }
        if !SanitizerLists.elementsNoEndTag.contains(tag) { pieces.append("</\(tag)>") }
    }

    /// Last duplicate wins (in first-seen position), `rel`/`type` values lower-cased, sorted by name.
    static func normalize(_ attrs: [(String, String)]) -> [(String, String)] {
        var order: [String] = []
        var values: [String: String] = [:]
        for (k, v) in attrs {
            let key = k.lowercased()
            if values[key] == nil { order.append(key) }
            values[key] = v
        }
        return order.map { k in (k, (k == "rel" || k == "type") ? values[k]!.lowercased() : values[k]!) }.sorted { $0.0 < $1.0 }
    }

    mutating func emitStartTag(_ tag: String, _ attrs: [(String, String)]) {
        var s = "<" + tag
        for (k, v) in attrs {
            var value = v
            if value.utf8.contains(where: { $0 == 0x3E || $0 == 0x3C || $0 == 0x22 }) {
                value = value.replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "<", with: "&lt;")
                    .replacingOccurrences(of: "\"", with: "&quot;")
            }
            value = Self.escapeBareAmpersands(value)
            s += " \(k)=\"\(value)\""
        }
        s += SanitizerLists.elementsNoEndTag.contains(tag) ? " />" : ">"
        pieces.append(s)
    }

    /// `&` that does not start `&#123;`, `&#x1F;` or `&name;` becomes `&amp;`.
    static func escapeBareAmpersands(_ v: String) -> String {
        guard v.utf8.contains(0x26) else { return v }
        let c = Array(v.unicodeScalars)
        var out = String.UnicodeScalarView()
        for (i, ch) in c.enumerated() {
            guard ch == "&" else { out.append(ch); continue }
            var k = i + 1
            var ok = false
            if k < c.count, c[k] == "#" {
                k += 1
                if k < c.count, c[k] == "x" || c[k] == "X" {
                    k += 1
                    let s = k
                    while k < c.count, c[k].properties.isASCIIHexDigit { k += 1 }
                    ok = k > s && k < c.count && c[k] == ";"
                } else {
                    let s = k
                    while k < c.count, isDigit(c[k]) { k += 1 }
                    ok = k > s && k < c.count && c[k] == ";"
                }
            } else {
                let s = k
                while k < c.count, isWord(c[k]) { k += 1 }
                ok = k > s && k < c.count && c[k] == ";"
            }
            out.append(contentsOf: (ok ? "&" : "&amp;").unicodeScalars)
        }
        return String(out)
    }

    // MARK: - CSS

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

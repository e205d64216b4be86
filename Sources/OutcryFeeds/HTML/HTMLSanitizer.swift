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
    /// The sanitized document as UTF-8, appended to as tokens are handled.
    var out: [UInt8] = []
    var unacceptableDepth = 0
    var mathDepth = 0
    var svgDepth = 0
    var lastTag = ""

    public static func sanitize(_ html: String, contentType: String = "text/html", baseURI: String? = nil) -> String {
        // Most feed text has no markup at all: then sanitizing is trimming.
        if !html.containsByte(0x3C), !html.containsByte(0x26) {
            let plain = html.trimmedWhitespace
            return plain.containsByte(0x0D) ? plain.replacingOccurrences(of: "\r\n", with: "\n") : plain
        }
        var s = HTMLSanitizer(contentType: contentType, baseURI: baseURI)
        return s.run(html)
    }

    init(contentType: String, baseURI: String?) {
        self.contentType = contentType
        self.baseURI = baseURI
    }

    // MARK: - Driver

    mutating func run(_ input: String) -> String {
        var bytes = HTMLBytes.replacing("<![CDATA[", with: "&lt;![CDATA[", in: Array(input.utf8))
        bytes = Self.preprocess(HTMLBytes(bytes))
        out.reserveCapacity(bytes.count + bytes.count / 8)
        tokenize(HTMLBytes(bytes))
        // CRLF → LF before trimming is the same as after: both ends' white space goes either way.
        if out.contains(0x0D) { out = HTMLBytes.replacing("\r\n", with: "\n", in: out) }
        return String(decoding: out, as: UTF8.self).trimmedWhitespace
    }

    mutating func emit(_ s: String) {
        out.append(contentsOf: s.utf8)
    }

    /// feedparser's pre-pass: escape `<!` that starts no doctype, comment or marked section;
    /// expand `<tag/>`; unescape `&#39;` and `&#34;`.
    static func preprocess(_ c: HTMLBytes) -> [UInt8] {
        let n = c.count
        var splicer = ByteSplicer(c.bytes)
        var i = 0
        while let lt = c.firstIndex(of: UInt8(ascii: "<"), from: i) {
            i = lt
            if i + 1 < n, c[i + 1] == UInt8(ascii: "!") {
                if !(c.hasPrefix("DOCTYPE", at: i + 2, caseInsensitive: true) || c.hasPrefix("--", at: i + 2) || c.hasPrefix("[", at: i + 2)) {
                    splicer.replace(i..<(i + 2), with: "&lt;!".utf8)
                    i += 2
                    continue
                }
            }
            // <name/> or <name />, where name has no spaces or angle brackets.
            var j = i + 1
            while j < n, c[j] != UInt8(ascii: "<"), c[j] != UInt8(ascii: ">"), c.whiteSpaceLength(at: j) == 0,
                  c[j] != UInt8(ascii: "/") || (j + 1 < n && c[j + 1] != UInt8(ascii: ">") && c.whiteSpaceLength(at: j + 1) == 0) {
                j += c.scalarLength(at: j)
            }
            let k = c.skipWhiteSpace(from: j)
            if j > i + 1, k + 1 < n, c[k] == UInt8(ascii: "/"), c[k + 1] == UInt8(ascii: ">"), !c.contains(UInt8(ascii: "/"), in: (i + 1)..<j) {
                let name = c.string(i + 1, j)
                splicer.replace(i..<(k + 2), with: (SanitizerLists.elementsNoEndTag.contains(name) ? "<\(name) />" : "<\(name)></\(name)>").utf8)
                i = k + 2
                continue
            }
            i += 1
        }
        return unescapeQuotes(splicer.result())
    }

    static func unescapeQuotes(_ b: [UInt8]) -> [UInt8] {
        guard b.contains(UInt8(ascii: "&")) else { return b }
        return HTMLBytes.replacing("&#34;", with: "\"", in: HTMLBytes.replacing("&#39;", with: "'", in: b))
    }

    // MARK: - Tokenizer (sgmllib semantics)

    mutating func tokenize(_ c: HTMLBytes) {
        let n = c.count
        let lt = UInt8(ascii: "<"), amp = UInt8(ascii: "&")
        var i = 0
        while i < n {
            var j = i
            while j < n, c[j] != lt, c[j] != amp { j += 1 }
            if i < j { handleData(c, i, j) }
            i = j
            if i == n { break }
            if c[i] == lt {
                if i + 1 < n, HTMLBytes.isLetter(c[i + 1]) || c[i + 1] == UInt8(ascii: ">") {
                    if let k = parseStartTag(c, i) { i = k; continue }
                    break
                }
                if i + 1 < n, c[i + 1] == UInt8(ascii: "/") {
                    if let k = parseEndTag(c, i) { i = k; continue }
                    break
                }
                if c.hasPrefix("<!--", at: i) {
                    if let k = parseComment(c, i) { i = k; continue }
                    break
                }
                if i + 1 < n, c[i + 1] == UInt8(ascii: "?") {
                    guard let close = c.firstIndex(of: UInt8(ascii: ">"), from: i) else { break }
                    i = close + 1   // processing instructions are dropped
                    continue
                }
                if i + 1 < n, c[i + 1] == UInt8(ascii: "!") {
                    guard let close = declarationEnd(c, i) else { break }
                    i = close   // declarations are dropped
                    continue
                }
            } else {
                // Character reference: &#123 followed by a non-digit.
                if i + 2 < n, c[i + 1] == UInt8(ascii: "#"), HTMLBytes.isDigit(c[i + 2]) {
                    var k = i + 2
                    while k < n, HTMLBytes.isDigit(c[k]) { k += 1 }
                    if k < n {
                        handleCharRef(c.string(i + 2, k))
                        i = c[k] == UInt8(ascii: ";") ? k + 1 : k
                        continue
                    }
                }
                // Hexadecimal character reference (feedparser's sgmllib pattern: `&#x1F;`, `;` required).
                if i + 3 < n, c[i + 1] == UInt8(ascii: "#"), c[i + 2] | 0x20 == UInt8(ascii: "x"), HTMLBytes.isHexDigit(c[i + 3]) {
                    var k = i + 3
                    while k < n, HTMLBytes.isHexDigit(c[k]) { k += 1 }
                    if k < n, c[k] == UInt8(ascii: ";") {
                        handleCharRef(c.string(i + 2, k).lowercased())
                        i = k + 1
                        continue
                    }
                }
                // Entity reference: &name followed by a non-alphanumeric.
                if i + 1 < n, HTMLBytes.isLetter(c[i + 1]) {
                    var k = i + 2
                    while k < n, HTMLBytes.isLetter(c[k]) || HTMLBytes.isDigit(c[k]) || c[k] == UInt8(ascii: "-") || c[k] == UInt8(ascii: ".") { k += 1 }
                    if k < n {
                        handleEntityRef(c.string(i + 1, k))
                        i = c[k] == UInt8(ascii: ";") ? k + 1 : k
                        continue
                    }
                }
            }
            // Incomplete construct: emit what it covers as text, escaped so it cannot turn into markup later.
            var k = i + 1
            if c[i] == amp {
                if k < n, c[k] == UInt8(ascii: "#") {
                    k += 1
                    while k < n, HTMLBytes.isDigit(c[k]) { k += 1 }
                } else {
                    while k < n, HTMLBytes.isLetter(c[k]) || HTMLBytes.isDigit(c[k]) { k += 1 }
                }
                if k >= n { handleData(c, i, n); i = n; break }
                handleData(c, i, k)
            } else {
                handleData("&lt;")
            }
            i = k
        }
        if i < n {
            // An unterminated tag at the end: keep its text, never as markup (handleData escapes `<`).
            handleData(c, i, n)
        }
    }

    /// Index of the `<` or `>` that ends the tag starting at `i`, skipping quoted attribute
    /// values that are followed by `>`, `/`, white space or another attribute (feedparser's rule).
    func endBracket(_ c: HTMLBytes, _ i: Int) -> Int? {
        var k = i + 1
        let n = c.count
        while k < n {
            let ch = c[k]
            if ch == UInt8(ascii: "<") || ch == UInt8(ascii: ">") { return k }
            if ch == UInt8(ascii: "\"") || ch == UInt8(ascii: "'") {
                if let close = c.firstIndex(of: ch, from: k + 1) {
                    let after = close + 1
                    var ok = after < n && (c[after] == UInt8(ascii: ">") || c[after] == UInt8(ascii: "/") || c.whiteSpaceLength(at: after) > 0)
                    if !ok, after < n {
                        var w = after
                        while w < n {
                            let l = c.wordLength(at: w)
                            if l == 0 { break }
                            w += l
                        }
                        ok = w > after && w < n && c[w] == UInt8(ascii: "=")
                    }
                    if ok { k = after; continue }
                }
                // Fallback: the first angle bracket, quotes or not.
                var m = i + 1
                while m < n, c[m] != UInt8(ascii: "<"), c[m] != UInt8(ascii: ">") { m += 1 }
                return m < n ? m : nil
            }
            k += 1
        }
        return nil
    }

    static func isNameByte(_ b: UInt8) -> Bool {
        HTMLBytes.isLetter(b) || HTMLBytes.isDigit(b) || b == UInt8(ascii: "-") || b == UInt8(ascii: "_") || b == UInt8(ascii: ".")
    }

    mutating func parseStartTag(_ c: HTMLBytes, _ i: Int) -> Int? {
        guard let j = endBracket(c, i) else { return nil }
        let n = c.count
        var tag: String
        var k: Int
        if c[i + 1] == UInt8(ascii: ">") {
            tag = lastTag
            k = i + 1
        } else {
            k = i + 1
            while k < n, Self.isNameByte(c[k]) { k += 1 }
            // SGML shorthand <tag/data/ == <tag>data</tag>
            if k < n, c[k] == UInt8(ascii: "/"), k < j, !c.contains(UInt8(ascii: "_"), in: (i + 1)..<k) {
                if let dataEnd = c.firstIndex(of: UInt8(ascii: "/"), from: k + 1) {
                    let name = c.lowercasedASCII(i + 1, k)
                    unknownStartTag(name, [])
                    handleData(c, k + 1, dataEnd)
                    unknownEndTag(name)
                    return dataEnd + 1
                }
                return nil
            }
            tag = c.lowercasedASCII(i + 1, k)
            lastTag = tag
        }
        var attrs: [(String, String)] = []
        while k < j {
            let a = c.skipWhiteSpace(from: k)
            guard a < n, HTMLBytes.isLetter(c[a]) || c[a] == UInt8(ascii: "_") else { break }
            var b = a + 1
            while b < n, Self.isNameByte(c[b]) || c[b] == UInt8(ascii: ":") { b += 1 }
            let name = c.lowercasedASCII(a, b)
            let e = c.skipWhiteSpace(from: b)
            if e < n, c[e] == UInt8(ascii: "=") {
                let v = c.skipWhiteSpace(from: e + 1)
                var value: String
                var end: Int
                if v < n, c[v] == UInt8(ascii: "'") || c[v] == UInt8(ascii: "\""), let close = c.firstIndex(of: c[v], from: v + 1) {
                    value = c.string(v + 1, close)
                    end = close + 1
                } else {
                    end = v
                    while end < n, HTMLBytes.isLetter(c[end]) || HTMLBytes.isDigit(c[end]) || Self.unquotedValueBytes.contains(c[end]) { end += 1 }
                    value = c.string(v, end)
                    if value.utf8.count >= 2, (value.hasPrefix("'") && value.hasSuffix("'")) || (value.hasPrefix("\"") && value.hasSuffix("\"")) {
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
        if c[j] == UInt8(ascii: ">") { next = j + 1 }
        unknownStartTag(tag, attrs)
        if contentType == "application/xhtml+xml", j >= 1, c[j] == UInt8(ascii: ">"), c[j - 1] == UInt8(ascii: "/") {
            unknownEndTag(lastTag)
        }
        return next
    }

    static let unquotedValueBytes = Set("[]-./,:;+*%?!&$()_#=~'\"@".utf8)

    /// sgmllib rewrites `&#123` in attribute values to `&#123;`.
    static func normalizeCharRefs(_ v: String) -> String {
        guard v.containsByte(0x26) else { return v }
        let c = Array(v.utf8)
        var out: [UInt8] = []
        var i = 0
        while i < c.count {
            if c[i] == UInt8(ascii: "&"), i + 2 < c.count, c[i + 1] == UInt8(ascii: "#"), HTMLBytes.isDigit(c[i + 2]) {
                var k = i + 2
                while k < c.count, HTMLBytes.isDigit(c[k]) { k += 1 }
                out.append(contentsOf: "&#".utf8)
                out.append(contentsOf: c[(i + 2)..<k])
                out.append(UInt8(ascii: ";"))
                i = (k < c.count && c[k] == UInt8(ascii: ";")) ? k + 1 : k
                continue
            }
            out.append(c[i])
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    mutating func parseEndTag(_ c: HTMLBytes, _ i: Int) -> Int? {
        guard let j = endBracket(c, i) else { return nil }
        unknownEndTag(HTMLBytes.lowercased(c.string(i + 2, j).trimmedWhitespace))
        return c[j] == UInt8(ascii: ">") ? j + 1 : j
    }

    mutating func parseComment(_ c: HTMLBytes, _ i: Int) -> Int? {
        // Comment ends at "--" + optional white space + ">".
        let n = c.count
        var k = i + 4
        while k + 1 < n {
            if c[k] == UInt8(ascii: "-"), c[k + 1] == UInt8(ascii: "-") {
                let m = c.skipWhiteSpace(from: k + 2)
                if m < n, c[m] == UInt8(ascii: ">") {
                    if unacceptableDepth == 0 {
                        emit("<!--")
                        out.append(contentsOf: c.bytes[(i + 4)..<k])
                        emit("-->")
                    }
                    return m + 1
                }
            }
            k += 1
        }
        // Unclosed comment: skip to a later "--…>" if any, else drop the rest (never emit it).
        var m = i + 4
        while m + 1 < n {
            if c[m] == UInt8(ascii: "-"), c[m + 1] == UInt8(ascii: "-"), let gt = c.firstIndex(of: UInt8(ascii: ">"), from: m + 2) { return gt + 1 }
            m += 1
        }
        return n
    }

    func declarationEnd(_ c: HTMLBytes, _ i: Int) -> Int? {
        var depth = 0
        var k = i + 2
        while k < c.count {
            if c[k] == UInt8(ascii: "[") { depth += 1 }
            if c[k] == UInt8(ascii: "]") { depth -= 1 }
            if c[k] == UInt8(ascii: ">"), depth <= 0 { return k + 1 }
            k += 1
        }
        return nil
    }

    // MARK: - Handlers (feedparser's _HTMLSanitizer)

    /// Text never carries a raw `<` out of the sanitizer: the tokenizer only hands over text
    /// without one, but SGML shorthand (`<a/…/`) and broken input could otherwise splice a tag
    /// together from pieces (found by the fuzzer: `<r/b</` + `script>` → `<script>`).
    mutating func handleData(_ c: HTMLBytes, _ a: Int, _ b: Int) {
        guard unacceptableDepth == 0 else { return }
        var run = a
        for k in a..<b where c[k] == UInt8(ascii: "<") {
            out.append(contentsOf: c.bytes[run..<k])
            emit("&lt;")
            run = k + 1
        }
        out.append(contentsOf: c.bytes[run..<b])
    }

    mutating func handleData(_ text: String) {
        guard unacceptableDepth == 0 else { return }
        emit(text.containsByte(0x3C) ? text.replacingOccurrences(of: "<", with: "&lt;") : text)
    }


    mutating func handleCharRef(_ ref: String) {
        guard unacceptableDepth == 0 else { return }
        let value = ref.hasPrefix("x") ? Int(ref.dropFirst(), radix: 16) : Int(ref)
        if let v = value, let mapped = Windows1252.extensions[v] {
            emit("&#x" + String(mapped, radix: 16) + ";")
        } else {
            emit("&#\(ref);")
        }
    }

    mutating func handleEntityRef(_ name: String) {
        guard unacceptableDepth == 0 else { return }
        if HTMLText.isKnownEntity(name) || name == "apos" {
            emit("&\(name);")
        } else {
            emit("&amp;\(name)")
        }
    }

    static let svgElementMap: [String: String] = Dictionary(
        SanitizerLists.svgElements.filter { $0 != $0.lowercased() }.map { ($0.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })
    static let svgAttributeMap: [String: String] = Dictionary(
        SanitizerLists.svgAttributes.filter { $0 != $0.lowercased() }.map { ($0.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })
    static let svgAttributesLower = Set(SanitizerLists.svgAttributes.map { $0.lowercased() })

    mutating func unknownStartTag(_ rawTag: String, _ rawAttrs: [(String, String)]) {
        var tag = rawTag
        var attrs = rawAttrs
        let element = ElementRules.of(rawTag)
        if !element.uriAttributes.isEmpty {
            for i in attrs.indices where element.uriAttributes.contains(attrs[i].0) {
                attrs[i].1 = URLResolution.safeAbsolute(base: baseURI, attrs[i].1.trimmedWhitespace)
            }
        }
        var acceptable = SanitizerLists.acceptableAttributes
        var keymap: [String: String] = [:]
        if !element.rules.contains(.acceptable) || svgDepth > 0 {
            if element.rules.contains(.unacceptableWithEndTag) { unacceptableDepth += 1 }
            if contentType.hasSuffix("html"), !attrs.contains(where: { $0.0 == "xmlns" && !$0.1.isEmpty }) {
                if tag == "svg" { attrs.append(("xmlns", "http://www.w3.org/2000/svg")) }
                if tag == "math" { attrs.append(("xmlns", "http://www.w3.org/1998/Math/MathML")) }
            }
            if tag == "math", attrs.contains(where: { $0 == ("xmlns", "http://www.w3.org/1998/Math/MathML") }) { mathDepth += 1 }
            if tag == "svg", attrs.contains(where: { $0 == ("xmlns", "http://www.w3.org/2000/svg") }) { svgDepth += 1 }
            if mathDepth > 0, element.rules.contains(.mathml) {
                acceptable = SanitizerLists.mathmlAttributes
            } else if svgDepth > 0, element.rules.contains(.svg) {
                acceptable = Self.svgAttributesLower
                tag = Self.svgElementMap[tag] ?? tag
                keymap = Self.svgAttributeMap
            } else if !element.rules.contains(.acceptable) {
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
        emitStartTag(tag, clean, void: Self.isVoid(tag, rawTag, element.rules))
    }

    mutating func unknownEndTag(_ rawTag: String) {
        var tag = rawTag
        let rules = ElementRules.of(rawTag).rules
        if !rules.contains(.acceptable) {
            // May go negative on a stray end tag, exactly as feedparser's counter does.
            if rules.contains(.unacceptableWithEndTag) { unacceptableDepth -= 1 }
            if mathDepth > 0, rules.contains(.mathml) {
                if tag == "math" { mathDepth -= 1 }
            } else if svgDepth > 0, rules.contains(.svg) {
                tag = Self.svgElementMap[tag] ?? tag
                if tag == "svg" { svgDepth -= 1 }
            } else {
                return
            }
        }
        if !Self.isVoid(tag, rawTag, rules) {
            out.append(contentsOf: [0x3C, 0x2F])   // </
            out.append(contentsOf: tag.utf8)
            out.append(0x3E)
        }
    }

    /// Void elements (`<br />`) are written without an end tag. Their names are lower case, so an
    /// SVG element given its camel case (`foreignObject`) is never one.
    static func isVoid(_ tag: String, _ rawTag: String, _ rules: ElementRules) -> Bool {
        tag == rawTag && rules.contains(.noEndTag)
    }

    /// Last duplicate wins (in first-seen position), `rel`/`type` values lower-cased, sorted by name.
    static func normalize(_ attrs: [(String, String)]) -> [(String, String)] {
        if attrs.count <= 1 {
            return attrs.map { k, v in
                let key = k.lowercased()
                return (key, (key == "rel" || key == "type") ? v.lowercased() : v)
            }
        }
        var order: [String] = []
        var values: [String: String] = [:]
        for (k, v) in attrs {
            let key = k.lowercased()
            if values[key] == nil { order.append(key) }
            values[key] = v
        }
        return order.map { k in (k, (k == "rel" || k == "type") ? values[k]!.lowercased() : values[k]!) }.sorted { $0.0 < $1.0 }
    }

    mutating func emitStartTag(_ tag: String, _ attrs: [(String, String)], void: Bool) {
        out.append(0x3C)
        out.append(contentsOf: tag.utf8)
        for (k, v) in attrs {
            out.append(0x20)
            out.append(contentsOf: k.utf8)
            out.append(contentsOf: [0x3D, 0x22])
            // Bare `&` first: the entities written for `<`, `>` and `"` below are never bare, and
            // those characters cannot be part of an entity, so the order does not change a byte.
            for b in Self.escapeBareAmpersands(v).utf8 {
                switch b {
                case 0x3E: out.append(contentsOf: [0x26, 0x67, 0x74, 0x3B])              // &gt;
                case 0x3C: out.append(contentsOf: [0x26, 0x6C, 0x74, 0x3B])              // &lt;
                case 0x22: out.append(contentsOf: [0x26, 0x71, 0x75, 0x6F, 0x74, 0x3B])  // &quot;
                default: out.append(b)
                }
            }
            out.append(0x22)
        }
        if void { out.append(contentsOf: [0x20, 0x2F, 0x3E]) } else { out.append(0x3E) }
    }

    /// `&` that does not start `&#123;`, `&#x1F;` or `&name;` becomes `&amp;`.
    static func escapeBareAmpersands(_ v: String) -> String {
        guard v.containsByte(0x26) else { return v }
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
                    while k < c.count, c[k].isASCII, HTMLBytes.isDigit(UInt8(c[k].value)) { k += 1 }
                    ok = k > s && k < c.count && c[k] == ";"
                }
            } else {
                let s = k
                while k < c.count, HTMLBytes.isWord(c[k]) { k += 1 }
                ok = k > s && k < c.count && c[k] == ";"
            }
            out.append(contentsOf: (ok ? "&" : "&amp;").unicodeScalars)
        }
        return String(out)
    }
}

/// What the sanitizer needs to know about an element name, found with one lookup per tag
/// instead of one per list: each `Set<String>` lookup hashes the name again, and feeds carry
/// tens of thousands of tags.
struct ElementRules: OptionSet, Sendable {
    let rawValue: UInt8

    /// `SanitizerLists.acceptableElements`: kept, with its acceptable attributes.
    static let acceptable = ElementRules(rawValue: 1 << 0)
    /// `script`, `style`, `applet` …: dropped with their content.
    static let unacceptableWithEndTag = ElementRules(rawValue: 1 << 1)
    /// Void elements (`br`, `img`): written `<br />`, never closed.
    static let noEndTag = ElementRules(rawValue: 1 << 2)
    /// MathML elements, kept inside `<math xmlns="…MathML">`.
    static let mathml = ElementRules(rawValue: 1 << 3)
    /// SVG elements (lower-cased), kept inside `<svg xmlns="…svg">`.
    static let svg = ElementRules(rawValue: 1 << 4)

    /// The rules of a lower-cased element name and the attributes of it that hold URIs.
    struct Entry: Sendable {
        var rules: ElementRules = []
        var uriAttributes: [String] = []
    }

    static func of(_ tag: String) -> Entry { table[tag] ?? Entry() }

    private static let table: [String: Entry] = {
        var t: [String: Entry] = [:]
        func mark(_ names: some Sequence<String>, _ rule: ElementRules) {
            for n in names { t[n, default: Entry()].rules.insert(rule) }
        }
        mark(SanitizerLists.acceptableElements, .acceptable)
        mark(SanitizerLists.unacceptableElementsWithEndTag, .unacceptableWithEndTag)
        mark(SanitizerLists.elementsNoEndTag, .noEndTag)
        mark(SanitizerLists.mathmlElements, .mathml)
        mark(SanitizerLists.svgElements.map { $0.lowercased() }, .svg)
        for pair in SanitizerLists.relativeURIAttributes.sorted() {   // "img src"
            let parts = pair.split(separator: " ")
            t[String(parts[0]), default: Entry()].uriAttributes.append(String(parts[1]))
        }
        return t
    }()
}

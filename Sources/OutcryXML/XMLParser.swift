internal import CXML2

/// Parses untrusted XML safely through libxml2's DOM parser.
///
/// Safety settings (PLATFORM.md): no network, no DTD loading, no entity substitution by
/// libxml2 (`NOENT` reads `file://` entities), a null external-entity loader, an input size
/// cap, and a bound on how much text internal entities may expand to. Text is read from
/// text and CDATA nodes only — never `xmlNodeGetContent`, which is quadratic on hostile input.
public enum XMLParser {
    /// Largest document accepted, in bytes.
    public static let defaultMaxBytes = 16 << 20
    /// Largest total text that entity references may expand to.
    public static let maxEntityExpansion = 1 << 20
    /// Deepest nesting copied into the tree.
    public static let maxDepth = 256

    /// Resolves an element's `xml:base` value against the base in scope (parent, declared).
    public typealias BaseResolver = (String?, String) -> String

    /// Parses `bytes`; `encoding` overrides the prolog (e.g. the charset of an HTTP header).
    /// With `resolveBase`, every element's `base` is its `xml:base` resolved against its
    /// parent's, starting from `documentBase`.
    public static func parse(_ bytes: [UInt8], encoding: String? = nil, maxBytes: Int = defaultMaxBytes,
                             documentBase: String? = nil, resolveBase: BaseResolver? = nil) throws(XMLError) -> XMLDocument {
        guard bytes.count <= maxBytes else { throw .tooLarge(limit: maxBytes) }
        guard !bytes.isEmpty else { throw .empty }
        Setup.once()
        let bytes = EntityRewriter.rewrite(bytes)
        guard let ctxt = xmlNewParserCtxt() else { throw .notXML("parser allocation failed") }
        defer { xmlFreeParserCtxt(ctxt) }
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_RECOVER.rawValue | XML_PARSE_NOCDATA.rawValue
            | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue | XML_PARSE_NOBLANKS.rawValue)
        let doc: xmlDocPtr? = bytes.withUnsafeBufferPointer { buf in
            buf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buf.count) { p in
                if let encoding {
                    return encoding.withCString { xmlCtxtReadMemory(ctxt, p, Int32(buf.count), nil, $0, options) }
                }
                return xmlCtxtReadMemory(ctxt, p, Int32(buf.count), nil, nil, options)
            }
        }
        guard let doc else { throw .notXML(lastError(ctxt) ?? "no document") }
        defer { xmlFreeDoc(doc) }
        guard let rootNode = xmlDocGetRootElement(doc) else { throw .notXML(lastError(ctxt) ?? "no root element") }
        var copier = TreeCopier(doc: doc, budget: maxEntityExpansion, resolveBase: resolveBase)
        let root = copier.element(rootNode, parentBase: documentBase, depth: 0)
        let wellFormed = ctxt.pointee.wellFormed != 0
        let enc = doc.pointee.encoding.map { String(cString: $0) } ?? encoding ?? "utf-8"
        return XMLDocument(root: root, recovered: !wellFormed, recoveryMessage: wellFormed ? nil : lastError(ctxt),
                           encoding: enc.lowercased())
    }

    private enum Setup {
        static let done: Bool = {
            outcry_xml_install_null_loader()
            outcry_xml_silence()
            return true
        }()
        static func once() { _ = done }
    }

    private static func lastError(_ ctxt: xmlParserCtxtPtr) -> String? {
        guard let msg = ctxt.pointee.lastError.message else { return nil }
        var s = String(cString: msg)
        while s.last == "\n" { s.removeLast() }
        return "line \(ctxt.pointee.lastError.line): " + s
    }

}

/// Copies libxml2's tree into ``XMLElement``s, resolving `xml:base` on the way down.
private struct TreeCopier {
    let doc: xmlDocPtr
    /// Text that internal entity references may still expand to.
    var budget: Int
    let resolveBase: XMLParser.BaseResolver?
    /// Namespace URIs seen so far: one String per distinct URI instead of one per element.
    var namespaces: [UnsafePointer<xmlChar>: String] = [:]

    init(doc: xmlDocPtr, budget: Int, resolveBase: XMLParser.BaseResolver?) {
        self.doc = doc
        self.budget = budget
        self.resolveBase = resolveBase
    }

    static func string(_ p: UnsafePointer<xmlChar>?) -> String {
        guard let p else { return "" }
        return String(cString: p)
    }

    mutating func namespace(_ ns: xmlNsPtr?) -> String? {
        guard let href = ns?.pointee.href else { return nil }
        if let known = namespaces[href] { return known }
        let s = Self.string(href)
        namespaces[href] = s
        return s
    }

    mutating func element(_ node: xmlNodePtr, parentBase: String?, depth: Int) -> XMLElement {
        var declarations: [String] = []
        var decl = node.pointee.nsDef
        while let d = decl {
            if let href = d.pointee.href { declarations.append(Self.string(href)) }
            decl = d.pointee.next
        }
        var attributes: [XMLAttribute] = []
        var base = parentBase
        var attr = node.pointee.properties
        while let a = attr {
            var value = ""
            var child = a.pointee.children
            while let c = child {
                if c.pointee.type == XML_TEXT_NODE { value += Self.string(c.pointee.content) }
                child = c.pointee.next
            }
            let attribute = XMLAttribute(name: Self.string(a.pointee.name), namespace: namespace(a.pointee.ns), value: value)
            if let resolveBase, attribute.name == "base", attribute.namespace == XMLElement.xmlNamespace {
                base = resolveBase(parentBase, value)
            }
            attributes.append(attribute)
            attr = a.pointee.next
        }
        var children: [XMLNode] = []
        if depth < XMLParser.maxDepth {
            var child = node.pointee.children
            while let c = child {
                switch c.pointee.type {
                case XML_ELEMENT_NODE:
                    children.append(.element(element(c, parentBase: base, depth: depth + 1)))
                case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                    children.append(.text(Self.string(c.pointee.content)))
                case XML_ENTITY_REF_NODE:
                    // Internal entities declared in the document's own DTD subset: expand their
                    // replacement text once (no recursion), within the expansion budget.
                    if let entity = xmlGetDocEntity(doc, c.pointee.name),
                       entity.pointee.etype == XML_INTERNAL_GENERAL_ENTITY, let content = entity.pointee.content {
                        let text = Self.string(content)
                        if text.utf8.count <= budget {
                            budget -= text.utf8.count
                            children.append(.text(text))
                        }
                    }
                default:
                    break
                }
                child = c.pointee.next
            }
        }
        return XMLElement(name: Self.string(node.pointee.name), namespace: namespace(node.pointee.ns), attributes: attributes,
                          children: children, base: base, namespaceDeclarations: declarations)
    }
}

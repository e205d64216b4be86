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

    /// Parses `bytes`; `encoding` overrides the prolog (e.g. the charset of an HTTP header).
    public static func parse(_ bytes: [UInt8], encoding: String? = nil, maxBytes: Int = defaultMaxBytes) throws(XMLError) -> XMLDocument {
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
        var budget = maxEntityExpansion
        let root = copyElement(rootNode, doc: doc, depth: 0, budget: &budget)
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

    private static func string(_ p: UnsafePointer<xmlChar>?) -> String {
        guard let p else { return "" }
        return String(cString: p)
    }

    private static func copyElement(_ node: xmlNodePtr, doc: xmlDocPtr, depth: Int, budget: inout Int) -> XMLElement {
        var element = XMLElement(name: string(node.pointee.name))
        if let ns = node.pointee.ns, let href = ns.pointee.href { element.namespace = string(href) }
        var decl = node.pointee.nsDef
        while let d = decl {
            if let href = d.pointee.href { element.namespaceDeclarations.append(string(href)) }
            decl = d.pointee.next
        }
        var attr = node.pointee.properties
        while let a = attr {
            var value = ""
            var child = a.pointee.children
            while let c = child {
                if c.pointee.type == XML_TEXT_NODE { value += string(c.pointee.content) }
                child = c.pointee.next
            }
            element.attributes.append(XMLAttribute(
                name: string(a.pointee.name),
                namespace: a.pointee.ns.flatMap { $0.pointee.href.map { string($0) } },
                value: value))
            attr = a.pointee.next
        }
        guard depth < maxDepth else { return element }
        var child = node.pointee.children
        while let c = child {
            switch c.pointee.type {
            case XML_ELEMENT_NODE:
                element.children.append(.element(copyElement(c, doc: doc, depth: depth + 1, budget: &budget)))
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                element.children.append(.text(string(c.pointee.content)))
            case XML_ENTITY_REF_NODE:
                // Internal entities declared in the document's own DTD subset: expand their
                // replacement text once (no recursion), within the expansion budget.
                if let entity = xmlGetDocEntity(doc, c.pointee.name),
                   entity.pointee.etype == XML_INTERNAL_GENERAL_ENTITY, let content = entity.pointee.content {
                    let text = string(content)
                    if text.utf8.count <= budget {
                        budget -= text.utf8.count
                        element.children.append(.text(text))
                    }
                }
            default:
                break
            }
            child = c.pointee.next
        }
        return element
    }
}

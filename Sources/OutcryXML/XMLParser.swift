internal import CXML2

/// Parses untrusted XML safely through libxml2's SAX2 parser into a plain Swift tree (``TreeBuilder``).
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

    /// Parses `bytes` in the encoding their BOM or prolog names (callers convert to UTF-8 first).
    /// With `resolveBase`, every element's `base` is its `xml:base` resolved against its
    /// parent's, starting from `documentBase`.
    public static func parse(_ bytes: [UInt8], maxBytes: Int = defaultMaxBytes,
                             documentBase: String? = nil, resolveBase: BaseResolver? = nil) throws(XMLError) -> XMLDocument {
        guard bytes.count <= maxBytes else { throw .tooLarge(limit: maxBytes) }
        guard !bytes.isEmpty else { throw .empty }
        Setup.once()
        let bytes = EntityRewriter.rewrite(bytes)
        let builder = UnsafeMutablePointer<TreeBuilder>.allocate(capacity: 1)
        builder.initialize(to: TreeBuilder(budget: maxEntityExpansion, documentBase: documentBase, resolveBase: resolveBase,
                                           expectedBytes: bytes.count))
        defer { builder.deinitialize(count: 1); builder.deallocate() }
        // Attributes defaulted from a DTD are left out, as the DOM leaves them without XML_PARSE_DTDATTR.
        let events = outcry_xml_events(
            start: { ctx, localName, prefix, uri, namespaceCount, namespaces, attributeCount, defaulted, attributes in
                guard let builder = TreeBuilder.receiving(ctx), let localName else { return }
                builder.pointee.start(localName: localName, prefix: prefix, uri: uri, namespaceCount: Int(namespaceCount),
                              namespaces: namespaces.map { UnsafePointer($0) },
                              attributeCount: Int(attributeCount - defaulted), attributes: attributes.map { UnsafePointer($0) })
            },
            end: { ctx, _, _, _ in TreeBuilder.receiving(ctx)?.pointee.end() },
            text: { ctx, bytes, count in
                guard let bytes else { return }
                TreeBuilder.receiving(ctx)?.pointee.characters(bytes, Int(count))
            },
            reference: { ctx, name in
                guard let name else { return }
                TreeBuilder.receiving(ctx)?.pointee.reference(name)
            },
            comment: { ctx, _ in TreeBuilder.receiving(ctx)?.pointee.otherNode() },
            instruction: { ctx, _, _ in TreeBuilder.receiving(ctx)?.pointee.otherNode() })
        let created: xmlParserCtxtPtr? = bytes.withUnsafeBufferPointer { buf in
            buf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buf.count) { p in
                outcry_xml_event_context(p, Int32(buf.count), events, UnsafeMutableRawPointer(builder))
            }
        }
        guard let ctxt = created else { throw .notXML("parser allocation failed") }
        defer {
            if let doc = ctxt.pointee.myDoc { xmlFreeDoc(doc) }
            ctxt.pointee.myDoc = nil
            xmlFreeParserCtxt(ctxt)
        }
        builder.pointee.context = ctxt
        // NOBLANKS makes libxml2 ask `areBlanks`, which the builder answers for the DOM it stands in for.
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_RECOVER.rawValue | XML_PARSE_NOCDATA.rawValue
            | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue | XML_PARSE_NOBLANKS.rawValue)
        xmlCtxtUseOptions(ctxt, options)
        xmlParseDocument(ctxt)
        guard let root = builder.pointee.finishedRoot() else { throw .notXML(lastError(ctxt) ?? "no root element") }
        let wellFormed = ctxt.pointee.wellFormed != 0
        let enc = ctxt.pointee.myDoc?.pointee.encoding.map { String(cString: $0) } ?? "utf-8"
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

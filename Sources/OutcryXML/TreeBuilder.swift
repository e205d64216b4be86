internal import CXML2

/// Builds a document's tree (``XMLStorage``) straight from libxml2's SAX2 events: no libxml2 DOM
/// of the content is ever built, copied and freed (half the memory and a third of the time of
/// parsing a multi-megabyte feed went to that).
///
/// The tree is the one libxml2's DOM builder would give with `XML_PARSE_NOBLANKS` and
/// `XML_PARSE_NOCDATA`, copied as text, element and internal-entity nodes: adjacent character
/// data coalesces into one text node (a comment, processing instruction or entity reference
/// ends it), white space is dropped where libxml2's `areBlanks` heuristic drops it, attribute
/// values keep their text and character references and lose references to other entities,
/// an undefined prefix stays part of the name, and nothing below ``XMLParser/maxDepth`` is kept.
/// Events from libxml2's internal re-parses of entity content (other contexts) are ignored.
struct TreeBuilder {
    /// An element whose end tag has not been seen yet.
    private struct Open {
        let element: Int32
        let localName: UnsafePointer<xmlChar>
        /// The last child node linked so far (-1: none), and whether it is a text node still growing.
        var lastChild: Int32 = -1
        var textOpen = false
        /// Whether the DOM element would have any child node, and whether its first one is text.
        var hasChildren = false
        var firstIsText = false
        /// libxml2's `xml:space` state: -1 default, -2 text seen, 0 `default`, 1 `preserve`.
        var space: Int8
    }

    /// The parser context whose events this builder takes (set once it exists).
    var context: xmlParserCtxtPtr?
    private var stack: [Open] = []
    private var elements: [XMLStorage.Element] = []
    private var nodes: [XMLStorage.Node] = []
    private var strings: [String] = []
    private var attributes: [XMLAttribute] = []
    private var declarations: [String] = []
    private var text: [UInt8] = []
    /// Open elements below the depth limit, skipped with everything inside them.
    private var skipped = 0
    /// Text that internal entity references may still expand to.
    private var budget: Int
    private let documentBase: String?
    private let resolveBase: XMLParser.BaseResolver?
    /// String-table indexes of names and namespace URIs by libxml2's interned pointer, and of
    /// other strings (base URIs, qualified names) by value.
    private var interned: [UnsafePointer<xmlChar>: Int32] = [:]
    private var internedStrings: [String: Int32] = [:]

    init(budget: Int, documentBase: String?, resolveBase: XMLParser.BaseResolver?, expectedBytes: Int = 0) {
        self.budget = budget
        self.documentBase = documentBase
        self.resolveBase = resolveBase
        text.reserveCapacity(expectedBytes)
    }

    /// The document's root element, once parsing has ended (nil if there was none).
    mutating func finishedRoot() -> XMLElement? {
        skipped = 0
        while !stack.isEmpty { end() }   // elements a truncated document left open, as the DOM holds them
        guard !elements.isEmpty else { return nil }
        let storage = XMLStorage(elements: elements, nodes: nodes, strings: strings, attributes: attributes,
                                 declarations: declarations, text: text)
        return XMLElement(storage: storage, index: 0)
    }

    /// The builder for a SAX callback's context, if the event is from the document itself (not
    /// from libxml2 re-parsing an entity's replacement text in a context of its own). The builder
    /// lives behind a pointer: its hot paths then skip the runtime exclusivity checks that a
    /// class's stored properties would need.
    static func receiving(_ ctx: UnsafeMutableRawPointer?) -> UnsafeMutablePointer<TreeBuilder>? {
        guard let ctxt = ctx?.assumingMemoryBound(to: xmlParserCtxt.self), let owner = ctxt.pointee._private else { return nil }
        let builder = owner.assumingMemoryBound(to: TreeBuilder.self)
        return builder.pointee.context == ctxt ? builder : nil
    }

    private mutating func intern(_ p: UnsafePointer<xmlChar>) -> Int32 {
        if let i = interned[p] { return i }
        let i = Int32(strings.count)
        strings.append(String(cString: p))
        interned[p] = i
        return i
    }

    private mutating func intern(_ s: String) -> Int32 {
        if let i = internedStrings[s] { return i }
        let i = Int32(strings.count)
        strings.append(s)
        internedStrings[s] = i
        return i
    }

    private static let xmlPrefix = Array("xml".utf8) + [0]

    mutating func start(localName: UnsafePointer<xmlChar>, prefix: UnsafePointer<xmlChar>?, uri: UnsafePointer<xmlChar>?,
               namespaceCount: Int, namespaces: UnsafePointer<UnsafePointer<xmlChar>?>?,
               attributeCount: Int, attributes attributeValues: UnsafePointer<UnsafePointer<xmlChar>?>?) {
        if skipped > 0 || stack.count > XMLParser.maxDepth { skipped += 1; return }
        closeText()
        let parent = stack.indices.last
        let parentBase = parent.map { string(elements[Int(stack[$0].element)].base) } ?? documentBase
        // An undefined prefix: the DOM keeps the qualified name.
        let name = prefix != nil && uri == nil ? intern(strings[Int(intern(prefix!))] + ":" + String(cString: localName)) : intern(localName)
        let firstDeclaration = Int32(declarations.count)
        for i in 0..<namespaceCount {
            if let declaredPrefix = namespaces![2 * i], xmlStrEqual(declaredPrefix, Self.xmlPrefix) != 0 { continue }   // xmlNewNs refuses it
            declarations.append(namespaces![2 * i + 1].map { strings[Int(intern($0))] } ?? "")
        }
        let firstAttribute = Int32(attributes.count)
        var base = parentBase
        var space: Int8 = parent.map { stack[$0].space == -2 ? -1 : stack[$0].space } ?? -1
        for i in 0..<attributeCount {
            let a = attributeValues! + 5 * i
            var attrName = strings[Int(intern(a[0]!))]
            let attrURI = a[2]
            if let p = a[1], attrURI == nil { attrName = strings[Int(intern(p))] + ":" + attrName }
            let value = Self.attributeValue(a[3]!, a[4]!)
            let attribute = XMLAttribute(name: attrName, namespace: attrURI.map { strings[Int(intern($0))] }, value: value)
            if attribute.namespace == XMLElement.xmlNamespace {
                if attribute.name == "base", let resolveBase { base = resolveBase(parentBase, value) }
                if attribute.name == "space" { space = value == "preserve" ? 1 : value == "default" ? 0 : space }
            }
            attributes.append(attribute)
        }
        let element = Int32(elements.count)
        let namespace = uri.map { intern($0) } ?? -1
        let baseIndex = base.map { intern($0) } ?? -1
        elements.append(XMLStorage.Element(name: name, namespace: namespace, base: baseIndex,
                                           attributes: firstAttribute..<Int32(attributes.count),
                                           declarations: firstDeclaration..<Int32(declarations.count)))
        if let parent {
            stack[parent].hasChildren = true
            link(XMLStorage.Node(element: element, text: 0..<0), into: parent)
        }
        stack.append(Open(element: element, localName: localName, space: space))
    }

    private func string(_ index: Int32) -> String? { index < 0 ? nil : strings[Int(index)] }

    /// Appends a child node to the open element at `index`.
    private mutating func link(_ node: XMLStorage.Node, into index: Int) {
        let n = Int32(nodes.count)
        nodes.append(node)
        let last = stack[index].lastChild
        if last >= 0 { nodes[Int(last)].next = n } else { elements[Int(stack[index].element)].firstChild = n }
        stack[index].lastChild = n
    }

    mutating func end() {
        if skipped > 0 { skipped -= 1; return }
        guard !stack.isEmpty else { return }
        closeText()
        stack.removeLast()
    }

    /// The growing text node is complete; the next character data starts a new one.
    private mutating func closeText() {
        guard let last = stack.indices.last else { return }
        stack[last].textOpen = false
    }

    /// A non-text DOM node (comment, processing instruction, entity reference) inside the current element.
    mutating func otherNode(text entityText: String? = nil) {
        guard skipped == 0, stack.count <= XMLParser.maxDepth, let last = stack.indices.last else { return }
        closeText()
        stack[last].hasChildren = true
        if let entityText {
            let start = Int32(text.count)
            text.append(contentsOf: entityText.utf8)
            link(XMLStorage.Node(element: -1, text: start..<Int32(text.count)), into: last)
        }
    }

    mutating func characters(_ bytes: UnsafePointer<xmlChar>, _ count: Int) {
        guard skipped == 0, stack.count <= XMLParser.maxDepth, let last = stack.indices.last, count > 0 else { return }
        let chunk = UnsafeBufferPointer(start: bytes, count: count)
        if isIgnorableBlank(chunk, at: last) { return }
        if stack[last].textOpen {
            text.append(contentsOf: chunk)
            nodes[Int(stack[last].lastChild)].text = nodes[Int(stack[last].lastChild)].text.lowerBound..<Int32(text.count)
        } else {
            if !stack[last].hasChildren { stack[last].firstIsText = true }
            stack[last].hasChildren = true
            let start = Int32(text.count)
            text.append(contentsOf: chunk)
            link(XMLStorage.Node(element: -1, text: start..<Int32(text.count)), into: last)
            stack[last].textOpen = true
        }
        if stack[last].space == -1 { stack[last].space = -2 }
    }

    /// libxml2's `areBlanks` (parser.c), asked of the DOM this builder stands in for.
    private func isIgnorableBlank(_ chunk: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        guard stack[index].space != 1, stack[index].space != -2 else { return false }
        for b in chunk where !(b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D) { return false }
        guard let context else { return false }
        let hasChildren = stack[index].hasChildren
        if let doc = context.pointee.myDoc {
            let mixed = xmlIsMixedElement(doc, stack[index].localName)
            if mixed == 0 { return true }
            if mixed == 1 { return false }
        }
        guard let cur = context.pointee.input?.pointee.cur else { return false }
        if cur[0] != 0x3C && cur[0] != 0x0D { return false }
        if !hasChildren && cur[0] == 0x3C && cur[1] == 0x2F { return false }
        if !hasChildren { return true }
        if stack[index].textOpen { return false }
        return !stack[index].firstIsText
    }

    /// An entity reference: a declared internal general entity expands once (no recursion), within
    /// the expansion budget; anything else is dropped.
    mutating func reference(_ name: UnsafePointer<xmlChar>) {
        guard skipped == 0, stack.count <= XMLParser.maxDepth, !stack.isEmpty else { return }
        var expansion: String?
        if let doc = context?.pointee.myDoc, let entity = xmlGetDocEntity(doc, name),
           entity.pointee.etype == XML_INTERNAL_GENERAL_ENTITY, let content = entity.pointee.content {
            let s = String(cString: content)
            if s.utf8.count <= budget {
                budget -= s.utf8.count
                expansion = s
            }
        }
        otherNode(text: expansion)
    }

    /// An attribute value as the DOM's text children hold it. libxml2 hands the value over as it
    /// stands in the document when it needed no work; otherwise as a NUL-terminated copy in which
    /// `&` is kept as `&#38;` and references to declared entities are left as `&name;`.
    static func attributeValue(_ start: UnsafePointer<xmlChar>, _ end: UnsafePointer<xmlChar>) -> String {
        let bytes = UnsafeBufferPointer(start: start, count: end - start)
        guard end.pointee == 0, bytes.contains(0x26) else { return String(decoding: bytes, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            guard b == 0x26 else { out.append(b); i += 1; continue }
            var j = i + 1
            if j < bytes.count, bytes[j] == 0x23 {
                // A character reference; unterminated or zero ones are dropped, like libxml2.
                j += 1
                var value: UInt32 = 0
                let hex = j < bytes.count && bytes[j] == 0x78
                if hex { j += 1 }
                while j < bytes.count, let d = digit(bytes[j], hex: hex) {
                    value = value &* (hex ? 16 : 10) &+ d
                    if value > 0x10FFFF { value = 0x110000 }
                    j += 1
                }
                if j < bytes.count, bytes[j] == 0x3B, let scalar = Unicode.Scalar(value), value != 0 {
                    out.append(contentsOf: String(Character(scalar)).utf8)
                }
                i = min(bytes.count, j + 1)
            } else {
                // A named reference: the predefined five become their character, others vanish.
                while j < bytes.count, bytes[j] != 0x3B { j += 1 }
                switch String(decoding: bytes[(i + 1)..<j], as: UTF8.self) {
                case "amp": out.append(0x26)
                case "lt": out.append(0x3C)
                case "gt": out.append(0x3E)
                case "quot": out.append(0x22)
                case "apos": out.append(0x27)
                default: break
                }
                i = min(bytes.count, j + 1)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func digit(_ b: UInt8, hex: Bool) -> UInt32? {
        switch b {
        case 0x30...0x39: UInt32(b - 0x30)
        case 0x61...0x66 where hex: UInt32(b - 0x61 + 10)
        case 0x41...0x46 where hex: UInt32(b - 0x41 + 10)
        default: nil
        }
    }
}

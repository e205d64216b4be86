/// One parsed document's nodes in flat arrays, filled by ``TreeBuilder`` and immutable after.
///
/// A feed of ten thousand items has a hundred thousand elements; as one object and three arrays
/// each, building and freeing them took longer than libxml2's whole parse. Here they are a few
/// arrays, allocated as the document is read and freed at once.
final class XMLStorage: Sendable {
    struct Element: Sendable {
        var name: Int32
        var namespace: Int32        // -1: none
        var base: Int32             // -1: none
        var attributes: Range<Int32>
        var declarations: Range<Int32>
        var firstChild: Int32 = -1  // node index
    }
    /// An element (`element` ≥ 0) or a run of text (`text`), and its next sibling.
    struct Node: Sendable {
        var element: Int32
        var text: Range<Int32>
        var next: Int32 = -1
    }

    let elements: [Element]
    let nodes: [Node]
    /// Names, namespace URIs and base URIs, each distinct one once.
    let strings: [String]
    let attributes: [XMLAttribute]
    let declarations: [String]
    /// All character data, UTF-8, node after node.
    let text: [UInt8]

    init(elements: [Element], nodes: [Node], strings: [String], attributes: [XMLAttribute], declarations: [String], text: [UInt8]) {
        self.elements = elements
        self.nodes = nodes
        self.strings = strings
        self.attributes = attributes
        self.declarations = declarations
        self.text = text
    }

    func string(_ i: Int32) -> String? { i < 0 ? nil : strings[Int(i)] }
    func text(_ r: Range<Int32>) -> String { String(decoding: text[Int(r.lowerBound)..<Int(r.upperBound)], as: UTF8.self) }
}

/// A parsed XML element: a position in its document's ``XMLStorage``.
///
/// Feed parsers walk these; nothing here keeps a pointer into libxml2, so the C parser is freed
/// as soon as parsing ends. Walking the tree (`first`, `all`, `elements`) hands out positions,
/// never copies of subtrees.
public struct XMLElement: Sendable, Hashable {
    let storage: XMLStorage
    let index: Int32

    private var record: XMLStorage.Element { storage.elements[Int(index)] }

    /// Local name, without prefix (`item`, `encoded`).
    public var name: String { storage.strings[Int(record.name)] }
    /// Namespace URI, if the element is in one (`http://purl.org/rss/1.0/modules/content/`).
    public var namespace: String? { storage.string(record.namespace) }
    public var attributes: [XMLAttribute] { Array(attributeSlice) }
    private var attributeSlice: ArraySlice<XMLAttribute> {
        let r = record.attributes
        return storage.attributes[Int(r.lowerBound)..<Int(r.upperBound)]
    }
    /// The base URI in scope (xml:base resolved against the document's URI), when the parser
    /// was given a resolver; nil otherwise.
    public var base: String? { storage.string(record.base) }
    /// Namespace URIs declared on this element (`xmlns`, `xmlns:p`).
    public var namespaceDeclarations: [String] {
        let r = record.declarations
        return Array(storage.declarations[Int(r.lowerBound)..<Int(r.upperBound)])
    }

    /// Child nodes in document order.
    public var children: [XMLNode] {
        var out: [XMLNode] = []
        forEachChild { node in
            out.append(node.element >= 0 ? .element(XMLElement(storage: storage, index: node.element)) : .text(storage.text(node.text)))
        }
        return out
    }

    private func forEachChild(_ body: (XMLStorage.Node) -> Void) {
        var i = record.firstChild
        while i >= 0 {
            let node = storage.nodes[Int(i)]
            body(node)
            i = node.next
        }
    }

    /// Child elements with this local name (and namespace, when given), in order, until `body` says stop.
    private func forEachChildElement(_ name: String?, _ namespace: String?, _ body: (XMLElement) -> Bool) {
        var i = record.firstChild
        while i >= 0 {
            let node = storage.nodes[Int(i)]
            if node.element >= 0 {
                let child = storage.elements[Int(node.element)]
                if name == nil || storage.strings[Int(child.name)] == name!,
                   namespace == nil || storage.string(child.namespace) == namespace {
                    if !body(XMLElement(storage: storage, index: node.element)) { return }
                }
            }
            i = node.next
        }
    }

    public static func == (a: XMLElement, b: XMLElement) -> Bool {
        (a.storage === b.storage && a.index == b.index) || (a.name == b.name && a.namespace == b.namespace && a.attributes == b.attributes
            && a.base == b.base && a.namespaceDeclarations == b.namespaceDeclarations && a.children == b.children)
    }

    public func hash(into h: inout Hasher) {
        h.combine(name)
        h.combine(namespace)
        h.combine(attributes)
        h.combine(children)
    }

    static let xmlNamespace = "http://www.w3.org/XML/1998/namespace"

    /// The `xml:base` attribute, if the element has one.
    public var xmlBase: String? {
        attributeSlice.first { $0.name == "base" && $0.namespace == Self.xmlNamespace }?.value
    }

    /// Child elements in document order.
    public var elements: [XMLElement] {
        var out: [XMLElement] = []
        forEachChildElement(nil, nil) { out.append($0); return true }
        return out
    }

    /// The first child element with this local name (and namespace, when given).
    public func first(_ name: String, namespace: String? = nil) -> XMLElement? {
        var found: XMLElement?
        forEachChildElement(name, namespace) { found = $0; return false }
        return found
    }

    /// All child elements with this local name (and namespace, when given).
    public func all(_ name: String, namespace: String? = nil) -> [XMLElement] {
        var out: [XMLElement] = []
        forEachChildElement(name, namespace) { out.append($0); return true }
        return out
    }

    /// The attribute value for a local name (any namespace unless given).
    public func attribute(_ name: String, namespace: String? = nil) -> String? {
        attributeSlice.first { $0.name == name && (namespace == nil || $0.namespace == namespace) }?.value
    }

    /// Concatenated text of this element's descendants (text and CDATA only).
    public var text: String {
        let first = record.firstChild
        if first < 0 { return "" }
        let node = storage.nodes[Int(first)]
        if node.next < 0, node.element < 0 { return storage.text(node.text) }   // the usual leaf
        var bytes: [UInt8] = []
        appendText(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    private func appendText(to out: inout [UInt8]) {
        forEachChild { node in
            if node.element >= 0 {
                XMLElement(storage: storage, index: node.element).appendText(to: &out)
            } else {
                out.append(contentsOf: storage.text[Int(node.text.lowerBound)..<Int(node.text.upperBound)])
            }
        }
    }
}

/// A child of an element: another element, or a run of character data.
public enum XMLNode: Sendable, Hashable {
    case element(XMLElement)
    case text(String)
}

public struct XMLAttribute: Sendable, Hashable {
    public var name: String
    public var namespace: String?
    public var value: String

    public init(name: String, namespace: String? = nil, value: String) {
        self.name = name
        self.namespace = namespace
        self.value = value
    }
}

/// The result of parsing one document.
public struct XMLDocument: Sendable {
    public var root: XMLElement
    /// True when the input was not well-formed and libxml2 recovered what it could (feedparser's `bozo`).
    public var recovered: Bool
    /// The first error libxml2 reported, when recovered.
    public var recoveryMessage: String?
    /// The encoding libxml2 decoded with (from the prolog, the caller, or detection).
    public var encoding: String
}

/// Why a document could not be parsed at all.
public enum XMLError: Error, Sendable, Hashable, CustomStringConvertible {
    case tooLarge(limit: Int)
    case empty
    case notXML(String)

    public var description: String {
        switch self {
        case .tooLarge(let limit): "xml: document larger than \(limit) bytes"
        case .empty: "xml: empty document"
        case .notXML(let why): "xml: not an XML document (\(why))"
        }
    }
}

extension XMLElement {
    /// The element's children serialized back to markup (local names, escaped text and
    /// attributes): how inline XHTML content in a feed becomes an HTML string.
    public var innerXML: String {
        var out = ""
        for child in children { Self.serialize(child, parentNamespace: namespace, into: &out) }
        return out
    }

    static let xhtmlNamespace = "http://www.w3.org/1999/xhtml"
    static let attributePrefixes = ["http://www.w3.org/1999/xlink": "xlink", "http://www.w3.org/XML/1998/namespace": "xml"]

    /// Elements entering a namespace other than XHTML (inline SVG, MathML) declare it, and
    /// xlink/xml attributes keep their prefix, so the markup means the same once re-parsed.
    static func serialize(_ node: XMLNode, parentNamespace: String?, into out: inout String) {
        switch node {
        case .text(let t):
            out += escape(t, quote: false)
        case .element(let e):
            out += "<" + e.name
            if let ns = e.namespace, ns != parentNamespace, ns != xhtmlNamespace {
                out += " xmlns=\"" + escape(ns, quote: true) + "\""
            }
            for a in e.attributes {
                let name: String
                if let ns = a.namespace {
                    guard let prefix = attributePrefixes[ns] else { continue }
                    name = prefix + ":" + a.name
                } else {
                    name = a.name
                }
                out += " " + name + "=\"" + escape(a.value, quote: true) + "\""
            }
            if e.children.isEmpty {
                out += " />"
            } else {
                out += ">"
                for c in e.children { serialize(c, parentNamespace: e.namespace, into: &out) }
                out += "</" + e.name + ">"
            }
        }
    }

    static func escape(_ s: String, quote: Bool) -> String {
        var out = ""
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where quote: out += "&quot;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }
}

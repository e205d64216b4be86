/// A parsed XML element, copied out of libxml2 into plain Swift values.
///
/// Feed parsers walk this tree; nothing here keeps a pointer into libxml2, so the C document
/// is freed as soon as parsing ends. Elements are immutable objects: walking the tree
/// (`first`, `all`, `elements`) hands out references instead of copying subtrees.
public final class XMLElement: Sendable, Hashable {
    /// Local name, without prefix (`item`, `encoded`).
    public let name: String
    /// Namespace URI, if the element is in one (`http://purl.org/rss/1.0/modules/content/`).
    public let namespace: String?
    public let attributes: [XMLAttribute]
    public let children: [XMLNode]
    /// The base URI in scope (xml:base resolved against the document's URI), when the parser
    /// was given a resolver; nil otherwise.
    public let base: String?
    /// Namespace URIs declared on this element (`xmlns`, `xmlns:p`).
    public let namespaceDeclarations: [String]

    public init(name: String, namespace: String? = nil, attributes: [XMLAttribute] = [], children: [XMLNode] = [],
                base: String? = nil, namespaceDeclarations: [String] = []) {
        self.name = name
        self.namespace = namespace
        self.attributes = attributes
        self.children = children
        self.base = base
        self.namespaceDeclarations = namespaceDeclarations
    }

    public static func == (a: XMLElement, b: XMLElement) -> Bool {
        a === b || (a.name == b.name && a.namespace == b.namespace && a.attributes == b.attributes
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
        attributes.first { $0.name == "base" && $0.namespace == Self.xmlNamespace }?.value
    }

    /// Child elements in document order.
    public var elements: [XMLElement] {
        children.compactMap { if case .element(let e) = $0 { e } else { nil } }
    }

    /// The first child element with this local name (and namespace, when given).
    public func first(_ name: String, namespace: String? = nil) -> XMLElement? {
        for case .element(let e) in children where e.name == name && (namespace == nil || e.namespace == namespace) {
            return e
        }
        return nil
    }

    /// All child elements with this local name (and namespace, when given).
    public func all(_ name: String, namespace: String? = nil) -> [XMLElement] {
        var out: [XMLElement] = []
        for case .element(let e) in children where e.name == name && (namespace == nil || e.namespace == namespace) {
            out.append(e)
        }
        return out
    }

    /// The attribute value for a local name (any namespace unless given).
    public func attribute(_ name: String, namespace: String? = nil) -> String? {
        attributes.first { $0.name == name && (namespace == nil || $0.namespace == namespace) }?.value
    }

    /// Concatenated text of this element's descendants (text and CDATA only).
    public var text: String {
        var out = ""
        appendText(to: &out)
        return out
    }

    private func appendText(to out: inout String) {
        for child in children {
            switch child {
            case .text(let t): out += t
            case .element(let e): e.appendText(to: &out)
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

/// A message template: a small, logic-less subset of Mustache.
///
/// `{{name}}` and `{{a.b}}` insert an escaped value; `{{#name}}…{{/name}}` repeats over a list
/// or renders when a value is set; `{{^name}}…{{/name}}` renders when it is not; `{{.}}` is the
/// current item; `{{! …}}` is a comment. There is no raw insertion: every value is escaped for
/// the template's ``MessageFormat``. A tag alone on its line takes the line with it. Unknown
/// names are errors (with the template line), so `outcry alerts check` catches typos.
public struct MessageTemplate: Sendable {
    public let name: String
    public let format: MessageFormat
    private let nodes: [TemplateNode]

    indirect enum TemplateNode: Sendable {
        case literal(String)
        case value(path: [String], line: Int)
        case section(path: [String], inverted: Bool, body: [TemplateNode], line: Int)
    }

    public struct TemplateError: Error, Sendable, CustomStringConvertible {
        public let template: String
        public let line: Int
        public let message: String
        public var description: String { "\(template):\(line): \(message)" }
    }

    public init(name: String, format: MessageFormat, source: String) throws {
        self.name = name
        self.format = format
        var parser = Parser(name: name, tokens: try Self.tokenize(source, name: name))
        nodes = try parser.parse(until: nil)
    }

    public func render(_ context: TemplateValue) throws -> String {
        var out = ""
        try render(nodes, stack: [context], into: &out)
        return out
    }

    private func render(_ nodes: [TemplateNode], stack: [TemplateValue], into out: inout String) throws {
        for node in nodes {
            switch node {
            case .literal(let s):
                out += s
            case .value(let path, let line):
                switch try lookup(path, stack, line: line) {
                case .text(let s): out += format.escape(s)
                case .flag(let b): out += b ? "true" : "false"
                case .list, .object:
                    throw TemplateError(template: name, line: line, message: "'\(path.joined(separator: "."))' is a list or object: use {{#\(path.joined(separator: "."))}}…{{/…}}")
                }
            case .section(let path, let inverted, let body, let line):
                let v = try lookup(path, stack, line: line)
                if inverted {
                    if !v.isTruthy { try render(body, stack: stack, into: &out) }
                } else if case .list(let items) = v {
                    for item in items { try render(body, stack: stack + [item], into: &out) }
                } else if v.isTruthy {
                    try render(body, stack: stack + [v], into: &out)
                }
            }
        }
    }

    private func lookup(_ path: [String], _ stack: [TemplateValue], line: Int) throws -> TemplateValue {
        if path == ["."] { return stack.last! }
        for frame in stack.reversed() {
            guard var v = frame[path[0]] else { continue }
            for key in path.dropFirst() {
                guard let next = v[key] else {
                    throw TemplateError(template: name, line: line, message: "unknown field '\(path.joined(separator: "."))'")
                }
                v = next
            }
            return v
        }
        throw TemplateError(template: name, line: line, message: "unknown field '\(path.joined(separator: "."))'")
    }

    // MARK: parsing

    enum Token {
        case text(String)
        case tag(kind: Character?, name: String, line: Int)
    }

    /// Splits the source into text and tags, dropping the lines of standalone section and
    /// comment tags. A template saved with Windows line ends renders as one saved with `\n`
    /// (channels add `\r\n` where their protocol wants it); the split is on bytes, because Swift
    /// compares `"\r\n"` as one Character, which is not `"\n"`.
    static func tokenize(_ source: String, name: String) throws -> [Token] {
        var tokens: [Token] = []
        var lineNumber = 1
        for bytes in source.utf8.split(separator: 0x0A, omittingEmptySubsequences: false) {
            var lineTokens: [Token] = []
            var rest = Substring(bytes.last == 0x0D ? bytes.dropLast() : bytes)
            while let open = rest.range(of: "{{") {
                if open.lowerBound > rest.startIndex { lineTokens.append(.text(String(rest[..<open.lowerBound]))) }
                guard let close = rest[open.upperBound...].range(of: "}}") else {
                    throw TemplateError(template: name, line: lineNumber, message: "'{{' without a closing '}}'")
                }
                var inner = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
                var kind: Character?
                if let first = inner.first, "#^/!".contains(first) {
                    kind = first
                    inner = String(inner.dropFirst()).trimmingCharacters(in: .whitespaces)
                }
                if kind != "!" {
                    guard !inner.isEmpty, inner == "." || inner.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }) else {
                        throw TemplateError(template: name, line: lineNumber, message: "bad tag '{{\(rest[open.upperBound..<close.lowerBound])}}'")
                    }
                }
                lineTokens.append(.tag(kind: kind, name: inner, line: lineNumber))
                rest = rest[close.upperBound...]
            }
            if !rest.isEmpty { lineTokens.append(.text(String(rest))) }
            // Standalone: only control tags and whitespace on the line.
            let controls = lineTokens.filter { if case .tag(let k?, _, _) = $0 { return "#^/!".contains(k) } else { return false } }
            let others = lineTokens.filter {
                switch $0 {
                case .text(let t): return !t.allSatisfy { $0 == " " || $0 == "\t" }
                case .tag(let k, _, _): return k == nil
                }
            }
            if !controls.isEmpty && others.isEmpty {
                tokens += controls
            } else {
                tokens += lineTokens
                tokens.append(.text("\n"))
            }
            lineNumber += 1
        }
        // The split added a newline after the last line that the source did not have.
        if case .text("\n")? = tokens.last { tokens.removeLast() }
        return tokens
    }

    struct Parser {
        let name: String
        let tokens: [Token]
        var i = 0

        init(name: String, tokens: [Token]) {
            self.name = name
            self.tokens = tokens
        }

        mutating func parse(until closing: (name: String, line: Int)?) throws -> [TemplateNode] {
            var nodes: [TemplateNode] = []
            while i < tokens.count {
                let t = tokens[i]
                i += 1
                switch t {
                case .text(let s):
                    if case .literal(let prev)? = nodes.last {
                        nodes[nodes.count - 1] = .literal(prev + s)
                    } else {
                        nodes.append(.literal(s))
                    }
                case .tag(let kind, let tagName, let line):
                    let path = tagName == "." ? ["."] : tagName.split(separator: ".").map(String.init)
                    switch kind {
                    case "!": continue
                    case "#", "^":
                        let body = try parse(until: (tagName, line))
                        nodes.append(.section(path: path, inverted: kind == "^", body: body, line: line))
                    case "/":
                        guard let closing, closing.name == tagName else {
                            throw TemplateError(template: name, line: line, message: "{{/\(tagName)}} does not close an open section")
                        }
                        return nodes
                    default:
                        nodes.append(.value(path: path, line: line))
                    }
                }
            }
            if let closing {
                throw TemplateError(template: name, line: closing.line, message: "{{#\(closing.name)}} is never closed")
            }
            return nodes
        }
    }
}

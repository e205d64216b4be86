import Foundation
import OutcryCore
import Yams

/// Strict YAML reading for configuration: unknown keys, wrong types and missing fields are
/// errors that name the file, the line and the field. A bad file is rejected whole.
public struct YAMLConfig: Sendable {
    public let file: String

    public init(file: String) { self.file = file }

    public func load() throws -> Node {
        let data = try InputFile.contents(file)
        guard let text = String(data: data, encoding: .utf8) else { throw InputError(file: file, "not UTF-8") }
        do {
            guard let node = try Yams.compose(yaml: text) else { throw InputError(file: file, "empty file") }
            return node
        } catch let e as YamlError {
            throw InputError(file: file, "invalid YAML: \(e)".replacingOccurrences(of: "\n", with: " "))
        }
    }

    public func line(_ node: Node) -> Int? { node.mark.map { $0.line } }

    public func fail(_ node: Node, _ field: String, _ message: String) -> InputError {
        InputError(file: file, line: line(node), field: field, message)
    }

    /// The mapping's entries, after checking every key is allowed.
    public func mapping(_ node: Node, field: String, allowed: Set<String>) throws -> [String: Node] {
        guard let m = node.mapping else { throw fail(node, field, "expected a mapping") }
        var out: [String: Node] = [:]
        for (k, v) in m {
            guard let key = k.string else { throw fail(k, field, "keys must be strings") }
            guard allowed.contains(key) else {
                throw fail(k, field.isEmpty ? key : "\(field).\(key)", "unknown key (allowed: \(allowed.sorted().joined(separator: ", ")))")
            }
            out[key] = v
        }
        return out
    }

    public func string(_ m: [String: Node], _ key: String, in parent: Node, field: String) throws -> String {
        guard let v = m[key] else { throw fail(parent, "\(field).\(key)", "required field is missing") }
        guard let s = v.string, v.scalar != nil else { throw fail(v, "\(field).\(key)", "expected a string") }
        return s
    }

    public func optionalString(_ m: [String: Node], _ key: String, field: String) throws -> String? {
        guard let v = m[key] else { return nil }
        guard let s = v.string, v.scalar != nil else { throw fail(v, "\(field).\(key)", "expected a string") }
        return s
    }

    /// A number within `range`, if present; `expected` words the error ("a positive number of seconds").
    public func optionalNumber(_ m: [String: Node], _ key: String, field: String, in range: ClosedRange<Double>,
                               expected: String) throws -> Double? {
        guard let s = try optionalString(m, key, field: field) else { return nil }
        let name = field.isEmpty ? key : "\(field).\(key)"
        guard let d = Double(s), range.contains(d) else { throw fail(m[key]!, name, "expected \(expected)") }
        return d
    }

    /// `true` or `false`, if present.
    public func optionalBool(_ m: [String: Node], _ key: String, field: String) throws -> Bool? {
        guard let s = try optionalString(m, key, field: field) else { return nil }
        guard let b = Bool(s) else { throw fail(m[key]!, field.isEmpty ? key : "\(field).\(key)", "expected true or false") }
        return b
    }

    public func strings(_ m: [String: Node], _ key: String, field: String, required: Bool, parent: Node) throws -> [String] {
        guard let v = m[key] else {
            if required { throw fail(parent, "\(field).\(key)", "required field is missing") }
            return []
        }
        guard let seq = v.sequence else { throw fail(v, "\(field).\(key)", "expected a list of strings") }
        return try seq.enumerated().map { i, item in
            guard let s = item.string, item.scalar != nil, !s.isEmpty else {
                throw fail(item, "\(field).\(key)[\(i)]", "expected a non-empty string")
            }
            return s
        }
    }
}

import Foundation

/// One condition on an alert's labels, in Alertmanager's syntax: `topic="jd-pillow"`,
/// `severity!=watch`, `topic=~"jd-.*"`, `brand!~"test|demo"`. Regular expressions are anchored
/// (they must match the whole value), as in Alertmanager; a missing label is the empty string.
public struct LabelMatcher: Sendable, Hashable, CustomStringConvertible {
    public enum Operator: String, Sendable, CaseIterable {
        case equal = "=", notEqual = "!=", matches = "=~", notMatches = "!~"
    }

    public let name: String
    public let op: Operator
    public let value: String
    private let regex: AnchoredRegex?

    public init(name: String, op: Operator, value: String) throws {
        self.name = name
        self.op = op
        self.value = value
        regex = (op == .matches || op == .notMatches) ? try AnchoredRegex(value) : nil
    }

    /// Parses `name<op>value`; the value may be double-quoted.
    public static func parse(_ text: String) throws -> LabelMatcher {
        let s = text.trimmingCharacters(in: .whitespaces)
        guard let nameEnd = s.firstIndex(where: { !($0.isLetter || $0.isNumber || $0 == "_") }), nameEnd > s.startIndex else {
            throw MatcherError("expected name=value, name!=value, name=~regex or name!~regex, got '\(text)'")
        }
        let name = String(s[..<nameEnd])
        let rest = s[nameEnd...]
        guard let op = [Operator.notEqual, .matches, .notMatches, .equal].first(where: { rest.hasPrefix($0.rawValue) }) else {
            throw MatcherError("unknown operator in '\(text)' (use =, !=, =~ or !~)")
        }
        var value = rest.dropFirst(op.rawValue.count).trimmingCharacters(in: .whitespaces)
        if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
        return try LabelMatcher(name: name, op: op, value: value)
    }

    public func matches(_ labels: [String: String]) -> Bool {
        let actual = labels[name] ?? ""
        switch op {
        case .equal: return actual == value
        case .notEqual: return actual != value
        case .matches: return regex!.matches(actual)
        case .notMatches: return !regex!.matches(actual)
        }
    }

    public var description: String { "\(name)\(op.rawValue)\"\(value)\"" }

    public static func == (a: LabelMatcher, b: LabelMatcher) -> Bool { a.description == b.description }
    public func hash(into h: inout Hasher) { h.combine(description) }
}

/// Why a matcher could not be parsed.
public struct MatcherError: Error, CustomStringConvertible {
    public let description: String
    init(_ message: String) { description = message }
}

/// A compiled, whole-string regular expression. NSRegularExpression is immutable and safe to
/// share across threads once built.
struct AnchoredRegex: @unchecked Sendable, Hashable {
    let pattern: String
    private let compiled: NSRegularExpression

    init(_ pattern: String) throws {
        self.pattern = pattern
        do {
            compiled = try NSRegularExpression(pattern: "^(?:" + pattern + ")$")
        } catch {
            throw MatcherError("invalid regular expression '\(pattern)'")
        }
    }

    func matches(_ s: String) -> Bool {
        compiled.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) != nil
    }

    static func == (a: AnchoredRegex, b: AnchoredRegex) -> Bool { a.pattern == b.pattern }
    func hash(into h: inout Hasher) { h.combine(pattern) }
}

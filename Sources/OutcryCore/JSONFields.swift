import Foundation

/// Reads typed fields out of one decoded JSON object and names the field when one is wrong.
///
/// Used by every JSONL reader so that a bad line reports `file:line: field 'x': …` rather
/// than a generic decoding error.
public struct JSONFields {
    public let object: JSONObject
    public let file: String
    public let line: Int?

    public init(_ object: JSONObject, file: String, line: Int?) {
        self.object = object
        self.file = file
        self.line = line
    }

    /// Parses one JSON object from a line of text.
    public static func parseLine(_ text: Substring, file: String, line: Int) throws -> JSONFields {
        var text = text
        return try text.withUTF8 { try parseLine($0, file: file, line: line) }
    }

    /// Parses one JSON object from the bytes of a line (streaming readers).
    public static func parseLine(_ bytes: UnsafeBufferPointer<UInt8>, file: String, line: Int) throws -> JSONFields {
        guard let value = JSONValue.parse(bytes) else {
            throw InputError(file: file, line: line, "malformed JSON")
        }
        guard case .object(let object) = value else {
            throw InputError(file: file, line: line, "expected a JSON object")
        }
        return JSONFields(object, file: file, line: line)
    }

    public func fail(_ field: String, _ message: String) -> InputError {
        InputError(file: file, line: line, field: prefix + field, message)
    }

    public func has(_ key: String) -> Bool {
        guard let v = object[key] else { return false }
        return v != .null
    }

    public func string(_ key: String) throws -> String {
        guard let s = try optionalString(key) else { throw fail(key, "required field is missing") }
        return s
    }

    public func optionalString(_ key: String) throws -> String? {
        switch object[key] {
        case nil, .null?: return nil
        case .string(let s)?: return s
        // Numeric ids are common in exports (Zendesk, Reddit); accept them as text.
        case .number(let n)?: return n
        default: throw fail(key, "expected a string")
        }
    }

    public func optionalInt(_ key: String) throws -> Int? {
        switch object[key] {
        case nil, .null?: return nil
        case .number(let text)?:
            if let n = Int(text) { return n }
            guard let d = Double(text), d.isFinite, d >= -9.0e15, d <= 9.0e15 else { throw fail(key, "number out of range") }
            return Int(d)
        case .string(let s)?:
            if let n = Int(s) { return n }
            throw fail(key, "expected an integer")
        default: throw fail(key, "expected an integer")
        }
    }

    public func date(_ key: String) throws -> Date {
        let text = try string(key)
        guard let d = Timestamp.parse(text) else {
            throw fail(key, "'\(text.prefix(40))' is not an RFC 3339 timestamp with a UTC offset")
        }
        return d
    }

    public func optionalDate(_ key: String) throws -> Date? {
        guard has(key) else { return nil }
        return try date(key)
    }

    public func array(_ key: String) throws -> [JSONValue]? {
        switch object[key] {
        case nil, .null?: return nil
        case .array(let a)?: return a
        default: throw fail(key, "expected a list")
        }
    }

    /// A nested object, reported with a dotted path (`events[2].at`).
    public func nested(_ value: JSONValue, path: String) throws -> JSONFields {
        guard case .object(let o) = value else { throw fail(path, "expected an object") }
        return JSONFields(o, file: file, line: line).prefixed(path)
    }

    private var prefix: String = ""
    private func prefixed(_ p: String) -> JSONFields {
        var copy = self
        copy.prefix = p + "."
        return copy
    }
}

extension JSONFields {
    /// The dotted name of a field, for messages.
    public func path(_ key: String) -> String { prefix + key }
}

/// Splits a JSON Lines file into (line number, text) pairs, skipping blank lines.
public enum JSONLines {
    /// The path that means standard input (errors name it `<stdin>`).
    public static let standardInput = "-"

    /// A line that holds no record: only spaces, tabs and a trailing `\r`. Every JSONL reader
    /// skips these (``lines(of:)`` does the same for a whole file).
    public static func isBlank(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        !line.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D })
    }

    /// The numbered lines of a whole file that hold a record, without their `\r\n` or `\n`.
    /// Split on bytes: Swift compares `"\r\n"` as one Character, which is not `"\n"`.
    public static func lines(of data: Data) -> [(Int, Substring)] {
        let text = String(decoding: data, as: UTF8.self)
        var out: [(Int, Substring)] = []
        var number = 0
        for bytes in text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false) {
            number += 1
            let line = bytes.last == 0x0D ? bytes.dropLast() : bytes
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            out.append((number, Substring(line)))
        }
        return out
    }

    /// Reads a file, naming it in the error when it cannot be read; `-` is standard input, as
    /// command lines name it (an export piped from a helpdesk's API).
    public static func read(_ path: String) throws -> Data {
        if path == standardInput { return FileHandle.standardInput.readDataToEndOfFile() }
        return try InputFile.contents(path)
    }
}

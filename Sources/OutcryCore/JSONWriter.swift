/// Writes JSON straight into UTF-8 bytes, for outputs built from typed values (`feed parse`),
/// where going through `[String: Any]` cost dictionary churn and dynamic casts per field.
///
/// The caller writes object keys in the order it wants them printed; Outcry's outputs list
/// keys in byte order, as ``JSONText`` sorts them. `nil` fields are omitted.
public struct JSONWriter {
    public private(set) var bytes: [UInt8] = []
    /// Per open container: whether the next member needs a comma.
    private var needsComma: [Bool] = []

    public init(capacity: Int = 1024) {
        bytes.reserveCapacity(capacity)
    }

    public mutating func beginObject() { value(); bytes.append(UInt8(ascii: "{")); needsComma.append(false) }
    public mutating func endObject() { needsComma.removeLast(); bytes.append(UInt8(ascii: "}")) }
    public mutating func beginArray() { value(); bytes.append(UInt8(ascii: "[")); needsComma.append(false) }
    public mutating func endArray() { needsComma.removeLast(); bytes.append(UInt8(ascii: "]")) }

    /// Starts a member of the current object; the next value written is its value.
    public mutating func key(_ name: String) {
        separate()
        Self.appendQuoted(name, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        keyPending = true
    }

    public mutating func string(_ s: String) { value(); Self.appendQuoted(s, to: &bytes) }
    public mutating func bool(_ b: Bool) { value(); raw(b ? "true" : "false") }
    public mutating func int(_ i: Int) { value(); bytes.append(contentsOf: String(i).utf8) }
    public mutating func null() { value(); raw("null") }
    public mutating func double(_ d: Double) {
        value()
        bytes.append(contentsOf: (d.isFinite ? (d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d)) : "null").utf8)
    }

    /// `"name": value`, or nothing when the value is nil.
    public mutating func field(_ name: String, _ v: String?) {
        guard let v else { return }
        key(name)
        string(v)
    }

    // MARK: - Separators

    private var keyPending = false

    /// Commas between array elements; a value after a key needs none.
    private mutating func value() {
        if keyPending { keyPending = false; return }
        separate()
    }

    private mutating func separate() {
        guard let last = needsComma.last else { return }
        if last { bytes.append(UInt8(ascii: ",")) } else { needsComma[needsComma.count - 1] = true }
    }

    private mutating func raw(_ s: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    static let hexDigits = Array("0123456789abcdef".utf8)

    /// Escapes `"`, `\` and control characters; copies runs of everything else as they are.
    static func appendQuoted(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { u in
            var run = 0
            for i in 0..<u.count {
                let b = u[i]
                guard b < 0x20 || b == 0x22 || b == 0x5C else { continue }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: u[run..<i]))
                run = i + 1
                out.append(UInt8(ascii: "\\"))
                switch b {
                case 0x22, 0x5C: out.append(b)
                case 0x0A: out.append(UInt8(ascii: "n"))
                case 0x0D: out.append(UInt8(ascii: "r"))
                case 0x09: out.append(UInt8(ascii: "t"))
                default:
                    out.append(contentsOf: "u00".utf8)
                    out.append(hexDigits[Int(b >> 4)])
                    out.append(hexDigits[Int(b & 0xF)])
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: u[run..<u.count]))
        }
        out.append(UInt8(ascii: "\""))
    }
}

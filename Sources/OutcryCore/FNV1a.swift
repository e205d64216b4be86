/// FNV-1a, 64-bit: the hash behind our allocation-free lookups (term ids, phrase and lexicon
/// tables). Streaming, so a phrase's hash continues from its first word's.
public struct FNV1a: Sendable {
    public private(set) var value: UInt64 = 0xCBF2_9CE4_8422_2325

    public init() {}

    @inline(__always)
    public mutating func add(_ byte: UInt8) {
        value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }

    @inline(__always)
    public mutating func add(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) {
        for b in bytes { add(b) }
    }

    /// The hash of some bytes.
    @inline(__always)
    public static func hash(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> UInt64 {
        var h = FNV1a()
        h.add(bytes)
        return h.value
    }

    /// The hash of a string's UTF-8.
    public static func hash(_ text: String) -> UInt64 {
        var h = FNV1a()
        for b in text.utf8 { h.add(b) }
        return h.value
    }
}

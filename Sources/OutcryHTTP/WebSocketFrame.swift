/// RFC 6455 framing: what a client sends (always masked) and what it reads back (never masked).
/// Pure byte work, kept apart from the socket so it is tested on its own.
public enum WebSocketOpcode: UInt8, Sendable {
    case continuation = 0x0, text = 0x1, binary = 0x2, close = 0x8, ping = 0x9, pong = 0xA

    var isControl: Bool { rawValue & 0x8 != 0 }
}

public struct WebSocketFrame: Sendable, Hashable {
    public var fin: Bool
    public var opcode: WebSocketOpcode
    public var payload: [UInt8]

    public init(fin: Bool = true, opcode: WebSocketOpcode, payload: [UInt8]) {
        self.fin = fin
        self.opcode = opcode
        self.payload = payload
    }

    /// The frame as a client sends it: masked with `mask` (RFC 6455 §5.3 requires a fresh
    /// random key per frame; tests pass a fixed one).
    public func encoded(mask: (UInt8, UInt8, UInt8, UInt8)) -> [UInt8] {
        var out: [UInt8] = [(fin ? 0x80 : 0) | opcode.rawValue]
        let n = payload.count
        if n < 126 {
            out.append(0x80 | UInt8(n))
        } else if n <= 0xFFFF {
            out.append(0x80 | 126)
            out.append(UInt8(n >> 8)); out.append(UInt8(n & 0xFF))
        } else {
            out.append(0x80 | 127)
            for shift in stride(from: 56, through: 0, by: -8) { out.append(UInt8((UInt64(n) >> UInt64(shift)) & 0xFF)) }
        }
        let key = [mask.0, mask.1, mask.2, mask.3]
        out += key
        for (i, b) in payload.enumerated() { out.append(b ^ key[i & 3]) }
        return out
    }
}

/// Why a WebSocket conversation ended badly.
public enum WebSocketError: Error, Sendable, Hashable, CustomStringConvertible {
    case handshake(String)
    case protocolViolation(String)
    case messageTooLarge(Int)
    case transport(String)

    public var description: String {
        switch self {
        case .handshake(let m): "WebSocket handshake failed: \(m)"
        case .protocolViolation(let m): "WebSocket protocol error: \(m)"
        case .messageTooLarge(let n): "WebSocket message larger than \(n) bytes"
        case .transport(let m): "WebSocket transport: \(m)"
        }
    }
}

/// Reassembles server frames from a byte stream into messages: fragments joined, control
/// frames passed through between them, sizes bounded.
public struct WebSocketReader: Sendable {
    public enum Event: Sendable, Hashable {
        case message(opcode: WebSocketOpcode, payload: [UInt8])
        case ping([UInt8])
        case pong
        case close(code: UInt16?, reason: String)
    }

    private var buffer: [UInt8] = []
    private var start = 0
    private var fragments: [UInt8] = []
    private var fragmentOpcode: WebSocketOpcode?
    public let maxMessageBytes: Int

    public init(maxMessageBytes: Int = 1 << 20) {
        self.maxMessageBytes = maxMessageBytes
    }

    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        buffer.append(contentsOf: bytes.bindMemory(to: UInt8.self))
    }

    public mutating func append(_ bytes: [UInt8]) {
        buffer += bytes
    }

    /// The next complete event, nil when more bytes are needed.
    public mutating func next() throws(WebSocketError) -> Event? {
        while true {
            guard let frame = try nextFrame() else { return nil }
            if frame.opcode.isControl {
                guard frame.fin, frame.payload.count <= 125 else { throw .protocolViolation("fragmented or oversized control frame") }
                switch frame.opcode {
                case .ping: return .ping(frame.payload)
                case .pong: return .pong
                default:
                    let p = frame.payload
                    let code = p.count >= 2 ? UInt16(p[0]) << 8 | UInt16(p[1]) : nil
                    return .close(code: code, reason: String(decoding: p.dropFirst(2), as: UTF8.self))
                }
            }
            if frame.opcode == .continuation {
                guard let opcode = fragmentOpcode else { throw .protocolViolation("continuation without a message") }
                fragments += frame.payload
                guard fragments.count <= maxMessageBytes else { throw .messageTooLarge(maxMessageBytes) }
                if frame.fin {
                    defer { fragments = []; fragmentOpcode = nil }
                    return .message(opcode: opcode, payload: fragments)
                }
                continue
            }
            guard fragmentOpcode == nil else { throw .protocolViolation("new message inside a fragmented one") }
            if frame.fin { return .message(opcode: frame.opcode, payload: frame.payload) }
            fragmentOpcode = frame.opcode
            fragments = frame.payload
        }
    }

    private mutating func nextFrame() throws(WebSocketError) -> WebSocketFrame? {
        let available = buffer.count - start
        guard available >= 2 else { return nil }
        let b0 = buffer[start], b1 = buffer[start + 1]
        guard b0 & 0x70 == 0 else { throw .protocolViolation("reserved bits set (no extension was negotiated)") }
        guard let opcode = WebSocketOpcode(rawValue: b0 & 0x0F) else { throw .protocolViolation("unknown opcode \(b0 & 0x0F)") }
        guard b1 & 0x80 == 0 else { throw .protocolViolation("the server masked a frame") }
        var header = 2
        var length = UInt64(b1 & 0x7F)
        if length == 126 {
            guard available >= 4 else { return nil }
            length = UInt64(buffer[start + 2]) << 8 | UInt64(buffer[start + 3])
            header = 4
        } else if length == 127 {
            guard available >= 10 else { return nil }
            length = 0
            for k in 2..<10 { length = length << 8 | UInt64(buffer[start + k]) }
            header = 10
        }
        guard length <= UInt64(maxMessageBytes) else { throw .messageTooLarge(maxMessageBytes) }
        guard available >= header + Int(length) else { return nil }
        let payload = Array(buffer[(start + header)..<(start + header + Int(length))])
        start += header + Int(length)
        if start > 1 << 16 {   // drop consumed bytes now and then, not per frame
            buffer.removeFirst(start)
            start = 0
        }
        return WebSocketFrame(fin: b0 & 0x80 != 0, opcode: opcode, payload: payload)
    }
}

/// A key press, decoded from the bytes a terminal sends in raw mode.
public enum Key: Equatable, Sendable {
    case char(Character)
    case up, down, left, right, pageUp, pageDown, home, end, enter, escape, backspace, tab, ctrlC

    /// Decodes every key in `bytes` (escape sequences for arrows and paging, UTF-8 text).
    public static func decode(_ bytes: [UInt8]) -> [Key] {
        var keys: [Key] = []
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x1B {
                if i + 2 < bytes.count, bytes[i + 1] == 0x5B || bytes[i + 1] == 0x4F {
                    let c = bytes[i + 2]
                    var consumed = 3
                    switch c {
                    case 0x41: keys.append(.up)
                    case 0x42: keys.append(.down)
                    case 0x43: keys.append(.right)
                    case 0x44: keys.append(.left)
                    case 0x48: keys.append(.home)
                    case 0x46: keys.append(.end)
                    case 0x35, 0x36, 0x31, 0x34:
                        if i + 3 < bytes.count, bytes[i + 3] == 0x7E {
                            keys.append(c == 0x35 ? .pageUp : c == 0x36 ? .pageDown : c == 0x31 ? .home : .end)
                            consumed = 4
                        }
                    default: break
                    }
                    i += consumed
                    continue
                }
                keys.append(.escape)
                i += 1
                continue
            }
            switch b {
            case 0x0D, 0x0A: keys.append(.enter)
            case 0x7F, 0x08: keys.append(.backspace)
            case 0x09: keys.append(.tab)
            case 0x03: keys.append(.ctrlC)
            case 0x20...0x7E: keys.append(.char(Character(Unicode.Scalar(b))))
            default:
                // UTF-8 text (a filter typed in Chinese).
                let n = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1
                if n > 1, i + n <= bytes.count, let s = String(bytes: bytes[i..<i + n], encoding: .utf8), let c = s.first {
                    keys.append(.char(c))
                }
                i += n
                continue
            }
            i += 1
        }
        return keys
    }
}

import Foundation

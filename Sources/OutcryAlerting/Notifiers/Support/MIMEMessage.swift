import Foundation

/// An RFC 5322 message with a plain-text and an HTML alternative, UTF-8 throughout: encoded-word
/// subjects (RFC 2047), base64 bodies wrapped at 76 columns, and threading headers.
public struct MIMEMessage: Sendable {
    public var from: String
    public var to: [String]
    public var cc: [String] = []
    public var subject: String
    public var text: String
    public var html: String?
    public var date: Date
    public var messageID: String
    /// The thread's first message: `In-Reply-To` and `References` point at it.
    public var thread: String?
    public var extraHeaders: [(String, String)] = []

    public init(from: String, to: [String], subject: String, text: String, html: String?, date: Date, messageID: String, thread: String?) {
        self.from = from
        self.to = to
        self.subject = subject
        self.text = text
        self.html = html
        self.date = date
        self.messageID = messageID
        self.thread = thread
    }

    public func encoded() -> Data {
        var h: [(String, String)] = [
            ("From", from), ("To", to.joined(separator: ", ")),
        ]
        if !cc.isEmpty { h.append(("Cc", cc.joined(separator: ", "))) }
        h += [("Subject", Self.encodedWord(subject)), ("Date", Self.rfc5322(date)), ("Message-ID", "<\(messageID)>")]
        if let thread, thread != messageID {
            h += [("In-Reply-To", "<\(thread)>"), ("References", "<\(thread)>")]
        }
        h += [("MIME-Version", "1.0"), ("Auto-Submitted", "auto-generated")] + extraHeaders
        let boundary = "=_outcry_" + String(format: "%016llx", StableHash.fnv1a(messageID))
        var out = h.map { "\($0.0): \($0.1)" }.joined(separator: "\r\n") + "\r\n"
        if let html {
            out += "Content-Type: multipart/alternative; boundary=\"\(boundary)\"\r\n\r\n"
            out += "This is a multi-part message in MIME format.\r\n"
            out += "--\(boundary)\r\n" + Self.part("text/plain", text)
            out += "--\(boundary)\r\n" + Self.part("text/html", html)
            out += "--\(boundary)--\r\n"
        } else {
            out += Self.part("text/plain", text)
        }
        return Data(out.utf8)
    }

    static func part(_ type: String, _ body: String) -> String {
        let b64 = Data(body.utf8).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        return "Content-Type: \(type); charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n\(b64)\r\n"
    }

    /// ASCII subjects stay as they are; others become `=?UTF-8?B?…?=` words of at most 75
    /// characters, split between characters, folded onto continuation lines.
    static func encodedWord(_ s: String) -> String {
        let clean = s.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
        if clean.allSatisfy({ $0.isASCII }) && clean.count <= 900 { return clean }
        var words: [String] = [], chunk = Data()
        for ch in clean {
            let bytes = Data(String(ch).utf8)
            // 45 raw bytes → 60 base64 characters + 12 of framing ≤ 75.
            if chunk.count + bytes.count > 45 {
                words.append("=?UTF-8?B?\(chunk.base64EncodedString())?=")
                chunk = Data()
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append("=?UTF-8?B?\(chunk.base64EncodedString())?=") }
        return words.joined(separator: "\r\n ")
    }

    static func rfc5322(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return f.string(from: date)
    }
}

import OutcryCore

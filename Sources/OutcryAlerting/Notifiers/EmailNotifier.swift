import Foundation
import OutcryCore
import OutcryHTTP

/// Email over SMTP (libcurl): STARTTLS or implicit TLS, AUTH with a password from the
/// environment, a plain-text and an HTML part, a UTF-8 subject, and threading headers so every
/// notification about one incident lands in one thread.
public struct EmailNotifier: Notifier {
    public let channel: String
    let server: SMTPServer
    let passwordEnv: String?
    let usernameEnv: String?
    let from: String
    let to: [String]
    let cc: [String]
    let subject: MessageRenderer
    let text: MessageRenderer
    let html: MessageRenderer
    let secrets: Secrets

    public init(channel: String, server: SMTPServer, usernameEnv: String?, passwordEnv: String?, from: String, to: [String], cc: [String],
                subject: MessageRenderer, text: MessageRenderer, html: MessageRenderer, secrets: Secrets) {
        self.channel = channel
        self.server = server
        self.usernameEnv = usernameEnv
        self.passwordEnv = passwordEnv
        self.from = from
        self.to = to
        self.cc = cc
        self.subject = subject
        self.text = text
        self.html = html
        self.secrets = secrets
    }

    public func deliver(_ d: Delivery) async -> DeliveryOutcome {
        var server = self.server
        do {
            server.username = try secrets.optional(usernameEnv) ?? server.username
            server.password = try secrets.optional(passwordEnv)
        } catch {
            return .missing(error)
        }
        let message: MIMEMessage
        do {
            let subjectLine = try subject.render(d).trimmingCharacters(in: .whitespacesAndNewlines)
            message = Self.compose(d, from: from, to: to, cc: cc, subject: subjectLine, text: try text.render(d), html: try html.render(d))
        } catch {
            return MessageRenderer.failure(error)
        }
        do {
            try await SMTPSender(server: server).send(from: Self.address(from), to: (to + cc).map(Self.address), message: message.encoded())
            return .delivered
        } catch let e as SMTPError {
            return .failed(retryable: !e.permanent, message: e.message)
        } catch {
            return .failed(retryable: true, message: "\(error)")
        }
    }

    static func compose(_ d: Delivery, from: String, to: [String], cc: [String], subject: String, text: String, html: String) -> MIMEMessage {
        let domain = address(from).split(separator: "@").last.map(String.init) ?? "outcry.localhost"
        // One thread per incident and receiver: the most severe alert's spike.
        let incident = d.alerts.first?.spikeID ?? d.notification.groupKey
        let thread = "incident-" + String(format: "%016llx", StableHash.fnv1a(d.notification.receiver + "|" + incident)) + "@" + domain
        let id = d.notification.sequence == 1 && d.notification.kind != .test ? thread
            : "n-" + String(format: "%016llx", StableHash.fnv1a(d.idempotencyKey)) + "@" + domain
        var m = MIMEMessage(from: from, to: to, subject: subject, text: text, html: html, date: d.now, messageID: id, thread: thread)
        m.cc = cc
        m.extraHeaders = [("X-Outcry-Notification", d.idempotencyKey.filter { $0.isASCII && !$0.isNewline })]
        return m
    }

    /// `Name <a@b>` → `a@b`.
    static func address(_ s: String) -> String {
        if let l = s.lastIndex(of: "<"), let r = s.lastIndex(of: ">"), l < r { return String(s[s.index(after: l)..<r]) }
        return s.trimmingCharacters(in: .whitespaces)
    }
}

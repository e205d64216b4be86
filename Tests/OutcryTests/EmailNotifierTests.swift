import Foundation
import OutcryAlerting
import OutcryCore
import OutcryTesting
import Testing

/// Email through a real SMTP server (aiosmtpd) on loopback, read back and parsed by Python's
/// email package: STARTTLS and implicit TLS with AUTH, both parts, a Chinese subject, threading.
@Suite(.serialized) struct EmailNotifierTests {
    func notifier(port: Int, tls: String, ca: String, password: String?) throws -> any Notifier {
        var r = Receiver(name: "pr")
        r.language = .zhHans
        r.utcOffset = 8 * 3600
        var env = ["SMTP_USER": "outcry"]
        if let password { env["SMTP_PASSWORD"] = password }
        let c = ChannelConfig(type: .email, name: "pr/email", settings: [
            "to": .list(["pr@example.com", "lead@example.com"]), "from": .string("Outcry <outcry@example.com>"),
            "smarthost": .string("127.0.0.1:\(port)"), "tls": .string(tls), "ca_file": .string(ca), "timeout": .string("5s"),
            "username_env": .string("SMTP_USER"), "password_env": .string("SMTP_PASSWORD"),
        ])
        return try NotifierFactory(templates: TemplateSet(directory: nil), secrets: Secrets(env)).make(c, receiver: r)
    }

    func delivery(sequence: Int, kind: AlertNotification.Kind = .firing) -> Delivery {
        var (n, alerts, posts, tickets) = MessageContext.sample(at: Timestamp.parse("2018-03-14T10:00:00+08:00")!)
        n.kind = kind
        n.sequence = sequence
        posts["test-post-1"]?.text = "无赖京东 <script>alert(1)</script>"
        return Delivery(notification: n, alerts: alerts, posts: posts, tickets: tickets, idempotencyKey: "N-\(sequence)|pr/email", now: n.createdAt)
    }

    func received(_ dir: String, count: Int) throws -> [[String: Any]] {
        let deadline = Date().addingTimeInterval(5)
        while Date() < deadline {
            let files = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".json") }.sorted()
            if files.count >= count {
                return try files.map { try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/" + $0))) as! [String: Any] }
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return []
    }

    @Test(arguments: ["starttls", "implicit"])
    func deliversThreadedMultipartMailOverTLSWithAuth(_ tls: String) async throws {
        let dir = try Fixtures.temporaryDirectory()
        let (server, cert) = try LocalHTTPServer.smtpReceiver(directory: dir, mode: tls, password: "s3cret-pw")
        let n = try notifier(port: server.port, tls: tls, ca: cert, password: "s3cret-pw")
        #expect(await n.deliver(delivery(sequence: 1)) == .delivered)
        #expect(await n.deliver(delivery(sequence: 2, kind: .reminder)) == .delivered)
        let mails = try received(dir, count: 2)
        #expect(mails.count == 2)
        let first = try #require(mails.first), second = try #require(mails.last)
        #expect(first["tls"] as? Bool == true && first["auth"] as? Bool == true)
        #expect(first["rcpt_tos"] as? [String] == ["pr@example.com", "lead@example.com"])
        #expect(first["subject"] as? String == "【警告】test-topic：120 条提及（×18），投诉占 62%")
        #expect((first["raw_subject"] as? String)?.hasPrefix("=?UTF-8?B?") == true)
        #expect(second["subject"] as? String == "提醒：【警告】test-topic：120 条提及（×18），投诉占 62%")
        let parts = try #require(first["parts"] as? [String: String])
        #expect(parts["text/plain"]?.contains("工单 #1") == true)
        #expect(parts["text/html"]?.contains("&lt;script&gt;") == true && parts["text/html"]?.contains("<script>") == false)
        #expect(first["content_type"] as? String == "multipart/alternative")
        // One thread per incident: the reminder replies to the first message.
        let root = try #require(first["message_id"] as? String)
        #expect(second["in_reply_to"] as? String == root && second["references"] as? String == root)
        #expect(second["message_id"] as? String != root)
    }

    @Test func refusedLoginIsPermanentAndNeverQuotesThePassword() async throws {
        let dir = try Fixtures.temporaryDirectory()
        let (server, cert) = try LocalHTTPServer.smtpReceiver(directory: dir, mode: "starttls", password: "right-password")
        let outcome = try await notifier(port: server.port, tls: "starttls", ca: cert, password: "wrong-password-xyz").deliver(delivery(sequence: 1))
        guard case .failed(let retryable, let message, _) = outcome else {
            Issue.record("a refused login must fail")
            return
        }
        #expect(!retryable, "\(message)")
        #expect(!message.contains("wrong-password-xyz"))
        // Nobody listening: retryable.
        let down = try await notifier(port: 1, tls: "starttls", ca: cert, password: "x").deliver(delivery(sequence: 1))
        #expect({ if case .failed(true, _, _) = down { true } else { false } }(), "\(down)")
        // An untrusted certificate is refused (no silent downgrade).
        let (other, _) = try Fixtures.selfSignedCertificate()
        let untrusted = try await notifier(port: server.port, tls: "starttls", ca: other, password: "right-password").deliver(delivery(sequence: 1))
        #expect(untrusted != .delivered)
    }
}

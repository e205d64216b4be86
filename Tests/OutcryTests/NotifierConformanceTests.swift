import Foundation
import OutcryAlerting
import OutcryCore
import OutcryHTTP
import OutcryTesting
import Testing

/// One conformance suite for every webhook channel, against a real HTTP receiver on loopback
/// that verifies signatures and misbehaves on request: each channel delivers in its native
/// format, classifies failures the same way, and never leaks a secret into a message.
@Suite(.serialized) struct NotifierConformanceTests {
    static let secrets = [
        "HOOK_URL": "", // filled per test with the receiver's URL (it carries a token, like real robot URLs)
        "HOOK_SECRET": "whsec_" + Data("conformance-secret-key".utf8).base64EncodedString(),
        "DING_SECRET": "SECdingtalk-secret", "FEISHU_SECRET": "feishu-secret", "AM_TOKEN": "am-bearer-token",
    ]
    static let webhookTypes: [ChannelType] = [.webhook, .slack, .dingtalk, .feishu, .wecom, .alertmanager]

    let receiver: LocalHTTPServer

    init() throws {
        receiver = try LocalHTTPServer.alertReceiver(environment: [
            "RECEIVER_WEBHOOK_SECRET": Self.secrets["HOOK_SECRET"]!, "RECEIVER_DINGTALK_SECRET": Self.secrets["DING_SECRET"]!,
            "RECEIVER_FEISHU_SECRET": Self.secrets["FEISHU_SECRET"]!,
        ])
    }

    func notifier(_ type: ChannelType, timeout: String = "3s", environment: [String: String]? = nil) throws -> any Notifier {
        var env = Self.secrets
        env["HOOK_URL"] = receiver.url("hook/\(type.rawValue)?access_token=TOKEN-IN-URL-1234")
        var settings: [String: ChannelConfig.Setting] = ["url_env": .string("HOOK_URL"), "timeout": .string(timeout)]
        switch type {
        case .webhook: settings["secret_env"] = .string("HOOK_SECRET")
        case .dingtalk: settings["secret_env"] = .string("DING_SECRET")
        case .feishu: settings["secret_env"] = .string("FEISHU_SECRET")
        case .alertmanager:
            settings["bearer_token_env"] = .string("AM_TOKEN")
            env["HOOK_URL"] = receiver.url("hook/alertmanager")
        default: break
        }
        var r = Receiver(name: "pr")
        r.language = .zhHans
        r.utcOffset = 8 * 3600
        let factory = NotifierFactory(templates: TemplateSet(directory: nil), secrets: Secrets(environment ?? env))
        return try factory.make(ChannelConfig(type: type, name: "pr/\(type.rawValue)", settings: settings), receiver: r)
    }

    func delivery() -> Delivery {
        var (n, alerts, posts, tickets) = MessageContext.sample(at: Date())
        n.kind = .firing
        posts["test-post-1"]?.text = "<!channel> 无赖京东 <script>x</script>"
        return Delivery(notification: n, alerts: alerts, posts: posts, tickets: tickets, idempotencyKey: "N-1|pr/x", now: Date())
    }

    func requests() async throws -> [[String: Any]] {
        let r = try await HTTPFetcher().fetch(FetchRequest(url: receiver.url("_requests")))
        return try JSONSerialization.jsonObject(with: r.body) as? [[String: Any]] ?? []
    }

    func mode(_ type: ChannelType, _ mode: String, times: Int = 1) async throws {
        var req = FetchRequest(url: receiver.url("_mode"))
        req.body = Data(JSONText.encode(["prefix": "/hook/\(type.rawValue)", "mode": mode, "times": times]).utf8)
        _ = try await HTTPFetcher().fetch(req)
    }

    static func leaks(_ outcome: DeliveryOutcome) -> Bool {
        guard case .failed(_, let message, _) = outcome else { return false }
        return ["TOKEN-IN-URL", "conformance-secret", "SECdingtalk", "feishu-secret", "am-bearer"].contains { message.contains($0) }
    }

    @Test(arguments: webhookTypes)
    func deliversInTheNativeFormatSigned(_ type: ChannelType) async throws {
        let outcome = try await notifier(type).deliver(delivery())
        #expect(outcome == .delivered, "\(outcome)")
        let got = try await requests()
        #expect(got.count == 1)
        let req = try #require(got.first)
        let body = req["body"]
        let headers = req["headers"] as? [String: String] ?? [:]
        if type == .webhook || type == .dingtalk || type == .feishu {
            #expect(req["verified"] as? Bool == true, "the receiver verified the \(type.rawValue) signature")
        }
        #expect(headers["user-agent"]?.hasPrefix("Outcry/") == true)
        switch type {
        case .webhook:
            let o = try #require(body as? [String: Any])
            #expect(Set(o.keys) == ["id", "topic", "severity", "spike_start", "detected_at", "score", "volume", "baseline", "negative_share",
                                    "top_terms", "sample_posts", "linked_tickets"], "the DESIGN.md Alert object")
            #expect(headers["webhook-id"]?.hasPrefix("msg_") == true)
        case .slack:
            let o = try #require(body as? [String: Any])
            let blocks = try #require(o["blocks"] as? [[String: Any]])
            let text = blocks.compactMap { ($0["text"] as? [String: Any])?["text"] as? String }.joined()
            #expect(text.contains("【警告】test-topic") && text.contains("&lt;!channel&gt;") && !text.contains("<!channel>"))
            #expect(blocks.allSatisfy { (($0["text"] as? [String: Any])?["text"] as? String ?? "").count <= 3000 })
        case .dingtalk:
            let o = try #require(body as? [String: Any])
            #expect(o["msgtype"] as? String == "markdown")
            #expect(((o["markdown"] as? [String: Any])?["text"] as? String)?.contains("投诉 **74** 条，通常 0.8") == true)
            #expect((req["query"] as? [String: String])?["access_token"] == "TOKEN-IN-URL-1234", "the robot's own query survives")
        case .feishu:
            let o = try #require(body as? [String: Any])
            #expect(o["msg_type"] as? String == "interactive")
            let card = try #require(o["card"] as? [String: Any])
            #expect(((card["header"] as? [String: Any])?["template"] as? String) == "orange")
        case .wecom:
            let o = try #require(body as? [String: Any])
            let content = try #require((o["markdown"] as? [String: Any])?["content"] as? String)
            #expect(content.utf8.count <= 4096 && content.contains("工单"))
        case .alertmanager:
            let list = try #require(body as? [[String: Any]])
            let labels = try #require(list.first?["labels"] as? [String: String])
            #expect(labels["alertname"] == "OutcrySpike" && labels["severity"] == "warning" && labels["topic"] == "test-topic")
            #expect(req["path"] as? String == "/hook/alertmanager/api/v2/alerts")
            #expect(headers["authorization"] == "Bearer am-bearer-token")
        default:
            break
        }
    }

    @Test(arguments: webhookTypes)
    func classifiesFailuresAndNeverLeaksSecrets(_ type: ChannelType) async throws {
        let n = try notifier(type, timeout: "1s")
        try await mode(type, "status:503")
        let unavailable = await n.deliver(delivery())
        #expect({ if case .failed(true, _, nil) = unavailable { true } else { false } }(), "5xx is retryable: \(unavailable)")
        try await mode(type, "retry-after:429:7")
        let limited = await n.deliver(delivery())
        #expect(limited == .failed(retryable: true, message: "127.0.0.1 answered 429: {\"error\": \"slow down\"}", retryAfter: 7))
        try await mode(type, "status:400")
        let refused = await n.deliver(delivery())
        #expect({ if case .failed(false, _, _) = refused { true } else { false } }(), "4xx is permanent: \(refused)")
        try await mode(type, "hang:3")
        let hung = await n.deliver(delivery())
        #expect({ if case .failed(true, _, _) = hung { true } else { false } }(), "a timeout is retryable: \(hung)")
        let unset = try await notifier(type, environment: [:]).deliver(delivery())
        #expect(unset == .failed(retryable: true, message: "environment variable HOOK_URL is not set"))
        for outcome in [unavailable, limited, refused, hung, unset] { #expect(!Self.leaks(outcome), "\(outcome)") }
    }

    @Test(arguments: [(ChannelType.dingtalk, 130101, true), (.dingtalk, 310000, false), (.wecom, 45009, true), (.feishu, 11232, true), (.feishu, 19021, false)])
    func chatRobotsErrorCodesInA200(_ type: ChannelType, _ code: Int, _ retryable: Bool) async throws {
        try await mode(type, "errcode:\(code)")
        let outcome = try await notifier(type).deliver(delivery())
        guard case .failed(let r, let message, _) = outcome else {
            Issue.record("errcode \(code) must fail")
            return
        }
        #expect(r == retryable && message.contains(String(code)))
    }

    /// Every channel that needs a secret reports an unset one the same way: retryable, naming
    /// the variable and nothing else.
    @Test func everyChannelReportsUnsetSecretsTheSameWay() async throws {
        let factory = NotifierFactory(templates: TemplateSet(directory: nil), secrets: Secrets([:]))
        let configs: [ChannelConfig] = [
            ChannelConfig(type: .email, name: "pr/email", settings: ["to": .list(["a@example.com"]), "from": .string("o@example.com"),
                                                                     "smarthost": .string("127.0.0.1:1"), "password_env": .string("MAIL_PW")]),
        ] + Self.webhookTypes.map { ChannelConfig(type: $0, name: "pr/\($0.rawValue)", settings: ["url_env": .string("MAIL_PW")]) }
        for c in configs {
            let outcome = await (try factory.make(c, receiver: Receiver(name: "pr"))).deliver(delivery())
            #expect(outcome == .failed(retryable: true, message: "environment variable MAIL_PW is not set"), "\(c.type)")
        }
    }

    @Test func alertsTestSendsAMarkedTestThroughARoute() async throws {
        let dir = try Fixtures.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: dir + "/alerts", withIntermediateDirectories: true)
        try """
            route:
              receiver: pr
              routes:
                - name: critical
                  matchers: [severity=critical]
                  receiver: oncall
            receivers:
              - name: pr
                channels: [{type: console}]
              - name: oncall
                language: zh-Hans
                channels:
                  - {type: slack, url_env: HOOK_URL}
                  - {type: wecom, name: broken, url_env: NOT_SET_ANYWHERE}
            """.write(toFile: dir + "/alerts/routes.yml", atomically: true, encoding: .utf8)
        let r = try CLI.run(["alerts", "test", "critical", "--config-dir", dir], environment: ["HOOK_URL": receiver.url("hook/slack")])
        #expect(r.status == 1, "one channel failed")
        #expect(r.stdout.contains("oncall/slack: delivered"))
        #expect(r.stdout.contains("oncall/broken: FAILED (retryable): environment variable NOT_SET_ANYWHERE is not set"))
        let got = try await requests()
        let text = ((got.first?["body"] as? [String: Any])?["text"] as? String) ?? ""
        #expect(text.contains("测试告警"), "clearly marked as a test: \(text)")
        #expect(try CLI.run(["alerts", "test", "nowhere", "--config-dir", dir]).status == 2)
    }
}

import Foundation
import OutcryAlerting
import OutcryCore
import OutcryTesting
import Testing

/// `alerts/*.yml`: the shipped configuration and examples, every bad example refused whole with
/// each error located, and no secret ever echoed.
@Suite struct AlertingConfigTests {
    static let examples = Fixtures.repo("alerts/examples")

    @Test func shippedConfigurationAndGoodExamplesAreValid() throws {
        let setup = try AlertingSetup.load(configDir: Fixtures.root, fallback: [], environment: [:])
        let config = try #require(setup.config)
        #expect(config.receivers.map(\.name) == ["pr-team"])
        #expect(config.channels.map(\.name) == ["pr-team/console", "pr-team/jsonl"])
        for file in ["pr-team-zh.yml", "slack-email-webhook.yml", "alertmanager-bridge.yml"] {
            let outcome = AlertingConfigLoader.load(files: [Self.examples + "/" + file], environment: [:])
            #expect(outcome.errors.isEmpty, "\(file): \(outcome.errors)")
            #expect(outcome.config != nil)
            // Unset secrets are warnings naming the variable, not errors.
            #expect(outcome.warnings.allSatisfy { $0.message.contains("is not set") })
        }
    }

    /// A secret read from a file with its trailing newline is caught before a delivery is
    /// refused for it, and the warning names the variable, never the value.
    @Test func aSecretWithALineBreakIsAWarning() throws {
        let outcome = AlertingConfigLoader.load(files: [Self.examples + "/slack-email-webhook.yml"],
                                                environment: ["OUTCRY_SLACK_WEBHOOK_URL": "https://hooks.slack.com/services/T/B/xyz\n"])
        #expect(outcome.errors.isEmpty)
        let warning = try #require(outcome.warnings.first { $0.message.contains("OUTCRY_SLACK_WEBHOOK_URL") })
        #expect(warning.message.contains("holds a line break"), "\(warning)")
        #expect(!"\(outcome.warnings)".contains("xyz"))
        // A webhook URL without a host (a variable holding a path, or a half-pasted URL).
        for url in ["hooks.slack.com/services/T/B/xyz", "https://", "ftp://example.com/xyz"] {
            let bad = AlertingConfigLoader.load(files: [Self.examples + "/slack-email-webhook.yml"], environment: ["OUTCRY_SLACK_WEBHOOK_URL": url])
            let w = try #require(bad.warnings.first { $0.message.contains("OUTCRY_SLACK_WEBHOOK_URL") }, "\(url)")
            #expect(w.message.contains("does not hold an http(s) URL with a host") && !w.message.contains("xyz"), "\(w)")
        }
        let good = AlertingConfigLoader.load(files: [Self.examples + "/slack-email-webhook.yml"],
                                             environment: ["OUTCRY_SLACK_WEBHOOK_URL": "https://hooks.slack.com/services/T/B/xyz"])
        #expect(!good.warnings.contains { $0.message.contains("OUTCRY_SLACK_WEBHOOK_URL") })
    }

    /// Each bad example, and the errors it must produce (line, field, words of the message).
    static let bad: [(String, [(Int?, String, String)])] = [
        ("bad-secret-in-config.yml", [(8, "receivers[0].channels[0].url", "url_env"), (13, "receivers[0].channels[1].password", "password_env")]),
        ("bad-unknown-receiver.yml", [(3, "route.receiver", "'pr-team'"), (7, "route.escalate.receiver", "'nobody'"),
                                      (5, "route.routes[0].receiver", "'on-call'")]),
        ("bad-values.yml", [(13, "receivers[0].language", "'fr'"), (9, "route.group_wait", "'5 minutes'"), (10, "route.repeat_interval", "'soon'"),
                            (4, "rules[0].min_severity", "'urgent'"), (5, "rules[0].min_negative_share", "between"),
                            (6, "rules[0].quiet_hours.from", "'25:00'")]),
        ("bad-matchers.yml", [(5, "route.routes[0].matchers[0]", "regular expression"), (7, "route.routes[1].matchers[0]", "operator"),
                              (10, "inhibit_rules[0]", "target_matchers")]),
        ("bad-channels.yml", [(7, "receivers[0].channels[0].type", "'pager'"), (8, "receivers[0].channels[1].to", "required"),
                              (13, "receivers[0].channels[2].colour", "unknown setting"), (16, "receivers[0].channels[3].secret_env", "environment variable"),
                              (15, "receivers[0].channels[3].url", "http")]),
        ("bad-template.yml", [(7, "receivers[0].channels[0].template", "no-such-template.en.mrkdwn")]),
        ("bad-yaml.yml", [(nil, "", "invalid YAML")]),
    ]

    @Test(arguments: bad.map(\.0))
    func badExampleIsRefusedWithEveryErrorLocated(_ file: String) throws {
        let path = Self.examples + "/" + file
        let expected = Self.bad.first { $0.0 == file }!.1
        let r = try CLI.run(["alerts", "check", path])
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty, "a bad configuration never half-loads: \(r.stdout)")
        let lines = r.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == expected.count, "\(r.stderr)")
        for (line, field, words) in expected {
            let prefix = path + (line.map { ":\($0)" } ?? "") + ": " + (field.isEmpty ? "" : "field '\(field)': ")
            #expect(lines.contains { $0.hasPrefix(prefix) && $0.contains(words) }, "missing \(prefix)…\(words) in\n\(r.stderr)")
        }
    }

    @Test func secretsNeverAppearInCheckOutput() throws {
        let r = try CLI.run(["alerts", "check", Self.examples + "/bad-secret-in-config.yml"])
        #expect(!r.stderr.contains("hunter2") && !r.stderr.contains("XXXXXXXX") && !r.stderr.contains("hooks.slack.com"))
        // Set secrets are looked up but their values never printed, in warnings or otherwise.
        let env = ["OUTCRY_DINGTALK_URL": "https://oapi.dingtalk.com/robot/send?access_token=SECRET-TOKEN-1",
                   "OUTCRY_DINGTALK_SECRET": "SECRET-2", "OUTCRY_SMTP_PASSWORD": "SECRET-3"]
        let outcome = AlertingConfigLoader.load(files: [Self.examples + "/pr-team-zh.yml"], environment: env)
        let text = (outcome.errors + outcome.warnings).map(\.description).joined()
        #expect(!text.contains("SECRET-"))
    }

    @Test func routesFollowAlertmanagerMatchingAndInheritance() throws {
        let config = try #require(AlertingConfigLoader.load(files: [Self.examples + "/pr-team-zh.yml"], environment: [:]).config)
        let logistics = config.route.match(["topic": "jd-logistics", "severity": "warning", "team": "logistics"])
        #expect(logistics.map(\.receiver) == ["logistics"])
        #expect(logistics.first?.repeatInterval == 14_400.0)
        #expect(logistics.first?.groupWait == 30, "inherited from the root")
        let critical = config.route.match(["topic": "jd-pillow", "severity": "critical", "team": "pr"])
        #expect(critical.map { $0.name } == ["critical"])
        #expect(critical.first?.groupWait == 0)
        #expect(config.route.match(["topic": "jd-pillow", "severity": "watch"]).map(\.path) == ["route"])
        let slack = try #require(AlertingConfigLoader.load(files: [Self.examples + "/slack-email-webhook.yml"], environment: [:]).config)
        // `continue: true` lets a critical alert reach both receivers.
        #expect(slack.route.match(["topic": "x", "severity": "critical"]).map(\.receiver) == ["on-call", "cx-team"])
    }

    @Test func matchersDurationsAndQuietHours() throws {
        #expect(try LabelMatcher.parse("topic=~\"jd-.*\"").matches(["topic": "jd-pillow"]))
        #expect(try !LabelMatcher.parse("topic=~jd").matches(["topic": "jd-pillow"]), "anchored like Alertmanager")
        #expect(try LabelMatcher.parse("severity!=watch").matches(["severity": "critical"]))
        #expect(try LabelMatcher.parse("team!~\"ops|it\"").matches([:]))
        #expect(DurationText.parse("1h30m") == 5400)
        #expect(DurationText.parse("90") == nil)
        #expect(DurationText.format(5400) == "1h30m")
        let q = QuietHours(from: 23 * 60, to: 7 * 60, utcOffset: 8 * 3600)
        #expect(q.contains(Timestamp.parse("2018-03-14T23:30:00+08:00")!))
        #expect(q.contains(Timestamp.parse("2018-03-15T06:59:00+08:00")!))
        #expect(!q.contains(Timestamp.parse("2018-03-15T07:00:00+08:00")!))
        #expect(Glob.matches("jd-*", "jd-pillow") && !Glob.matches("jd-*", "tb-pillow") && Glob.matches("*", ""))
    }
}

/// Message templates: every shipped template renders in both languages, and hostile post and
/// ticket text is escaped for each format.
@Suite struct MessageTemplateTests {
    static let hostile = "<script>alert(1)</script> **bold** [link](http://evil) # head \u{1B}[31mred\u{1B}]0;title\u{07} \u{202E}evil\u{202C} <!channel> & |pipe|"

    func delivery(language: MessageLanguage) -> (MessageContext, Delivery) {
        var (n, alerts, posts, tickets) = MessageContext.sample(at: Timestamp.parse("2018-03-14T10:00:00+08:00")!)
        posts["test-post-1"]?.text = Self.hostile
        posts["test-post-1"]?.author = "六六\u{1B}[2J"
        tickets["TEST-1"]?.subject = Self.hostile
        alerts[0].topTerms = ["无赖京东", Self.hostile]
        alerts[0].linkedTickets[0].reasons = ["customer said 我要曝光 on 03-09", Self.hostile]
        n.kind = .firing
        return (MessageContext(language: language, utcOffset: 8 * 3600),
                Delivery(notification: n, alerts: alerts, posts: posts, tickets: tickets, idempotencyKey: "k", now: n.createdAt))
    }

    @Test(arguments: MessageLanguage.allCases)
    func everyTemplateRendersAndEscapes(_ language: MessageLanguage) throws {
        let set = TemplateSet(directory: nil)
        let (context, d) = delivery(language: language)
        for (name, format) in [("text", MessageFormat.plain), ("email-subject", .plain), ("email", .html), ("slack", .slack), ("markdown", .markdown)] {
            let out = try MessageRenderer(context: context, template: set.template(name, language: language, format: format)).render(d)
            #expect(out.contains("test-topic"), "\(name).\(language.rawValue)")
            #expect(!out.contains("\u{1B}") && !out.contains("\u{202E}") && !out.contains("\u{07}"), "\(name): control characters")
            switch format {
            case .html:
                #expect(!out.contains("<script>") && out.contains("&lt;script&gt;"))
            case .markdown:
                #expect(!out.contains("[link](http://evil)") && out.contains("\\[link\\]\\(http://evil\\)"))
            case .slack:
                #expect(!out.contains("<!channel>") && out.contains("&lt;!channel&gt;"))
            case .plain:
                break
            }
            if name != "email-subject" {
                #expect(out.contains("TEST-1") && out.contains("outcry timeline S-test-"), "\(name): tickets and the timeline command")
                #expect(out.contains("我要曝光"))
            }
        }
    }

    /// The window's complaints beside what it usually holds: a busy brand's outcry, a small share of
    /// its mentions, reads as one.
    @Test func messagesSetTheComplaintsBesideTheUsual() throws {
        let (context, d) = delivery(language: .en)
        let out = try MessageRenderer(context: context, template: TemplateSet(directory: nil).template("text", language: .en, format: .plain)).render(d)
        #expect(out.contains("120 mentions in 30 min vs 6.5 expected (×18), complaints 74 vs 0.8 usual (62%)"), "\(out)")
    }

    @Test func chineseTemplatesSpeakChinese() throws {
        let (context, d) = delivery(language: .zhHans)
        let out = try MessageRenderer(context: context, template: TemplateSet(directory: nil).template("text", language: .zhHans, format: .plain)).render(d)
        #expect(out.contains("【警告】test-topic") && out.contains("投诉 74 条，通常 0.8（占 62%）") && out.contains("工单 #1"))
    }

    @Test func templateMistakesNameTheLine() throws {
        #expect(throws: MessageTemplate.TemplateError.self) { try MessageTemplate(name: "t", format: .plain, source: "a\n{{#alerts}}\nb") }
        let t = try MessageTemplate(name: "t.txt", format: .plain, source: "ok\n{{#alerts}}\n{{topc}}\n{{/alerts}}\n")
        let (context, d) = delivery(language: .en)
        do {
            _ = try t.render(context.build(d.notification, alerts: d.alerts, posts: d.posts, tickets: d.tickets))
            Issue.record("an unknown field must fail")
        } catch let e as MessageTemplate.TemplateError {
            #expect(e.description == "t.txt:3: unknown field 'topc'")
        }
    }

    @Test func standaloneSectionLinesLeaveNoBlankLines() throws {
        let t = try MessageTemplate(name: "t", format: .plain, source: "a\n{{#items}}\n- {{.}}\n{{/items}}\nb\n")
        #expect(try t.render(.object(["items": .list(["x", "y"])])) == "a\n- x\n- y\nb\n")
        #expect(try t.render(.object(["items": .list([])])) == "a\nb\n")
    }

    /// A template saved on Windows renders as the same template saved with `\n` line ends: no
    /// blank lines where its section tags stood, no `\r` in the message.
    @Test func windowsLineEndsRenderLikeUnixOnes() throws {
        let unix = "a\n{{#items}}\n- {{.}}\n{{/items}}\nb\n"
        let windows = try MessageTemplate(name: "t", format: .plain, source: unix.replacingOccurrences(of: "\n", with: "\r\n"))
        #expect(try windows.render(.object(["items": .list(["x", "y"])])) == "a\n- x\n- y\nb\n")
        let (context, d) = delivery(language: .en)
        let shipped = try String(contentsOfFile: Fixtures.repo("alerts/templates/text.en.txt"), encoding: .utf8)
        let render = { (source: String) in
            try MessageRenderer(context: context, template: MessageTemplate(name: "text.en.txt", format: .plain, source: source)).render(d)
        }
        #expect(try render(shipped.replacingOccurrences(of: "\n", with: "\r\n")) == render(shipped))
    }

    @Test func teamOverridesWinOverDefaults() throws {
        let dir = try Fixtures.temporaryDirectory()
        try "custom {{count}}\n".write(toFile: dir + "/text.en.txt", atomically: true, encoding: .utf8)
        let (context, d) = delivery(language: .en)
        let out = try MessageRenderer(context: context, template: TemplateSet(directory: dir).template("text", language: .en, format: .plain)).render(d)
        #expect(out == "custom 1\n")
    }

    @Test func emailSubjectsAreEncodedWordsAndThreadByIncident() throws {
        let m = MIMEMessage(from: "Outcry <o@example.com>", to: ["pr@example.com"], subject: "【严重】无赖京东：412 条提及（×37），投诉占 64%",
                            text: "正文", html: "<p>正文</p>", date: Date(timeIntervalSince1970: 0), messageID: "n-1@example.com", thread: "incident-1@example.com")
        let raw = String(decoding: m.encoded(), as: UTF8.self)
        let subject = raw.components(separatedBy: "\r\n").first { $0.hasPrefix("Subject: ") }!
        #expect(subject.hasPrefix("Subject: =?UTF-8?B?"))
        #expect(raw.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 998 })
        #expect(raw.contains("In-Reply-To: <incident-1@example.com>") && raw.contains("multipart/alternative"))
    }
}

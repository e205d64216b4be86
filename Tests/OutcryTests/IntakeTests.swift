import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import OutcryCore
import OutcryIntake
import OutcryLinking
import OutcryStorage
import OutcryTesting
import Testing

@Suite struct CSVReaderTests {
    @Test func readsQuotesLineBreaksAndCRLF() throws {
        let text = "\u{FEFF}a,b,c\r\n1,\"x, \"\"y\"\"\",\"two\nlines\"\r\n\r\n2,,last"
        let records = try CSVReader.records(Array(text.utf8), file: "t.csv")
        #expect(records.map(\.fields) == [["a", "b", "c"], ["1", "x, \"y\"", "two\nlines"], ["2", "", "last"]])
        #expect(records.map(\.line) == [1, 2, 5])
    }

    /// Classic Mac OS line ends (Excel for Mac's "CSV (Macintosh)"): a file without one LF is read
    /// by its CRs, as Python's csv module reads it — it used to come out as one record, and the
    /// import as "0 read". In a file with LFs a stray CR stays text.
    @Test func readsCROnlyLineEndsOnlyWhereThereIsNoLF() throws {
        let mac = try CSVReader.records(Array("a,b\r1,\"two\rlines\"\r2,x\r".utf8), file: "t.csv")
        #expect(mac.map(\.fields) == [["a", "b"], ["1", "two\rlines"], ["2", "x"]])
        #expect(mac.map(\.line) == [1, 2, 4])
        let unix = try CSVReader.records(Array("a,b\n1,x\ry\n".utf8), file: "t.csv")
        #expect(unix.map(\.fields) == [["a", "b"], ["1", "x\ry"]])
        let dir = try Fixtures.temporaryDirectory()
        let helpdesk = try String(contentsOfFile: Fixtures.path("tickets/helpdesk.csv"), encoding: .utf8)
        try helpdesk.replacingOccurrences(of: "\n", with: "\r").write(toFile: dir + "/mac.csv", atomically: true, encoding: .utf8)
        let columns = try TicketCSV.mapping("id=Ticket ID,created_at=Created,customer=Customer,order_id=Order,body=Description")
        let fromMac = try TicketCSV.read(path: dir + "/mac.csv", columns: columns, utcOffset: 8 * 3600).tickets
        let original = try TicketCSV.read(path: Fixtures.path("tickets/helpdesk.csv"), columns: columns, utcOffset: 8 * 3600).tickets
        #expect(fromMac.map(\.id) == ["SHOP-88", "SHOP-91"])
        #expect(fromMac.map(\.subject) == original.map(\.subject))
        #expect(fromMac.map(\.events.count) == original.map(\.events.count))
    }

    @Test func namesTheLineOfAnUnterminatedQuote() {
        #expect(throws: InputError(file: "t.csv", line: 2, "a quoted field is never closed")) {
            try CSVReader.records(Array("a\n\"open,\nmore".utf8), file: "t.csv")
        }
    }
}

@Suite struct TicketIntakeTests {
    @Test func helpdeskCSVWithAColumnMapping() throws {
        let columns = try TicketCSV.mapping("id=Ticket ID,created_at=Created,customer=Customer,order_id=Order,body=Description")
        let tickets = try TicketCSV.read(path: Fixtures.path("tickets/helpdesk.csv"), columns: columns, utcOffset: 8 * 3600).tickets
        #expect(tickets.map(\.id) == ["SHOP-88", "SHOP-91"])
        let t = tickets[0]
        #expect(t.createdAt == Timestamp.parse("2018-03-07T10:12:00+08:00"))
        #expect(t.status == .solved && t.channel == .chat && t.orderId == "723504118" && t.customer == "buyer_wang")
        #expect(t.subject == "收到的枕头型号不对,要求退货")
        #expect(t.body.contains("Comfort U 护腰枕(1,399 元)") && t.body.contains("\n客服说\"非质量问题不退货\""))
        // The second row of SHOP-88 is a further message.
        #expect(t.events.map(\.text) == ["再不处理我就去微博曝光，已经打了12315。"])
        #expect(tickets[1].channel == .email && tickets[1].orderId == nil)
    }

    /// The headers helpdesks export under are recognised without a mapping: the fixture above,
    /// a Freshdesk export and a Chinese 工单 export.
    @Test func commonHelpdeskHeadersNeedNoMapping() throws {
        let mapped = try TicketCSV.read(path: Fixtures.path("tickets/helpdesk.csv"),
                                        columns: try TicketCSV.mapping("id=Ticket ID,created_at=Created,customer=Customer,order_id=Order,body=Description"),
                                        utcOffset: 8 * 3600).tickets
        #expect(try TicketCSV.read(path: Fixtures.path("tickets/helpdesk.csv"), utcOffset: 8 * 3600).tickets == mapped)

        let fresh = try TicketCSV.read(path: Fixtures.path("tickets/freshdesk.csv"), utcOffset: 8 * 3600).tickets
        #expect(fresh.map(\.id) == ["8812", "8813"])
        #expect(fresh[0].subject == "Wrong pillow shipped" && fresh[0].customer == "Wang Lei" && fresh[0].status == .pending)
        #expect(fresh[0].createdAt == Timestamp.parse("2018-03-07T10:12:00+08:00") && fresh[0].updatedAt == Timestamp.parse("2018-03-08T09:00:00+08:00"))
        #expect(fresh[0].body == "Ordered Comfort U, got Contour U.\nOrder 723504118" && fresh[0].channel == .email)
        #expect(fresh[1].status == .closed && fresh[1].channel == .phone)

        let gongdan = try TicketCSV.read(path: Fixtures.path("tickets/gongdan.csv"), utcOffset: 8 * 3600).tickets
        #expect(gongdan.map(\.id) == ["GD-1047", "GD-1063"])
        #expect(gongdan[0].subject == "收到的枕头型号不对" && gongdan[0].status == .solved && gongdan[0].channel == .chat)
        #expect(gongdan[0].customer == "buyer_wang" && gongdan[0].orderId == "723504118" && gongdan[0].body.hasPrefix("买的是 Comfort U"))
        #expect(gongdan[1].status == .open && gongdan[1].channel == .platform)
    }

    @Test func csvErrorsNameTheFileLineAndColumn() throws {
        #expect(throws: InputError(file: Fixtures.path("tickets/helpdesk.csv"), line: 1, field: "Opened",
                                   "no such column (map one with --columns created_at=Header)")) {
            try TicketCSV.read(path: Fixtures.path("tickets/helpdesk.csv"), columns: ["id": "Ticket ID", "created_at": "Opened"])
        }
        #expect(throws: InputError(file: Fixtures.path("tickets/bad-date.csv"), line: 2, field: "When", "'yesterday' is not a date and time")) {
            try TicketCSV.read(path: Fixtures.path("tickets/bad-date.csv"), columns: ["id": "Ticket ID", "created_at": "When"])
        }
        #expect(throws: InputError.self) { try TicketCSV.mapping("nope=X") }
    }

    @Test func zendeskExportWithAudits() throws {
        let tickets = try ZendeskExport.read(path: Fixtures.path("tickets/zendesk-export.json"), orderField: "360001")
        #expect(tickets.map(\.id) == ["35436", "35437"])
        let t = tickets[0]
        #expect(t.status == .open && t.channel == .email && t.customer == "9001" && t.orderId == "723504118")
        #expect(t.body == "I ordered Comfort U and got Contour U.")
        #expect(t.events.map(\.kind) == [.message, .status, .message, .escalation])
        #expect(t.events.map(\.actor) == [.agent, .agent, .customer, .agent])
        #expect(t.events[2].text == "I will take this to Weibo and the press.")
        #expect(tickets[1].status == .solved && tickets[1].channel == .phone)
    }

    /// Errors quote the input they refuse; a cell carrying escape sequences (retitling the
    /// window, recolouring the terminal) reaches the terminal without them.
    @Test func errorsQuotingTheInputCarryNoEscapeSequences() throws {
        let dir = try Fixtures.temporaryDirectory()
        try "Ticket ID,Created,Subject,Status\nX-1,2018-03-07 10:00,Hi,\u{1B}]0;PWNED\u{07}\u{1B}[31mred\u{9B}2J\n"
            .write(toFile: dir + "/esc.csv", atomically: true, encoding: .utf8)
        let r = try CLI.run(["tickets", "import", dir + "/esc.csv", "--db", dir + "/o.db"])
        #expect(r.status == 2)
        #expect(r.stderr.hasSuffix("esc.csv:2: field 'status': 'red' is not a ticket status\n"), "\(r.stderr.debugDescription)")
        #expect(!r.stderr.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" || (0x7F...0x9F).contains($0.value) })
    }

    /// A `.json` file that is not an export page is refused saying what it is, instead of
    /// importing nothing and reporting success ("0 read").
    @Test func jsonThatIsNotAZendeskPageIsRefused() throws {
        let dir = try Fixtures.temporaryDirectory()
        let ticket = #"{"id":"T-1","created_at":"2018-03-06T10:12:00+08:00","status":"open","channel":"chat","subject":"发错货","body":"x"}"#
        for (name, text, words) in [("array.json", "[\(ticket)]", "a JSON array, not a Zendesk export page"),
                                    ("ticket.json", ticket, "(a Ticket object? import it with --format jsonl)"),
                                    ("other.json", #"{"results": []}"#, "neither 'tickets' nor 'audits': not a Zendesk export page")] {
            try text.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8)
            let r = try CLI.run(["tickets", "import", dir + "/" + name, "--db", dir + "/o.db"])
            #expect(r.status == 2 && r.stderr.contains("\(name):1: ") && r.stderr.contains(words), "\(r.stderr)")
        }
        try #"{"tickets": [], "end_of_stream": true}"#.write(toFile: dir + "/last-page.json", atomically: true, encoding: .utf8)
        #expect(try CLI.run(["tickets", "import", dir + "/last-page.json", "--db", dir + "/o.db"]).stdout.contains("0 read"))
    }

    /// Re-importing is incremental: the same export changes nothing; a later page updates the
    /// ticket and appends only its new comment.
    @Test func reimportUpdatesAndAppendsNeverDuplicates() throws {
        let dir = try Fixtures.temporaryDirectory()
        let db = dir + "/outcry.db"
        let first = try CLI.run(["tickets", "import", Fixtures.path("tickets/zendesk-export.json"), "--order-field", "360001", "--db", db])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("2 new, 0 updated"))
        let again = try CLI.run(["tickets", "import", Fixtures.path("tickets/zendesk-export.json"), "--order-field", "360001", "--db", db])
        #expect(again.stdout.contains("0 new, 0 updated (0 new events), 2 unchanged"), "\(again.stdout)")
        let update = try CLI.run(["tickets", "import", Fixtures.path("tickets/zendesk-update.jsonl"), "--format", "zendesk", "--db", db])
        #expect(update.stdout.contains("0 new, 1 updated (1 new events)"), "\(update.stdout)")
        let stored = try SQLiteStore(path: db).tickets()
        #expect(stored.count == 2)
        let t = try #require(stored.first { $0.id == "35436" })
        #expect(t.status == .pending && t.orderId == "723504118")
        #expect(t.events.count == 5)
        #expect(t.events.last?.text == "Still no refund. 六六 is writing about this.")

        let csv = try CLI.run(["tickets", "import", Fixtures.path("tickets/helpdesk.csv"), "--db", db, "--utc-offset", "+08:00",
                               "--columns", "id=Ticket ID,created_at=Created,body=Description"])
        #expect(csv.status == 0, "\(csv.stderr)")
        #expect(try SQLiteStore(path: db).tickets().count == 4)
    }

    @Test func badInputExitsTwoAndWritesNothing() throws {
        let dir = try Fixtures.temporaryDirectory()
        let r = try CLI.run(["tickets", "import", Fixtures.path("tickets/bad-quote.csv"), "--db", dir + "/outcry.db"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("bad-quote.csv:1") && r.stderr.contains("never closed"), "\(r.stderr)")
    }
}

/// `outcry tickets serve`: a helpdesk pushes tickets live; unauthenticated or malformed pushes
/// are refused with a clear status and logged without their body.
@Suite(.serialized) struct TicketWebhookTests {
    static let ticket = #"{"id":"TK-9","created_at":"2018-03-06T10:12:00+08:00","status":"open","channel":"chat","customer":"buyer","order_id":"723504118","subject":"收到的枕头型号不对","body":"SECRET-BODY-TEXT Comfort U","events":[]}"#
    static let update = #"{"id":"TK-9","created_at":"2018-03-06T10:12:00+08:00","status":"pending","subject":"收到的枕头型号不对","body":"SECRET-BODY-TEXT Comfort U","events":[{"at":"2018-03-09T21:40:00+08:00","actor":"customer","kind":"message","text":"我要曝光"}]}"#

    func post(_ url: String, _ body: String, headers: [String: String]) async throws -> (Int, String) {
        var request = URLRequest(url: URL(string: url)!)
        request.httpMethod = "POST"
        request.httpBody = Data(body.utf8)
        for (k, v) in headers { request.setValue(v, forHTTPHeaderField: k) }
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

    @Test func hmacSignedPushesAreMergedAndBadOnesRefused() async throws {
        let dir = try Fixtures.temporaryDirectory()
        let db = dir + "/outcry.db"
        let server = try LocalHTTPServer.outcry(["tickets", "serve", "--port", "0", "--secret-env", "OUTCRY_TEST_INTAKE_SECRET", "--db", db],
                                                environment: ["OUTCRY_TEST_INTAKE_SECRET": "s3cret"], stderrFile: dir + "/intake.log")
        let url = server.url("tickets")
        let sign = { (body: String) in IntakeAuth.sign(Array(body.utf8), secret: "s3cret") }

        var (status, reply) = try await post(url, Self.ticket, headers: [:])
        #expect(status == 401 && reply.contains("X-Outcry-Signature"))
        (status, _) = try await post(url, Self.ticket, headers: ["X-Outcry-Signature": sign(Self.ticket + " ")])
        #expect(status == 401)
        (status, reply) = try await post(url, #"{"id":"TK-10","status":"open"}"#, headers: ["X-Outcry-Signature": sign(#"{"id":"TK-10","status":"open"}"#)])
        #expect(status == 400 && reply.contains("request:1") && reply.contains("created_at"), "\(reply)")
        (status, reply) = try await post(url, Self.ticket, headers: ["X-Outcry-Signature": sign(Self.ticket)])
        #expect(status == 202 && reply.contains("1 new"), "\(reply)")
        // The same ticket again with a new message: updated, the event appended once.
        (status, reply) = try await post(url, Self.update, headers: ["X-Outcry-Signature": sign(Self.update)])
        #expect(status == 202 && reply.contains("1 updated (1 new events)"), "\(reply)")
        (status, reply) = try await post(url, Self.update, headers: ["X-Outcry-Signature": sign(Self.update)])
        #expect(status == 202 && reply.contains("1 unchanged"), "\(reply)")
        let big = String(repeating: "x", count: 2 << 20)
        (status, _) = try await post(url, big, headers: ["X-Outcry-Signature": sign(big)])
        #expect(status == 413)

        let stored = try #require(try SQLiteStore(path: db).tickets(ids: ["TK-9"]).first)
        #expect(stored.status == .pending && stored.orderId == "723504118" && stored.events.count == 1)
        let log = try String(contentsOfFile: dir + "/intake.log", encoding: .utf8)
        #expect(log.contains("intake: 401") && log.contains("bad signature") && log.contains("intake: 400") && log.contains("intake: 202"))
        #expect(!log.contains("SECRET-BODY-TEXT") && !log.contains("s3cret"))
        #expect(!log.contains("Server started"), "Hummingbird's info lines beside ours: \(log)")
    }

    @Test func bearerTokenAndNoUnauthenticatedMode() async throws {
        let dir = try Fixtures.temporaryDirectory()
        let server = try LocalHTTPServer.outcry(["tickets", "serve", "--port", "0", "--token-env", "OUTCRY_TEST_INTAKE_TOKEN", "--db", dir + "/o.db"],
                                                environment: ["OUTCRY_TEST_INTAKE_TOKEN": "tok"], stderrFile: dir + "/intake.log")
        var (status, _) = try await post(server.url("tickets"), Self.ticket, headers: ["Authorization": "Bearer nope"])
        #expect(status == 401)
        (status, _) = try await post(server.url("tickets"), Self.ticket, headers: ["Authorization": "Bearer tok"])
        #expect(status == 202)
        let refused = try CLI.run(["tickets", "serve", "--port", "0", "--db", dir + "/o.db"])
        #expect(refused.status == 2 && refused.stderr.contains("--token-env or --secret-env"))
        // A port already taken (by the first server) is said in words.
        let taken = try CLI.run(["tickets", "serve", "--port", "\(server.port)", "--token-env", "OUTCRY_TEST_INTAKE_TOKEN", "--db", dir + "/o.db"],
                                environment: ["OUTCRY_TEST_INTAKE_TOKEN": "tok"])
        #expect(taken.status == 1 && taken.stderr.hasSuffix("tickets serve: cannot listen on 127.0.0.1 port \(server.port): Address already in use\n"), "\(taken.stderr)")
    }
}

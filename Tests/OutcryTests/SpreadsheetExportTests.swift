import Foundation
import OutcryCharsets
import OutcryCore
import OutcryLinking
@testable import OutcrySpreadsheet
import OutcryStorage
import OutcryXML
import OutcryTesting
import Testing

/// Helpdesk exports saved again by a spreadsheet: Excel writes CSV in the system's legacy code
/// page (GBK in mainland China, Big5 in Taiwan, windows-1252 in the West), "Unicode text" as
/// tab-separated UTF-16, and separates by semicolons where the decimal mark is a comma. The
/// fixtures are the UTF-8 exports' rows written those ways (Python's codecs and `csv` module).
@Suite struct SpreadsheetExportTests {
    static func read(_ name: String, encoding: String? = nil) throws -> TicketCSV.Export {
        try TicketCSV.read(path: Fixtures.path("tickets/" + name), utcOffset: 8 * 3600, encoding: encoding)
    }

    @Test func aGBKExportReadsAsItsUTF8Original() throws {
        let gbk = try Self.read("gongdan-gbk.csv")
        #expect(gbk.encoding == "gb18030")
        #expect(gbk.tickets == (try Self.read("gongdan.csv")).tickets)
        #expect(gbk.tickets[0].subject == "收到的枕头型号不对")
    }

    /// Big5, Traditional headers (工單編號, 主旨, 處理狀態, 管道, 建立時間), statuses and channels
    /// (已處理, 已結案, 線上, 電子郵件), CRLF and a quoted line break.
    @Test func aTaiwaneseBig5Export() throws {
        let big5 = try Self.read("taiwan-big5.csv")
        #expect(big5.encoding == "big5")
        #expect(big5.tickets.map(\.id) == ["TW-2001", "TW-2002"])
        let t = big5.tickets[0]
        #expect(t.subject == "收到的枕頭型號不對" && t.customer == "王小姐" && t.orderId == "723504118")
        #expect(t.body == "買的是 Comfort U 護腰枕，收到的是 Contour U。\n客服說非品質問題不退貨")
        #expect(t.createdAt == Timestamp.parse("2018-03-06T10:12:00+08:00"))
        #expect(t.status == .solved && t.channel == .chat)
        #expect(big5.tickets[1].status == .closed && big5.tickets[1].channel == .email)
    }

    @Test func excelUnicodeTextIsTabSeparatedUTF16() throws {
        let unicode = try Self.read("excel-unicode.txt")
        #expect(unicode.encoding == "utf-16le")
        var expected = try Self.read("freshdesk.csv").tickets
        expected[0].body = "Ordered Comfort U, got Contour U（收到的是 Contour U）.\nOrder 723504118"
        #expect(unicode.tickets == expected)
    }

    @Test func aWesternExcelExportIsWindows1252WithSemicolons() throws {
        let western = try Self.read("excel-semicolon.csv")
        #expect(western.encoding == "windows-1252")
        #expect(western.tickets.map(\.id) == ["8812", "8813"])
        #expect(western.tickets[0].subject == "Wrong pillow shipped – refund €1,399 refused")
        #expect(western.tickets[0].body == "Ordered Comfort U, got Contour U.\nOrder 723504118")
        #expect(western.tickets[1].body == "Need an invoice for the café order")
    }

    @Test func aNamedEncodingIsUsedAndItsErrorsNamed() throws {
        let path = Fixtures.path("tickets/gongdan-gbk.csv")
        #expect(try Self.read("gongdan-gbk.csv", encoding: "GBK").tickets == (try Self.read("gongdan.csv")).tickets)
        #expect(throws: InputError(file: path, field: "--encoding", "unknown encoding 'klingon'")) {
            try Self.read("gongdan-gbk.csv", encoding: "klingon")
        }
        // UTF-8 text is not Shift_JIS from its first line on.
        #expect(throws: InputError(file: Fixtures.path("tickets/gongdan.csv"), line: 1, field: "--encoding", "not valid shift_jis text")) {
            try Self.read("gongdan.csv", encoding: "shift_jis")
        }
        // Read in the wrong encoding, the headers match nothing: the error says how it was read.
        #expect(throws: InputError(file: path, line: 1, field: "id",
                                   "no such column (map one with --columns id=Header; the file was read as big5, name another with --encoding)")) {
            try Self.read("gongdan-gbk.csv", encoding: "big5")
        }
    }

    /// Other helpdesks' column names: Help Scout's conversations, Chinese SaaS helpdesks' 工单标题.
    @Test func moreHelpdeskHeaders() throws {
        let path = try Fixtures.temporaryDirectory() + "/export.csv"
        try Data("Conversation #,Subject,Created,Customer Email\n881,Wrong pillow,2018-03-07 10:12,wang@example.com\n".utf8)
            .write(to: URL(fileURLWithPath: path))
        let helpScout = try TicketCSV.read(path: path).tickets
        #expect(helpScout.map(\.id) == ["881"] && helpScout[0].subject == "Wrong pillow" && helpScout[0].customer == "wang@example.com")
        try Data("工单编号,工单标题,工单来源,创建时间,工单描述\nU-1,发错货,电话,2018-03-07 10:12,收到的是 Contour U\n".utf8)
            .write(to: URL(fileURLWithPath: path))
        let saas = try TicketCSV.read(path: path).tickets
        #expect(saas[0].subject == "发错货" && saas[0].channel == .phone && saas[0].body == "收到的是 Contour U")
    }

    @Test func theImportSaysHowAnExportWasRead() throws {
        let db = try Fixtures.temporaryDirectory() + "/outcry.db"
        let gbk = try CLI.run(["tickets", "import", Fixtures.path("tickets/gongdan-gbk.csv"), "--utc-offset", "+08:00", "--db", db])
        #expect(gbk.status == 0, "\(gbk.stderr)")
        #expect(gbk.stdout.contains("gongdan-gbk.csv (gb18030): 2 new"), "\(gbk.stdout)")
        // The same tickets in UTF-8 change nothing; a .txt is read as a spreadsheet's text.
        let utf8 = try CLI.run(["tickets", "import", Fixtures.path("tickets/gongdan.csv"), "--utc-offset", "+08:00", "--db", db])
        #expect(utf8.stdout.contains("gongdan.csv: 0 new, 0 updated (0 new events), 2 unchanged"), "\(utf8.stdout)")
        let unicode = try CLI.run(["tickets", "import", Fixtures.path("tickets/excel-unicode.txt"), "--db", db])
        #expect(unicode.stdout.contains("(utf-16le): 2 new"), "\(unicode.stdout) \(unicode.stderr)")
        let json = try CLI.run(["tickets", "import", Fixtures.path("tickets/zendesk-export.json"), "--encoding", "gbk", "--db", db])
        #expect(json.status == 2 && json.stderr.contains("--encoding applies to CSV exports"), "\(json.stderr)")
    }

    /// A decoder's output can outgrow its first buffer (1.5 × the input): Shift_JIS half-width
    /// katakana are one byte each and three in UTF-8.
    @Test func decodingGrowsItsOutputAsNeeded() throws {
        let katakana = [UInt8](repeating: 0xB1, count: 10_000)   // ｱ
        let decoded = try ExportEncoding.decode(katakana, declared: "shift_jis")
        #expect(decoded.utf8.count == 30_000 && decoded.text == String(repeating: "ｱ", count: 10_000))
    }

    @Test func byteOrderMarksAndUnmarkedUTF16() throws {
        let text = "id,subject\n1,收到\n"
        func bytes(_ s: String, _ encoding: String.Encoding) -> [UInt8] { Array(s.data(using: encoding)!) }
        let cases: [([UInt8], String)] = [
            ([0xEF, 0xBB, 0xBF] + Array(text.utf8), "utf-8"),
            ([0xFF, 0xFE] + bytes(text, .utf16LittleEndian), "utf-16le"),
            ([0xFE, 0xFF] + bytes(text, .utf16BigEndian), "utf-16be"),
            ([0xFF, 0xFE, 0, 0] + bytes(text, .utf32LittleEndian), "utf-32le"),
            (bytes(text, .utf16LittleEndian), "utf-16le"),
            (bytes(text, .utf16BigEndian), "utf-16be"),
            (Array(text.utf8), "utf-8"),
        ]
        for (input, encoding) in cases {
            let decoded = try ExportEncoding.decode(input)
            #expect(decoded.text == text && decoded.encoding == encoding, "\(encoding) \(Array(decoded.text.unicodeScalars.map(\.value))) \(decoded.encoding)")
        }
        #expect(throws: ExportEncoding.Failure.invalid(encoding: "utf-16le", line: nil)) {
            try ExportEncoding.decode([0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00])   // a lone surrogate
        }
    }
}

/// Dates as helpdesks and spreadsheets export them, read in the export's zone (UTC+8 here)
/// unless they name one.
@Suite struct ExportDateTests {
    static let forms: [(String, String)] = [
        ("2018-03-07T10:12:34+08:00", "2018-03-07T10:12:34+08:00"),
        ("2018-03-07 10:12:34 +0800", "2018-03-07T10:12:34+08:00"),
        ("2018-03-07 10:12", "2018-03-07T10:12:00+08:00"),
        ("2018-03-07T10:12:34", "2018-03-07T10:12:34+08:00"),
        ("2018-03-07 10:12:34.123", "2018-03-07T10:12:34+08:00"),
        ("2018-03-07 02:12:34 UTC", "2018-03-07T10:12:34+08:00"),
        ("2018-03-07 10:12 GMT+8", "2018-03-07T10:12:00+08:00"),
        ("2018-03-07", "2018-03-07T00:00:00+08:00"),
        ("2018/3/7 下午3:12", "2018-03-07T15:12:00+08:00"),
        ("2018年3月7日下午3点12分", "2018-03-07T15:12:00+08:00"),
        ("2018年3月7日 上午12:05", "2018-03-07T00:05:00+08:00"),
        ("2018年3月7日 中午12点半", "2018-03-07T12:30:00+08:00"),
        ("2018年3月7日\u{3000}15:12", "2018-03-07T15:12:00+08:00"),   // an ideographic space
        ("07/Mar/18 10:12 AM", "2018-03-07T10:12:00+08:00"),   // Jira
        ("07/Mar/18 12:30 PM", "2018-03-07T12:30:00+08:00"),
        ("Mar 7, 2018 3:12 p.m.", "2018-03-07T15:12:00+08:00"),
        ("Wed, 7 March 2018 15:12", "2018-03-07T15:12:00+08:00"),
        ("2018-Mar-07 15:12", "2018-03-07T15:12:00+08:00"),
        ("17/03/2018 10:12", "2018-03-17T10:12:00+08:00"),     // a day above 12 shows the order
        ("3/17/18 10:12", "2018-03-17T10:12:00+08:00"),
        ("3/3/2018", "2018-03-03T00:00:00+08:00"),             // the same either way
    ]

    @Test func helpdeskAndSpreadsheetForms() throws {
        for (text, expected) in Self.forms {
            #expect(ExportDate.parse(text, utcOffset: 8 * 3600) == Timestamp.parse(expected), "\(text)")
        }
        for bad in ["yesterday", "2018/02/30 10:00", "2018-03-07 25:00", "13:00 PM", "2018-03-07 10:12 +2500", "7 Foo 2018", "99999999999/1/1"] {
            #expect(ExportDate.read(bad, utcOffset: 0, order: .mdy) == .invalid, "\(bad)")
        }
    }

    @Test func dayAndMonthComeFromTheFileOrTheUser() throws {
        #expect(ExportDate.read("3/7/2018 10:12", utcOffset: 0, order: nil) == .ambiguous([.mdy, .dmy]))
        #expect(ExportDate.parse("3/7/2018 10:12", utcOffset: 0, order: .mdy) == Timestamp.parse("2018-03-07T10:12:00Z"))
        #expect(ExportDate.parse("3/7/2018 10:12", utcOffset: 0, order: .dmy) == Timestamp.parse("2018-07-03T10:12:00Z"))
        #expect(ExportDate.parse("07.03.2018", utcOffset: 0, order: .dmy) == Timestamp.parse("2018-03-07T00:00:00Z"))
        #expect(ExportDate.order(evidence: "3/14/2018 9:05") == .mdy)
        #expect(ExportDate.order(evidence: "14.03.2018") == .dmy)
        #expect(ExportDate.order(evidence: "3/7/2018") == nil && ExportDate.order(evidence: "2018-03-14") == nil)

        // A US export: its first two dates could be either, its third is month-first.
        let us = try TicketCSV.read(path: Fixtures.path("tickets/us-excel.csv"), utcOffset: 8 * 3600).tickets
        #expect(us.map(\.createdAt) == ["2018-03-07T10:12:00+08:00", "2018-03-12T19:40:00+08:00", "2018-03-14T09:05:00+08:00"].map { Timestamp.parse($0) })
    }

    /// A two-digit year may come first (`18/03/07`, as Japanese and Korean short dates write
    /// it): `18-03-07` was read as 18 March 2007 without a word. Such a date now reads as the
    /// column shows — the reading whose years repeat — or asks for the order.
    @Test func aTwoDigitYearMayComeFirst() throws {
        #expect(ExportDate.read("18-03-07 10:12", utcOffset: 0, order: nil) == .ambiguous([.dmy, .ymd]))
        #expect(ExportDate.parse("18-03-07 10:12", utcOffset: 0, order: .ymd) == Timestamp.parse("2018-03-07T10:12:00Z"))
        #expect(ExportDate.parse("18-03-07 10:12", utcOffset: 0, order: .dmy) == Timestamp.parse("2007-03-18T10:12:00Z"))
        #expect(ExportDate.parse("18/3/7 10:12", utcOffset: 0) == Timestamp.parse("2018-03-07T10:12:00Z"))   // only year-first reads
        #expect(ExportDate.read("18-03-07", utcOffset: 0, order: .mdy) == .ambiguous([.dmy, .ymd]))        // not month-first, whatever was said
        #expect(ExportDate.read("3/7/2018", utcOffset: 0, order: .ymd) == .ambiguous([.mdy, .dmy]))

        func order(_ column: [String]) -> ExportDate.Order? {
            var evidence = ExportDate.OrderEvidence()
            column.forEach { evidence.add($0) }
            return evidence.order
        }
        #expect(order(["18-03-07 10:12", "18-03-09 08:00", "18-03-12 19:40", "18-03-14 09:05"]) == .ymd)
        #expect(order(["07/03/18", "25/12/18", "14/03/18", "01/04/18"]) == .dmy)
        #expect(order(["03/07/18", "12/25/18", "03/14/18"]) == .mdy)
        #expect(order(["18-03-07", "19-03-07"]) == nil)   // two dates prove nothing
        #expect(order(["3/14/2018", "3/15/2018", "16/3/2018"]) == .mdy)   // a stray date does not overturn the column

        let dir = try Fixtures.temporaryDirectory()
        let path = dir + "/yymmdd.csv"
        try Data("工单编号,创建时间,标题\nGD-1,18-03-07 10:12,发错货\nGD-2,18-03-09 08:00,拒绝退货\nGD-3,18-03-12 19:40,要求赔偿\n".utf8)
            .write(to: URL(fileURLWithPath: path))
        let tickets = try TicketCSV.read(path: path, utcOffset: 8 * 3600).tickets
        #expect(tickets.map(\.createdAt) == ["2018-03-07T10:12:00+08:00", "2018-03-09T08:00:00+08:00", "2018-03-12T19:40:00+08:00"].map { Timestamp.parse($0) })
        try Data("工单编号,创建时间,标题\nGD-1,18-03-07 10:12,发错货\n".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: InputError(file: path, line: 2, field: "created_at",
                                   "'18-03-07 10:12' could be year, day or month first, and no date in the file shows which: give --date-order dmy or ymd")) {
            try TicketCSV.read(path: path)
        }
    }

    @Test func aJiraExport() throws {
        let jira = try TicketCSV.read(path: Fixtures.path("tickets/jira.csv"), utcOffset: 8 * 3600).tickets
        #expect(jira.map(\.id) == ["CS-101", "CS-102"])
        #expect(jira[0].createdAt == Timestamp.parse("2018-03-07T10:12:00+08:00") && jira[0].updatedAt == Timestamp.parse("2018-03-08T15:05:00+08:00"))
        #expect(jira[1].createdAt == Timestamp.parse("2018-03-08T19:40:00+08:00") && jira[1].status == .solved)
        #expect(jira[0].subject == "Wrong pillow shipped" && jira[0].customer == "Wang Lei" && jira[0].status == .open)
    }

    @Test func anUndecidableFileAsksForTheOrder() throws {
        let dir = try Fixtures.temporaryDirectory()
        let path = dir + "/short.csv"
        try Data("Ticket ID,Subject,Created\n1,Late refund,3/7/2018 10:12\n2,Wrong item,4/5/2018 9:00\n".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: InputError(file: path, line: 2, field: "created_at",
                                   "'3/7/2018 10:12' could be day or month first, and no date in the file shows which: give --date-order mdy or dmy")) {
            try TicketCSV.read(path: path)
        }
        let r = try CLI.run(["tickets", "import", path, "--date-order", "dmy", "--db", dir + "/outcry.db"])
        #expect(r.status == 0, "\(r.stderr)")
        let stored = try SQLiteStore(path: dir + "/outcry.db").tickets().sorted { $0.id < $1.id }
        #expect(stored.map(\.createdAt) == [Timestamp.parse("2018-07-03T10:12:00Z"), Timestamp.parse("2018-05-04T09:00:00Z")])
    }
}

/// `tickets import -`: an export piped from a helpdesk's API or a decompressor, in any format
/// a file could be, with errors that name standard input.
@Suite struct TicketsFromStandardInputTests {
    @Test func everyFormatImportsFromStandardInput() throws {
        let dir = try Fixtures.temporaryDirectory()
        let db = dir + "/outcry.db"
        let jsonl = try Data(contentsOf: URL(fileURLWithPath: Fixtures.repo("feeds/demo/tickets.jsonl")))
        let piped = try CLI.run(["tickets", "import", "-", "--db", db], stdin: jsonl)
        #expect(piped.status == 0, "\(piped.stderr)")
        #expect(piped.stdout.hasPrefix("tickets: 172 read from standard input: 172 new"), "\(piped.stdout)")
        #expect(try SQLiteStore(path: db).tickets() == (try TicketReader.readJSONL(path: Fixtures.repo("feeds/demo/tickets.jsonl"))
            .sorted { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }))
        for (fixture, format) in [("gongdan-gbk.csv", "csv"), ("gongdan.xlsx", "xlsx")] {
            let path = Fixtures.path("tickets/" + fixture)
            let r = try CLI.run(["tickets", "import", "-", "--format", format, "--utc-offset", "+08:00", "--db", dir + "/stdin-" + format + ".db"],
                                stdin: try Data(contentsOf: URL(fileURLWithPath: path)))
            #expect(r.status == 0, "\(fixture): \(r.stderr)")
            #expect(try CLI.run(["tickets", "import", path, "--utc-offset", "+08:00", "--db", dir + "/file-" + format + ".db"]).status == 0)
            let (piped, read) = (try SQLiteStore(path: dir + "/stdin-" + format + ".db").tickets(), try SQLiteStore(path: dir + "/file-" + format + ".db").tickets())
            #expect(!piped.isEmpty && piped == read, "\(fixture)")
        }
    }

    @Test func anErrorNamesStandardInputAndItsLine() throws {
        let dir = try Fixtures.temporaryDirectory()
        let lines = try String(contentsOfFile: Fixtures.repo("feeds/demo/tickets.jsonl"), encoding: .utf8).split(separator: "\n")
        let bad = #"{"id": "TK-x", "created_at": "yesterday", "status": "open", "subject": "s", "body": "b"}"#
        let input = String(lines[0]) + "\n\n" + bad + "\n"
        let r = try CLI.run(["tickets", "import", "-", "--db", dir + "/outcry.db"], stdin: Data(input.utf8))
        #expect(r.status == 2)
        #expect(r.stderr.contains("<stdin>:3: field 'created_at'"), "\(r.stderr)")
        let written = FileManager.default.fileExists(atPath: dir + "/outcry.db") ? try SQLiteStore(path: dir + "/outcry.db").tickets() : []
        #expect(written.isEmpty, "nothing written")
    }
}

@Suite struct CSVDelimiterTests {
    @Test func theHeaderDecidesTheDelimiter() {
        func delimiter(_ s: String) -> Character { Character(Unicode.Scalar(CSVReader.delimiter(of: Array(s.utf8)))) }
        #expect(delimiter("id,subject,body\n1;2;3;4;5\n") == ",")
        #expect(delimiter("id\tsubject\tbody\n") == "\t")
        #expect(delimiter("id;subject;body\n") == ";")
        #expect(delimiter("\"a;b;c\",d,e\n") == ",")        // delimiters inside quotes do not count
        #expect(delimiter("id;subject,body\n") == ",")       // a tie is a comma
        #expect(delimiter("") == ",")
    }

    @Test func recordsSplitOnTheDelimiterGiven() throws {
        let records = try CSVReader.records(Array("a;\"b;c\";d\n1;2,5;3\n".utf8), file: "t.csv", delimiter: UInt8(ascii: ";"))
        #expect(records.map(\.fields) == [["a", "b;c", "d"], ["1", "2,5", "3"]])
    }
}

/// `.xlsx` exports: a ZIP archive of XML parts, read safely, its first sheet's rows as text.
@Suite struct XLSXExportTests {
    static let path = Fixtures.path("tickets/gongdan.xlsx")

    /// gongdan.csv's tickets as a spreadsheet holds them (scripts/gen-xlsx-fixture.py): shared,
    /// rich-text and inline strings, a phonetic guide left out, numbers, date serials under a
    /// custom and a built-in format, and the workbook's first sheet, which is not sheet1.xml.
    @Test func aHelpdeskSpreadsheet() throws {
        let tickets = try TicketCSV.readSpreadsheet(path: Self.path, utcOffset: 8 * 3600)
        #expect(tickets.map(\.id) == ["GD-1047", "GD-1063"])
        let t = tickets[0]
        #expect(t.subject == "收到的枕头型号不对" && t.customer == "buyer_wang" && t.orderId == "723504118")
        #expect(t.body == "买的是 Comfort U 护腰枕，收到的是 Contour U。\n客服说非质量问题不退货")
        #expect(t.status == .solved && t.channel == .chat && t.createdAt == Timestamp.parse("2018-03-06T10:12:00+08:00"))
        #expect(tickets[1].createdAt == Timestamp.parse("2018-03-08T19:40:00+08:00") && tickets[1].customer == "buyer_wang")
        #expect(tickets[1].status == .open && tickets[1].channel == .platform && tickets[1].body == "发错货且拒绝退货")
        #expect(TicketFile(path: Self.path).format == .xlsx)
    }

    /// A workbook that opens on a notes sheet and keeps its tickets on the next, under a title
    /// row: the sheet whose header names the ticket fields is read, and errors name its rows.
    @Test func theSheetWithTheTicketsIsFound() throws {
        let path = Fixtures.path("tickets/gongdan-summary-first.xlsx")
        #expect(try XLSXSheet.Workbook(Array(try Data(contentsOf: URL(fileURLWithPath: path)))).sheetNames == ["说明", "工单明细"])
        let expected = try TicketCSV.readSpreadsheet(path: Self.path, utcOffset: 8 * 3600)
        #expect(try TicketCSV.readSpreadsheet(path: path, utcOffset: 8 * 3600) == expected)
        for sheet in ["工单明细", "工單明細", "2"] {   // by name (folded, as headers are) or number
            #expect(try TicketCSV.readSpreadsheet(path: path, sheet: sheet, utcOffset: 8 * 3600) == expected, "\(sheet)")
        }
        #expect(throws: InputError(file: path, field: "--sheet", "no sheet '3' in the workbook (its sheets: '说明', '工单明细')")) {
            try TicketCSV.readSpreadsheet(path: path, sheet: "3")
        }
        #expect(throws: InputError(file: path, line: 1, field: "id", "no such column (map one with --columns id=Header)")) {
            try TicketCSV.readSpreadsheet(path: path, sheet: "说明")
        }
        // No sheet with the columns: the first sheet's error, and the sheets there are.
        #expect(throws: InputError(file: path, line: 1, field: "Ticket No", "no such column (map one with --columns id=Header)"
                                   + "; no sheet has the ticket columns (its sheets: '说明', '工单明细'; name one with --sheet)")) {
            try TicketCSV.readSpreadsheet(path: path, columns: ["id": "Ticket No"])
        }
        let dir = try Fixtures.temporaryDirectory()
        let r = try CLI.run(["tickets", "import", path, "--sheet", "工单明细", "--utc-offset", "+08:00", "--db", dir + "/outcry.db"])
        #expect(r.status == 0, "\(r.stderr)")
        let misapplied = try CLI.run(["tickets", "import", Fixtures.path("tickets/gongdan.csv"), "--sheet", "2", "--db", dir + "/outcry.db"])
        #expect(misapplied.status == 2 && misapplied.stderr.contains("--sheet applies to .xlsx exports"), "\(misapplied.stderr)")
    }

    /// A CSV export with a title above its header reads too; its rows keep their own lines.
    @Test func aTitleAboveTheHeaderIsPassedOver() throws {
        let dir = try Fixtures.temporaryDirectory()
        let path = dir + "/titled.csv"
        try Data("工单导出,2018-03-18\n\n工单编号,标题,创建时间\nGD-1,发错货,2018-03-06 10:12\nGD-2,退款,someday\n".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: InputError(file: path, line: 5, field: "created_at", "'someday' is not a date and time")) {
            try TicketCSV.read(path: path)
        }
        try Data("工单导出,2018-03-18\n\n工单编号,标题,创建时间\nGD-1,发错货,2018-03-06 10:12\n".utf8).write(to: URL(fileURLWithPath: path))
        #expect(try TicketCSV.read(path: path, utcOffset: 8 * 3600).tickets.map(\.id) == ["GD-1"])
    }

    /// A sheet is parsed a few rows at a time: any cut gives the rows the whole sheet gives,
    /// with namespace prefixes and an empty sheet too.
    @Test func aSheetIsReadInPiecesOfWholeRows() throws {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: Self.path)))
        let whole = try XLSXSheet.rows(bytes, chunkBytes: 1 << 30)
        #expect(whole.count == 3 && whole.map(\.number) == [1, 2, 3])
        for size in [1, 50, 200, 700] { #expect(try XLSXSheet.rows(bytes, chunkBytes: size) == whole, "\(size)") }

        let prefixed = Array(#"<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>id</x:t></x:is></x:c></x:row><x:row r="2"/><x:row r="3"><x:c r="B3"><x:v>7</x:v></x:c></x:row></x:sheetData><x:mergeCells count="0"/></x:worksheet>"#.utf8)
        let pieces = Array(SheetChunks(prefixed, target: 1))
        #expect(pieces.count == 2)   // the empty row 2 (`<x:row r="2"/>`) goes with row 3
        let rows = try pieces.flatMap { piece in
            try XMLParser.parse(piece).root.first("sheetData")?.all("row").map { $0.attribute("r") ?? "" } ?? []
        }
        #expect(rows == ["1", "2", "3"])
        #expect(Array(SheetChunks(Array(#"<worksheet><sheetData/></worksheet>"#.utf8))).count == 1)   // parsed whole: no rows
    }

    @Test func cellsDatesAndColumns() {
        func day(_ y: Int, _ m: Int, _ d: Int) -> Int { Timestamp.daysFromCivil(year: y, month: m, day: d) }
        #expect(XLSXSheet.wallTime(43165.425, date1904: false) == .wallTime(days: day(2018, 3, 6), second: 10 * 3600 + 12 * 60))
        #expect(XLSXSheet.wallTime(1, date1904: false) == .wallTime(days: day(1899, 12, 31), second: 0))
        #expect(XLSXSheet.wallTime(0.5, date1904: true) == .wallTime(days: day(1904, 1, 1), second: 12 * 3600))
        #expect(XLSXSheet.wallTime(-1, date1904: false) == nil && XLSXSheet.wallTime(.infinity, date1904: false) == nil)
        #expect(XLSXSheet.columnIndex("A1") == 0 && XLSXSheet.columnIndex("Z9") == 25 && XLSXSheet.columnIndex("AA3") == 26)
        #expect(XLSXSheet.columnIndex("XFD1") == 16_383 && XLSXSheet.columnIndex("ABCD1") == nil && XLSXSheet.columnIndex("12") == nil)
        for code in ["yyyy/m/d\\ h:mm;@", "[$-F800]dddd\\,\\ mmmm\\ dd\\,\\ yyyy", "h:mm AM/PM", "yyyy\"年\"m\"月\"d\"日\""] {
            #expect(XLSXSheet.isDateFormat(code), "\(code)")
        }
        for code in ["0.00", "#,##0", "[Red]0.00", "\"day\" 0", "0%", "@"] {
            #expect(!XLSXSheet.isDateFormat(code), "\(code)")
        }
    }

    /// Damaged, hostile or mistaken files are errors that say so, never a crash or a bomb.
    @Test func brokenArchivesAreRefused() throws {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: Self.path)))
        #expect(throws: ZipArchive.Failure.notZip) { try ZipArchive(Array("工单编号,标题\n".utf8)) }
        #expect(throws: XLSXSheet.Failure.archive(.notZip)) { try XLSXSheet.rows(Array(bytes.prefix(bytes.count / 2))) }
        let zip = try ZipArchive(bytes)
        #expect(throws: ZipArchive.Failure.tooLarge(member: "xl/sharedStrings.xml", limit: 100)) {
            try zip.data("xl/sharedStrings.xml", limit: 100)
        }
        #expect(try zip.data("xl/missing.xml", limit: 1 << 20) == nil)
        // A member that unpacks to more than its directory entry declares.
        var lying = bytes
        let entry = try #require(Self.centralEntry(of: "xl/sharedStrings.xml", in: bytes))
        lying[entry + 24] &-= 1
        #expect(throws: ZipArchive.Failure.corrupt("'xl/sharedStrings.xml' does not unpack to its \(Int(bytes[entry + 24]) - 1 + Int(bytes[entry + 25]) << 8) bytes")) {
            try ZipArchive(lying).data("xl/sharedStrings.xml", limit: 1 << 20)
        }
        // A CSV given the wrong name is said to be one.
        let dir = try Fixtures.temporaryDirectory()
        try FileManager.default.copyItem(atPath: Fixtures.path("tickets/gongdan.csv"), toPath: dir + "/named.xlsx")
        #expect(throws: InputError(file: dir + "/named.xlsx", "not a ZIP archive (an .xlsx file is one)")) {
            try TicketFile(path: dir + "/named.xlsx").read()
        }
    }

    /// The offset of `name`'s central directory entry.
    static func centralEntry(of name: String, in bytes: [UInt8]) -> Int? {
        let n = Array(name.utf8)
        for i in 0..<(bytes.count - 46 - n.count) where bytes[i] == 0x50 && bytes[i + 1] == 0x4B && bytes[i + 2] == 1 && bytes[i + 3] == 2 {
            if Array(bytes[(i + 46)..<(i + 46 + n.count)]) == n { return i }
        }
        return nil
    }

    @Test func theImportReadsASpreadsheet() throws {
        let db = try Fixtures.temporaryDirectory() + "/outcry.db"
        let r = try CLI.run(["tickets", "import", Self.path, "--utc-offset", "+08:00", "--db", db])
        #expect(r.status == 0 && r.stdout.contains("gongdan.xlsx: 2 new"), "\(r.stdout)\(r.stderr)")
        let wrong = try CLI.run(["tickets", "import", Self.path, "--encoding", "gbk", "--db", db])
        #expect(wrong.status == 2 && wrong.stderr.contains("--encoding applies to CSV exports"), "\(wrong.stderr)")
    }
}

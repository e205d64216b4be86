import Foundation
import OutcryCharsets
import OutcryCore
import OutcryLinking
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

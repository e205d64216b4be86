import Foundation
import OutcryCore
import OutcryTesting
import Testing

@Suite struct TimestampTests {
    @Test(arguments: [
        ("2018-03-14T09:47:12+08:00", 1_520_992_032.0),
        ("2018-03-14T01:47:12Z", 1_520_992_032.0),
        ("2018-03-14 01:47:12.500z", 1_520_992_032.5),
        ("2018-03-13T20:47:12-05:00", 1_520_992_032.0),
        ("2018-03-14t01:47:12.25Z", 1_520_992_032.25),
        ("2016-02-29T00:00:00Z", 1_456_704_000.0),
    ])
    func parsesRFC3339WithOffset(_ text: String, _ epoch: Double) {
        #expect(Timestamp.parse(text)?.timeIntervalSince1970 == epoch)
    }

    @Test(arguments: ["2018-03-14T09:47:12", "2018-03-14", "2018-02-30T00:00:00Z", "yesterday", "2018-03-14T09:47:12+0800",
                      "", "2018-03-14T09:47:12.Z", "2018-03-14T09:47:12Z ", "2018-03-14T09:47:1Z", "2018-3-14T09:47:12Z",
                      "2018-03-14T09:47:12+24:00", "2018-03-14T09:47:12+08", "2018-03-14X09:47:12Z", "2017-02-29T00:00:00Z"])
    func rejectsAmbiguousOrInvalid(_ text: String) {
        #expect(Timestamp.parse(text) == nil)
    }

    @Test func formatsInUTCAndAtOffset() {
        let d = Date(timeIntervalSince1970: 1_520_992_032)
        #expect(Timestamp.utc(d) == "2018-03-14T01:47:12Z")
        #expect(Timestamp.format(d, offset: 8 * 3600) == "2018-03-14T09:47:12+08:00")
        #expect(Timestamp.short(d, offset: 8 * 3600) == "03-14 09:47")
    }
}

/// Offsets as people write them, read the same by every option and setting.
@Suite struct UTCOffsetTests {
    @Test func theFormsPeopleWrite() {
        for (text, seconds) in [("+08:00", 28_800), ("+0800", 28_800), ("+08", 28_800), ("+8", 28_800), ("UTC+8", 28_800), ("gmt+08:00", 28_800),
                                ("-05:30", -19_800), ("-0530", -19_800), ("GMT-5", -18_000), ("+5:45", 20_700), ("Z", 0), ("UTC", 0), (" +00:00 ", 0),
                                ("+14:00", 50_400), ("-12:00", -43_200)] {
            #expect(UTCOffset.parse(text) == seconds, "\(text)")
        }
        for text in ["8", "+15:00", "-13", "+08:60", "+080", "+08:0", "+08:00:00", "Asia/Shanghai", "+", "", "+٨", "+08:00 CST"] {
            #expect(UTCOffset.parse(text) == nil, "\(text)")
        }
    }

    /// A negative offset on the command line is the option's value, not an unknown option.
    @Test func aNegativeOffsetIsAValue() throws {
        let r = try CLI.run(["timeline", "jd", "--utc-offset", "-05:00", "--db", "/nonexistent/outcry.db"])
        #expect(!r.stderr.contains("--utc-offset") && !r.stderr.contains("Missing value"), "\(r.stderr)")
        let bad = try CLI.run(["timeline", "jd", "--utc-offset", "Asia/Shanghai", "--db", "/nonexistent/outcry.db"])
        #expect(bad.status == 2 && bad.stderr.contains("--utc-offset: expected a UTC offset like +08:00 or -05:00"), "\(bad.stderr)")
    }
}

@Suite struct TerminalTextTests {
    @Test func stripsEscapeSequencesAndControls() {
        let hostile = "ok\u{1B}[2J\u{1B}]0;pwned\u{07}\u{1B}[31mred\u{1B}[0m\u{202E}evil\nline\u{7F}\u{9B}1m"
        let clean = TerminalText.sanitize(hostile)
        #expect(clean == "okredevil line")
        #expect(!clean.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x1B })
    }

    @Test func clipsByCharacters() {
        #expect(TerminalText.clip("京东无赖京东无赖", 5) == "京东无赖…")
    }
}

@Suite struct RecordParsingTests {
    @Test func postFromJSONLine() throws {
        let f = try JSONFields.parseLine(#"{"id":"p1","source":"weibo","author":"六六","followers":12600000,"text":"无赖京东","created_at":"2018-03-14T09:47:12+08:00","reposts":5}"#,
                                         file: "posts.jsonl", line: 3)
        let p = try Post(fields: f)
        #expect(p.author == "六六")
        #expect(p.followers == 12_600_000)
        #expect(p.reach == 12_600_000)
        #expect(p.createdAt.timeIntervalSince1970 == 1_520_992_032)
    }

    @Test func missingFieldNamesFileLineAndField() throws {
        let f = try JSONFields.parseLine(#"{"id":"p1","author":"a","created_at":"2018-03-14T09:47:12+08:00"}"#, file: "posts.jsonl", line: 7)
        #expect(throws: InputError(file: "posts.jsonl", line: 7, field: "text", "required field is missing")) { try Post(fields: f) }
    }

    @Test func nestedEventFieldIsNamedWithItsPath() throws {
        let f = try JSONFields.parseLine(#"{"id":"T1","created_at":"2018-03-01T10:00:00+08:00","status":"open","subject":"s","body":"b","events":[{"at":"2018-03-01T10:00:00+08:00","actor":"robot","kind":"message","text":""}]}"#,
                                         file: "t.jsonl", line: 1)
        do {
            _ = try Ticket(fields: f)
            Issue.record("expected an error")
        } catch let e as InputError {
            #expect(e.field == "events[0].actor")
            #expect(e.description.contains("t.jsonl:1"))
        }
    }
}

@Suite struct JSONValueTests {
    func parse(_ s: String) -> JSONValue? { JSONValue.parse(Array(s.utf8)) }

    @Test func parsesRecordsExactly() throws {
        let v = try #require(parse(#"{"id": 1240000000000000001, "t": "a\"b\\c\u00e9\ud83d\ude00\n", "ok": true, "n": null, "xs": [1.5e3, -0, {}], "t": "last"}"#))
        guard case .object(let o) = v else { Issue.record("not an object"); return }
        #expect(o["id"] == .number("1240000000000000001"))
        #expect(o["t"] == .string("last"))
        #expect(o["ok"] == .bool(true))
        #expect(o["n"] == .null)
        #expect(o["xs"] == .array([.number("1.5e3"), .number("-0"), .object(JSONObject())]))
        let first = o.members.first { $0.key == "t" }?.value
        #expect(first == .string("a\"b\\c\u{e9}\u{1F600}\n"))
    }

    @Test func membersAreFoundByTheirExactName() throws {
        let v = try #require(parse(#"{"id": "a", "idx": "b", "caf\u00e9": 1, "i": null}"#))
        guard case .object(let o) = v else { Issue.record("not an object"); return }
        #expect(o["id"] == .string("a"))
        #expect(o["idx"] == .string("b"))
        #expect(o["i"] == .null)
        #expect(o["ix"] == nil)
        #expect(o["caf\u{e9}"] == .number("1"))
        // JSON names compare by code points: a decomposed spelling is another name.
        #expect(o["cafe\u{301}"] == nil)
        let fields = JSONFields(o, file: "f.jsonl", line: 3)
        #expect(throws: InputError.self) { try fields.string("i") }
        #expect(throws: InputError.self) { try fields.string("ix") }
        #expect(try fields.string("caf\u{e9}") == "1")  // numeric ids are read as text
    }

    @Test(arguments: ["", "{", "{\"a\":}", "[1,]", "01", "1.", "tru", "\"\u{1}\"", "{\"a\":1} x", "\"\\x\"", "[\"a\" \"b\"]"])
    func refusesMalformedDocuments(_ text: String) {
        #expect(parse(text) == nil)
    }

    @Test func boundsNesting() {
        #expect(parse(String(repeating: "[", count: 100) + String(repeating: "]", count: 100)) != nil)
        #expect(parse(String(repeating: "[", count: 100_000)) == nil)
    }

    @Test func agreesWithFoundationOnTheDemoPosts() throws {
        let text = try String(contentsOfFile: OutcryTestsSupport.repo("feeds/demo/posts.jsonl"), encoding: .utf8)
        for line in text.split(separator: "\n").prefix(2000) {
            let ours = try JSONFields.parseLine(line, file: "posts.jsonl", line: 1)
            let theirs = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(Set(ours.object.members.map(\.key)) == Set(theirs.keys))
            #expect(try ours.string("text") == theirs["text"] as? String)
            #expect(try ours.optionalInt("followers") == theirs["followers"] as? Int)
        }
    }
}

@Suite struct UTF8ValidationTests {
    /// Random byte strings biased towards UTF-8's edges (lead bytes, continuation bytes, the
    /// surrogate and overlong ranges), judged against the standard library's validating decoder.
    @Test func agreesWithTheStandardLibrary() {
        var random = SplitMix(seed: 7)
        let interesting: [UInt8] = [0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF,
                                    0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF]
        for _ in 0..<20_000 {
            let count = Int(random.next() % 24)
            let bytes = (0..<count).map { _ in
                random.next() % 3 == 0 ? UInt8(truncatingIfNeeded: random.next()) : interesting[Int(random.next() % UInt64(interesting.count))]
            }
            #expect(UTF8Validation.isValid(bytes) == (String(validating: bytes, as: UTF8.self) != nil), "\(bytes)")
        }
        #expect(UTF8Validation.isValid(Array("京东 JD.com — 非质量问题不退货 😡".utf8)))
        #expect(!UTF8Validation.isValid([0xED, 0xA0, 0x80]))          // a surrogate
        #expect(!UTF8Validation.isValid([0xC0, 0xAF]))                // overlong "/"
        #expect(!UTF8Validation.isValid([0xF4, 0x90, 0x80, 0x80]))    // above U+10FFFF
        #expect(!UTF8Validation.isValid(Array("abcdefgh".utf8) + [0xE4, 0xBA]))   // truncated after an ASCII run
    }
}

@Suite struct ByteSplicerTests {
    @Test func splicesInOrderAndReturnsAnUntouchedSourceAsItWas() {
        let source = Array("a <!x> b <br/> c".utf8)
        var splicer = ByteSplicer(source)
        splicer.replace(2..<4, with: "&lt;!".utf8)
        splicer.replace(9..<14, with: "<br />".utf8)
        #expect(String(decoding: splicer.result(), as: UTF8.self) == "a &lt;!x> b <br /> c")
        #expect(ByteSplicer(source).result() == source)
        var atEnds = ByteSplicer(source)
        atEnds.replace(0..<1, with: "A".utf8)
        atEnds.replace((source.count - 1)..<source.count, with: "".utf8)
        #expect(String(decoding: atEnds.result(), as: UTF8.self) == "A <!x> b <br/> ")
    }
}

@Suite struct KeyGenerationsTests {
    let t0 = Date(timeIntervalSince1970: 1_520_000_000)

    @Test func keysLiveForTheirGenerationsThenGoWhole() {
        var g = KeyGenerations<Int>(span: 100, kept: 2)
        g.advance(to: t0)
        g.insert(1, 10)
        g.advance(to: t0.addingTimeInterval(150))   // one span: key 1 is in the previous generation
        g.insert(2, 20)
        g.advance(to: t0.addingTimeInterval(-500))  // earlier times change nothing
        #expect(g.value(for: 1) == 10 && g.value(for: 2) == 20)
        g.advance(to: t0.addingTimeInterval(250))   // two spans: still kept
        #expect(g.contains(1) && g.contains(2))
        g.advance(to: t0.addingTimeInterval(320))   // three spans: the first generation is gone
        #expect(!g.contains(1) && g.contains(2))
        g.advance(to: t0.addingTimeInterval(10_000)) // a long gap forgets everything
        #expect(!g.contains(2))
    }
}

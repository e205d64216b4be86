import Foundation
import OutcryCore
import Testing

@Suite struct TimestampTests {
    @Test(arguments: [
        ("2018-03-14T09:47:12+08:00", 1_520_992_032.0),
        ("2018-03-14T01:47:12Z", 1_520_992_032.0),
        ("2018-03-14 01:47:12.500z", 1_520_992_032.5),
        ("2018-03-13T20:47:12-05:00", 1_520_992_032.0),
    ])
    func parsesRFC3339WithOffset(_ text: String, _ epoch: Double) {
        #expect(Timestamp.parse(text)?.timeIntervalSince1970 == epoch)
    }

    @Test(arguments: ["2018-03-14T09:47:12", "2018-03-14", "2018-02-30T00:00:00Z", "yesterday", "2018-03-14T09:47:12+0800"])
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

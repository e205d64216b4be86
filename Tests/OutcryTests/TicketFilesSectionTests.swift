import Foundation
import OutcryCore
import OutcryLinking
import OutcryPipeline
import OutcryStorage
import OutcryTesting
import Testing

/// The `tickets:` list of sources.yml: a path read in the format its name suggests, or a mapping
/// with the options `tickets import` takes — so `run` reads a helpdesk's export as the import does.
@Suite struct TicketFilesSectionTests {
    func write(_ yaml: String) throws -> (dir: String, path: String) {
        let dir = try Fixtures.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: dir + "/feeds", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Fixtures.repo("feeds/demo/topics.yml"), toPath: dir + "/feeds/topics.yml")
        for name in ["gongdan-gbk.csv", "us-excel.csv", "zendesk-export.json", "gongdan-summary-first.xlsx"] {
            try FileManager.default.copyItem(atPath: Fixtures.path("tickets/" + name), toPath: dir + "/feeds/" + name)
        }
        try yaml.write(toFile: dir + "/feeds/sources.yml", atomically: true, encoding: .utf8)
        return (dir, dir + "/feeds/sources.yml")
    }

    /// A configuration with no sources and one ticket file, for `run`.
    func ticketsOnly(_ file: String) throws -> String {
        try write("timezone: \"+08:00\"\ntopics: topics.yml\nsources: []\ntickets:\n  - \(file)\n").dir
    }

    @Test func pathsAndMappingsWithTheImportsOptions() throws {
        let (dir, path) = try write("""
            timezone: "+08:00"
            topics: topics.yml
            tickets:
              - gongdan-gbk.csv
              - file: us-excel.csv
                utc_offset: "-05:00"
                date_order: mdy
                columns: {body: Description}
              - file: zendesk-export.json
                order_field: "360001"
              - file: gongdan-summary-first.xlsx
                sheet: 工单明细
            """)
        let files = try SourcesConfig.load(path).tickets
        #expect(files.map(\.format) == [.csv, .csv, .zendesk, .xlsx])
        let sheet = try files[3].read().tickets.map(\.id)
        #expect(files[3].sheet == "工单明细" && sheet == ["GD-1047", "GD-1063"])
        #expect(files[0].path == dir + "/feeds/gongdan-gbk.csv" && files[0].utcOffset == 8 * 3600)
        #expect(files[1].utcOffset == -5 * 3600 && files[1].dateOrder == .mdy && files[1].columns == ["body": "Description"])
        #expect(files[2].orderField == "360001")

        let gongdan = try files[0].read()
        #expect(gongdan.encoding == "gb18030" && gongdan.tickets.map(\.id) == ["GD-1047", "GD-1063"])
        #expect(gongdan.tickets[0].createdAt == Timestamp.parse("2018-03-06T10:12:00+08:00"))
        #expect(try files[1].read().tickets.first?.createdAt == Timestamp.parse("2018-03-07T10:12:00-05:00"))
        #expect(try files[2].read().tickets.first { $0.id == "35436" }?.orderId == "723504118")
    }

    @Test(arguments: [
        ("  - file: us-excel.csv\n    date_order: ydm\n", "sources.yml:4: field 'tickets[0].date_order': expected one of mdy, dmy, ymd"),
        ("  - file: us-excel.csv\n    encoding: klingon\n", "sources.yml:4: field 'tickets[0].encoding': unknown encoding 'klingon'"),
        ("  - file: zendesk-export.json\n    encoding: gbk\n", "field 'tickets[0].encoding': applies to CSV exports"),
        ("  - file: us-excel.csv\n    sheet: 工单\n", "field 'tickets[0].sheet': applies to .xlsx exports"),
        ("  - file: us-excel.csv\n    columns: {ticket: A}\n", "field 'tickets[0].columns.ticket': unknown key"),
        ("  - path: us-excel.csv\n", "field 'tickets[0].path': unknown key"),
        ("  - file: us-excel.csv\n    utc_offset: Beijing\n", "field 'tickets[0].utc_offset': expected a UTC offset like +08:00 or -05:00"),
        ("  - file: us-excel.csv\n    format: numbers\n", "field 'tickets[0].format': expected one of jsonl, csv, xlsx, zendesk"),
    ])
    func badEntriesNameTheFileLineAndField(_ entry: String, _ message: String) throws {
        let (_, path) = try write("topics: topics.yml\ntickets:\n" + entry)
        expectConfigError(path, containing: message)
    }

    /// A running `run` merges a configured export that a helpdesk writes over (a nightly
    /// export): new and changed tickets reach the store without a restart; a broken version is
    /// logged and what was read before is kept.
    @Test func runMergesAnExportWrittenOver() throws {
        let dir = try ticketsOnly("export.csv")
        let export = dir + "/feeds/export.csv"
        let original = try String(contentsOfFile: Fixtures.path("tickets/gongdan.csv"), encoding: .utf8)
        try original.write(toFile: export, atomically: true, encoding: .utf8)
        let db = dir + "/outcry.db"
        let run = try BackgroundCLI(["run", "--config-dir", dir, "--db", db], logPath: dir + "/run.log")
        func tickets() throws -> [String: Ticket] {
            Dictionary(uniqueKeysWithValues: try SQLiteStore(path: db).tickets().map { ($0.id, $0) })
        }
        #expect(try PipelineLeaseTests.eventually(within: 60) { try tickets().count == 2 }, "\(run.log)")

        // The next export: one ticket more, one closed since.
        let next = original.replacingOccurrences(of: "GD-1063,投诉商家拒绝退货,处理中", with: "GD-1063,投诉商家拒绝退货,已关闭")
            + "GD-2001,退款迟迟不到,处理中,电话,buyer_li,723509999,2018-03-12 09:00,说好的退款一周了还没到\n"
        try next.write(toFile: export, atomically: true, encoding: .utf8)
        #expect(try PipelineLeaseTests.eventually(within: 30) { try tickets().count == 3 }, "\(run.log)")
        #expect(try tickets()["GD-1063"]?.status == .closed)
        #expect(run.log.contains("run: tickets: \(export) changed: 3 read, 1 new, 1 updated (0 new events), 1 unchanged"), "\(run.log)")

        // A broken one: said, and nothing lost.
        try (next + "GD-2002,\"unterminated,处理中\n").write(toFile: export, atomically: true, encoding: .utf8)
        #expect(try PipelineLeaseTests.eventually(within: 30) { run.log.contains("a quoted field is never closed") }, "\(run.log)")
        #expect(run.log.contains("\(export):5: a quoted field is never closed; keeping what was read before"), "\(run.log)")
        #expect(try tickets().count == 3 && run.isRunning)
        #expect(run.stop() == 0, "\(run.log)")
    }

    /// `run` reads a GBK CSV export named in its configuration into the store.
    @Test func runReadsAConfiguredExport() throws {
        let dir = try ticketsOnly("gongdan-gbk.csv")
        let db = dir + "/outcry.db"
        let r = try CLI.run(["run", "--once", "--config-dir", dir, "--db", db])
        #expect(r.status == 0, "\(r.stderr)")
        let stored = try SQLiteStore(path: db).tickets().sorted { $0.id < $1.id }
        #expect(stored.map(\.id) == ["GD-1047", "GD-1063"] && stored[0].subject == "收到的枕头型号不对")
    }
}

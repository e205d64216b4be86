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
        for name in ["gongdan-gbk.csv", "us-excel.csv", "zendesk-export.json"] {
            try FileManager.default.copyItem(atPath: Fixtures.path("tickets/" + name), toPath: dir + "/feeds/" + name)
        }
        try yaml.write(toFile: dir + "/feeds/sources.yml", atomically: true, encoding: .utf8)
        return (dir, dir + "/feeds/sources.yml")
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
            """)
        let files = try SourcesConfig.load(path).tickets
        #expect(files.map(\.format) == [.csv, .csv, .zendesk])
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
        ("  - file: us-excel.csv\n    date_order: ymd\n", "sources.yml:4: field 'tickets[0].date_order': expected one of mdy, dmy"),
        ("  - file: us-excel.csv\n    encoding: klingon\n", "sources.yml:4: field 'tickets[0].encoding': unknown encoding 'klingon'"),
        ("  - file: zendesk-export.json\n    encoding: gbk\n", "field 'tickets[0].encoding': applies to CSV exports"),
        ("  - file: us-excel.csv\n    columns: {ticket: A}\n", "field 'tickets[0].columns.ticket': unknown key"),
        ("  - path: us-excel.csv\n", "field 'tickets[0].path': unknown key"),
        ("  - file: us-excel.csv\n    utc_offset: Beijing\n", "field 'tickets[0].utc_offset': expected a UTC offset like +08:00"),
        ("  - file: us-excel.csv\n    format: xlsx\n", "field 'tickets[0].format': expected one of jsonl, csv, zendesk"),
    ])
    func badEntriesNameTheFileLineAndField(_ entry: String, _ message: String) throws {
        let (_, path) = try write("topics: topics.yml\ntickets:\n" + entry)
        expectConfigError(path, containing: message)
    }

    /// `run` reads a GBK CSV export named in its configuration into the store.
    @Test func runReadsAConfiguredExport() throws {
        let (dir, _) = try write("""
            timezone: "+08:00"
            topics: topics.yml
            sources: []
            tickets:
              - gongdan-gbk.csv
            """)
        let db = dir + "/outcry.db"
        let r = try CLI.run(["run", "--once", "--config-dir", dir, "--db", db])
        #expect(r.status == 0, "\(r.stderr)")
        let stored = try SQLiteStore(path: db).tickets().sorted { $0.id < $1.id }
        #expect(stored.map(\.id) == ["GD-1047", "GD-1063"] && stored[0].subject == "收到的枕头型号不对")
    }
}

import AuditModel
import Foundation
import Testing

@Suite("Record checks on a streamed file")
struct RecordStreamEvaluatorTests {
    static let log = """
        <?xml version="1.0" encoding="UTF-8"?>
        <log site="Leeds">
          <meta>exported 2026-06-01</meta>
          <batch>
            <complaint id="C-1"><status>closed</status><ack>1</ack><cause>Courier</cause></complaint>
            <complaint id="C-2"><status>closed</status><ack>5</ack><cause/></complaint>
            <note>not a complaint</note>
            <complaint id="C-2"><status>pending</status><ack>4</ack></complaint>
          </batch>
          <!-- the second export -->
          <batch>
            <complaint id="X-9"><status>open</status><ack>2</ack></complaint>
          </batch>
          <batch>
            <complaint id=" C-3 "><status>closed</status><ack>9</ack><cause>Stock</cause></complaint>
            <complaint id="C-4"><status>open</status><ack>x</ack></complaint>
          </batch>
        </log>

        """

    /// Four records checks that together use keys (a child step and an expression),
    /// duplicates, no key, `let`, `report`, placeholders, and both kinds of predicate.
    static let rules = [
        ruleXML(
            "R-1",
            """
            <records evidence="complaints-log" select="/log/batch/complaint" key="@id">
              <assert test="number(ack) &lt;= 2">Complaint {@id} acknowledged after {ack} days.</assert>
              <assert test="status = 'open' or status = 'closed'">Complaint {$record-key} has status {status}.</assert>
              <report test="status = 'closed' and not(normalize-space(cause))">Complaint {@id} closed without a cause.</report>
            </records>
            """),
        ruleXML(
            "R-2",
            """
            <records evidence="complaints-log" select="/log/batch/complaint[status = 'closed']">
              <let name="late" value="number(ack) - 2"/>
              <assert test="$late &lt;= 0">Closed {$late} days late.</assert>
            </records>
            """),
        ruleXML(
            "R-3", grade: "ofi",
            """
            <records evidence="complaints-log" select="/log/batch/complaint[2]" key="@id">
              <assert test="cx:matches(@id, '^C-[0-3]$')">Second complaint {@id} has a malformed id.</assert>
            </records>
            """),
        ruleXML(
            "R-4",
            """
            <records evidence="complaints-log" select="/log/batch/complaint" key="normalize-space(@id)">
              <assert test="$record-key != 'C-3'">Complaint {$record-key} is under review.</assert>
            </records>
            """),
    ]

    static let items = [TestItem(id: "CL", type: "complaints-log", file: "log.xml", format: "xml", date: "2026-06-01")]

    /// An aggregate on the same type needs the whole tree, so the file is then read whole.
    static let wholeFileRule = ruleXML(
        "R-9", #"<aggregate evidence="complaints-log"><let name="n" value="count(/log/batch/complaint)"/><expect test="$n &gt;= 0">No complaints.</expect></aggregate>"#)

    static func run(_ rules: [String], log: String = log) async throws -> AuditRun {
        try await audit(ruleset: rulesetXML(rules.joined(separator: "\n")), files: ["log.xml": log], items: items)
    }

    @Test("a streamed file gives exactly the results and findings of the whole-document read")
    func sameAsWholeDocument() async throws {
        let streamed = try await Self.run(Self.rules)
        let whole = try await Self.run(Self.rules + [Self.wholeFileRule])
        for rule in ["R-1", "R-2", "R-3", "R-4"] {
            #expect(streamed.results(for: rule) == whole.results(for: rule), "results of \(rule)")
            #expect(streamed.findings(for: rule) == whole.findings(for: rule), "findings of \(rule)")
            #expect(!streamed.findings(for: rule).isEmpty, "\(rule) finds something")
        }
        let late = try #require(streamed.findings(for: "R-1").first { $0.statement == "Complaint C-2 acknowledged after 4 days." })
        #expect(late.evidence.xpath == "/log/batch[1]/complaint[3]")
        #expect(late.evidence.line == 8)
        #expect(late.evidence.recordKey == "C-2")
        #expect(streamed.findings(for: "R-3").map(\.evidence.xpath) == ["/log/batch[3]/complaint[2]"])
        #expect(streamed.findings(for: "R-2").map(\.evidence.xpath) == ["/log/batch[1]/complaint[2]", "/log/batch[3]/complaint[1]"])
        #expect(streamed.results(for: "R-2").first?.recordsChecked == 3)
    }

    @Test("a file with no record selected passes vacuously, as a whole-document read does")
    func noRecords() async throws {
        let empty = "<log><meta>nothing exported</meta></log>"
        let streamed = try await Self.run(Self.rules, log: empty)
        let whole = try await Self.run(Self.rules + [Self.wholeFileRule], log: empty)
        let result = try #require(streamed.results(for: "R-1").first)
        #expect(result.status == .pass)
        #expect(result.vacuous == true)
        #expect(streamed.results(for: "R-1") == whole.results(for: "R-1"))
    }

    @Test("a file that breaks off after some records is an error for every rule, with no findings from the records before")
    func malformed() async throws {
        let broken = String(Self.log.prefix(while: { $0 != "!" }).dropLast())
        let run = try await Self.run(Self.rules, log: broken)
        #expect(run.findings.isEmpty)
        #expect(run.results.allSatisfy { $0.status == .error })
        #expect(run.diagnostics.contains { $0.location.file == "log.xml" })
    }

    static let table = """
        Ref,Received,Status,Ack,Cause
        C-1,2026-01-02,closed,1,Courier
        C-2,2026-01-05,closed,5,

        C-2,2026-01-09,pending,4,
        " C-3 ",2026-02-01,closed,9,Stock
        C-4,2026-02-03,open,x,
        """

    static let tableType = """
        <evidence-type id="complaints-table">
          <description>Complaints, one row each.</description>
          <field name="ref" type="text" required="true">The reference.</field>
          <field name="received" type="date" required="true">When it came in.</field>
          <field name="status" type="text" required="true">open or closed.</field>
          <field name="ack" type="text">Days to acknowledge.</field>
          <field name="cause" type="text">Why.</field>
        </evidence-type>
        """

    static let tableRules = [
        ruleXML(
            "T-1",
            """
            <records evidence="complaints-table" select="/table/record" key="ref">
              <assert test="number(ack) &lt;= 2">Complaint {ref} acknowledged after {ack} days.</assert>
              <report test="status = 'closed' and not(normalize-space(cause))">Complaint {$record-key} closed without a cause.</report>
            </records>
            """),
        ruleXML(
            "T-2",
            """
            <records evidence="complaints-table" select="/table/record[status = 'closed']">
              <assert test="cx:days-between(received, '2026-02-28') &lt; 40">Closed complaint received {received} is old.</assert>
            </records>
            """),
    ]

    /// With a `parallelism` of 2 a lone CSV file's fields are parsed on a second thread.
    static func runTable(_ rules: [String], table: String = table, parallelism: Int = 2) async throws -> AuditRun {
        try await audit(
            ruleset: rulesetXML(evidenceTypes: tableType, rules.joined(separator: "\n")), files: ["log.csv": table],
            items: [TestItem(id: "CT", type: "complaints-table", file: "log.csv", format: "csv", date: "2026-06-01")],
            parallelism: parallelism)
    }

    static let wholeTableRule = ruleXML(
        "T-9", #"<aggregate evidence="complaints-table"><let name="n" value="count(/table/record)"/><expect test="$n &gt;= 0">None.</expect></aggregate>"#)

    /// The table rules' results, findings and diagnostics are the whole read's, and both rules find something.
    static func expectSameAsWhole(_ streamed: AuditRun, _ whole: AuditRun, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        for rule in ["T-1", "T-2"] {
            #expect(streamed.results(for: rule) == whole.results(for: rule), "results of \(rule)", sourceLocation: sourceLocation)
            #expect(streamed.findings(for: rule) == whole.findings(for: rule), "findings of \(rule)", sourceLocation: sourceLocation)
            #expect(!streamed.findings(for: rule).isEmpty, "\(rule) finds something", sourceLocation: sourceLocation)
        }
        #expect(streamed.diagnostics == whole.diagnostics, sourceLocation: sourceLocation)
    }

    @Test("a CSV table streamed through its contract gives exactly the results, findings and warnings of its whole view")
    func tableSameAsWholeView() async throws {
        let streamed = try await Self.runTable(Self.tableRules)
        let whole = try await Self.runTable(Self.tableRules + [Self.wholeTableRule])
        Self.expectSameAsWhole(streamed, whole)
        let late = try #require(streamed.findings(for: "T-1").first { $0.statement == "Complaint C-2 acknowledged after 4 days." })
        #expect(late.evidence.xpath == "/table/record[3]")
        #expect(late.evidence.line == 5)
        #expect(late.evidence.nativeLocator == "record 3")
        #expect(late.evidence.recordKey == "C-2")
    }

    @Test("a CSV table of many batches gives the same results, findings and warnings with its fields parsed on one thread or two")
    func tableOnOneThreadOrTwo() async throws {
        let rows = (0..<3_000).map { index in
            index % 7 == 0 ? "C-\(index),2026-02-01,closed,\(index % 5),,extra" : "C-\(index),2026-01-0\(index % 9 + 1),open,1,"
        }
        let table = "Ref,Received,Status,Ack,Cause\n" + rows.joined(separator: "\n")
        let two = try await Self.runTable(Self.tableRules, table: table, parallelism: 2)
        let one = try await Self.runTable(Self.tableRules, table: table, parallelism: 1)
        #expect(two.results == one.results)
        #expect(two.findings == one.findings)
        #expect(two.diagnostics == one.diagnostics)
        #expect(two.findings(for: "T-1").count == 171 + 429, "late acknowledgements, and every closed row without a cause")
        #expect(two.diagnostics.count(where: { $0.message.hasSuffix("fields, the header has 5") }) == 20)
        #expect(two.findings(for: "T-1").compactMap(\.evidence.line).max() == 2_998)
    }

    /// With a `parallelism` of 2 a lone sheet's rows are read on a second thread.
    static func runWorkbook(_ fixture: String, sheet: String? = nil, parallelism: Int = 2, _ rules: [String]) async throws -> AuditRun {
        let workbook = try Data(contentsOf: fixturesFolder.appendingPathComponent("contracts/\(fixture)"))
        let item = TestItem(
            id: "CT", type: "complaints-table", file: "log.xlsx", format: "xlsx", date: "2026-06-01", extra: sheet.map { " sheet=\"\($0)\"" } ?? "")
        return try await audit(
            ruleset: rulesetXML(evidenceTypes: tableType, rules.joined(separator: "\n")), files: [:], binaryFiles: ["log.xlsx": workbook],
            items: [item], parallelism: parallelism)
    }

    /// The table of the CSV tests as a tracker (a "Read me" sheet, a merged title: rows read
    /// whole, then laid; the register naming the sheet: one sheet, still merged) and as an
    /// export (one sheet, no merged cell: laid as read).
    @Test(
        "an XLSX sheet streamed through its tabular contract gives exactly the results and findings of its whole view",
        arguments: [("complaints-table.xlsx", nil), ("complaints-table.xlsx", "Complaints"), ("complaints-table-plain.xlsx", nil)])
    func workbookSameAsWholeView(fixture: String, sheet: String?) async throws {
        let streamed = try await Self.runWorkbook(fixture, sheet: sheet, Self.tableRules)
        let whole = try await Self.runWorkbook(fixture, sheet: sheet, Self.tableRules + [Self.wholeTableRule])
        Self.expectSameAsWhole(streamed, whole)
        // The header is on row 2 (under a merged title, or under an empty row); the blank row 5 is no record.
        let late = try #require(streamed.findings(for: "T-1").first { $0.statement == "Complaint C-2 acknowledged after 4 days." })
        #expect(late.evidence.xpath == "/table/record[3]")
        #expect(late.evidence.nativeLocator == "Complaints!A6:E6")
        #expect(late.evidence.recordKey == "C-2")
    }

    @Test("a sheet laid as its rows are read gives the same results and findings with its rows read on one thread or two")
    func workbookOnOneThreadOrTwo() async throws {
        let two = try await Self.runWorkbook("complaints-table-plain.xlsx", parallelism: 2, Self.tableRules)
        let one = try await Self.runWorkbook("complaints-table-plain.xlsx", parallelism: 1, Self.tableRules)
        #expect(two.results == one.results)
        #expect(two.findings == one.findings)
        #expect(!two.findings.isEmpty)
    }

    @Test("a lone sheet that fails its CRC-32 check is an error for every rule, with no findings, on one thread or two")
    func damagedSheet() async throws {
        var workbook = try Data(contentsOf: fixturesFolder.appendingPathComponent("contracts/complaints-table-plain.xlsx"))
        // Flip the sheet's CRC-32 in its local header (name at +30, CRC at +14) and its central directory entry (name at +46, CRC at +16).
        let name = Data("xl/worksheets/sheet1.xml".utf8)
        var from = workbook.startIndex
        while let found = workbook.range(of: name, in: from..<workbook.endIndex) {
            let isLocal = workbook[found.lowerBound - 30..<found.lowerBound - 26] == Data([0x50, 0x4B, 0x03, 0x04])
            let header = found.lowerBound - (isLocal ? 30 : 46)
            workbook[header + (isLocal ? 14 : 16)] ^= 0xFF
            from = found.upperBound
        }
        let item = TestItem(id: "CT", type: "complaints-table", file: "log.xlsx", format: "xlsx", date: "2026-06-01")
        for parallelism in [1, 2] {
            let run = try await audit(
                ruleset: rulesetXML(evidenceTypes: Self.tableType, Self.tableRules.joined(separator: "\n")), files: [:],
                binaryFiles: ["log.xlsx": workbook], items: [item], parallelism: parallelism)
            #expect(run.findings.isEmpty)
            #expect(run.results.count == 2 && run.results.allSatisfy { $0.status == .error })
            #expect(run.diagnostics.contains { $0.location.file == "log.xlsx" && $0.message.contains("fails its CRC-32 check") })
        }
    }

    @Test("an ODS sheet streamed through its tabular contract gives exactly the results and findings of its whole view")
    func spreadsheetSameAsWholeView() async throws {
        let type = """
            <evidence-type id="objectives">
              <description>Quality objectives, one row each.</description>
              <field name="objective-id" type="text" required="true">The objective.</field>
              <field name="target" type="number" required="true">Its target.</field>
              <field name="reviewed" type="date">When it was last reviewed.</field>
              <field name="met" type="text">Whether it was met.</field>
            </evidence-type>
            """
        let rule = ruleXML(
            "O-1",
            """
            <records evidence="objectives" select="/table/record" key="objective-id">
              <assert test="number(target) &gt;= 90">Objective {objective-id} aims at {target} only.</assert>
            </records>
            """)
        let whole = ruleXML(
            "O-9", #"<aggregate evidence="objectives"><let name="n" value="count(/table/record)"/><expect test="$n &gt;= 0">None.</expect></aggregate>"#)
        let spreadsheet = try Data(contentsOf: fixturesFolder.appendingPathComponent("office/objectives.ods"))
        func run(_ rules: [String]) async throws -> AuditRun {
            try await audit(
                ruleset: rulesetXML(evidenceTypes: type, rules.joined(separator: "\n")), files: [:], binaryFiles: ["objectives.ods": spreadsheet],
                items: [TestItem(id: "OB", type: "objectives", file: "objectives.ods", format: "ods", date: "2026-06-01")])
        }
        let streamed = try await run([rule])
        let wholeRun = try await run([rule, whole])
        #expect(streamed.results(for: "O-1") == wholeRun.results(for: "O-1"))
        #expect(streamed.findings(for: "O-1") == wholeRun.findings(for: "O-1"))
        #expect(streamed.diagnostics == wholeRun.diagnostics)
        let low = try #require(streamed.findings(for: "O-1").first)
        #expect(low.statement == "Objective OBJ-01 aims at 80 only.")
        #expect(low.evidence.nativeLocator == "Objectives!A2:D2")
        #expect(streamed.findings(for: "O-1").count == 1)
    }

    @Test(
        "an XLSX sheet without the contract's required columns, with or without records, is judged as in a whole read",
        arguments: ["complaints.xlsx", "complaints-header-only.xlsx"])
    func workbookContractVerdicts(fixture: String) async throws {
        let streamed = try await Self.runWorkbook(fixture, Self.tableRules)
        let whole = try await Self.runWorkbook(fixture, Self.tableRules + [Self.wholeTableRule])
        for rule in ["T-1", "T-2"] {
            #expect(streamed.results(for: rule) == whole.results(for: rule))
            #expect(streamed.results(for: rule).first?.status == .error)
        }
        #expect(streamed.findings.isEmpty)
    }

    @Test(
        "a sheet whose records pass the cells a view may have is refused as it is laid, its rows read on one thread or two: every rule an error, no findings",
        arguments: [1, 2])
    func workbookTooWide(parallelism: Int) async throws {
        let streamed = try await Self.runWorkbook("complaints-table-wide.xlsx", parallelism: parallelism, Self.tableRules)
        #expect(streamed.findings.isEmpty)
        #expect(streamed.results.allSatisfy { $0.status == .error })
        let refusal = try #require(streamed.diagnostics.first { $0.location.file == "log.xlsx" })
        #expect(refusal.message.contains("sheet 'Complaints' would become more than 2000000 cells"))
        #expect(refusal.message.contains("rows so far, each as wide as the header row's 16384 columns"))
        let whole = try await Self.runWorkbook("complaints-table-wide.xlsx", Self.tableRules + [Self.wholeTableRule])
        #expect(whole.findings.isEmpty)
        #expect(whole.results.allSatisfy { $0.status == .error })
    }

    @Test("a CSV value a rule cannot read as its type is reported as the whole view reports it", arguments: ["2026-02-30", "03/02/2026"])
    func unreadableValue(received: String) async throws {
        let table = Self.table.replacingOccurrences(of: "2026-02-01", with: received)
        let streamed = try await Self.runTable(Self.tableRules, table: table)
        let whole = try await Self.runTable(Self.tableRules + [Self.wholeTableRule], table: table)
        #expect(streamed.findings == whole.findings.filter { $0.ruleId != "T-9" })
        #expect(streamed.findings.contains { $0.statement.contains("cannot be checked") })
    }

    @Test("a CSV table with too few records or a missing required column is judged as in a whole read")
    func contractVerdicts() async throws {
        for table in ["Ref,Received,Status,Ack\n", "Ref,Status,Ack\nC-1,open,1\n"] {
            let streamed = try await Self.runTable(Self.tableRules, table: table)
            let whole = try await Self.runTable(Self.tableRules + [Self.wholeTableRule], table: table)
            #expect(streamed.results(for: "T-1") == whole.results(for: "T-1"))
            #expect(streamed.results(for: "T-1").first?.status != .pass)
        }
    }
}

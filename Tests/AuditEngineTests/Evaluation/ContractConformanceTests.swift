import AuditEngine
import AuditModel
import Foundation
import Testing

/// Evidence checked against its type's contract before rules run: fail closed, never a
/// silent pass on missing or unreadable data.
@Suite("Evidence contracts: mappings, conventions and conformance before evaluation")
struct ContractConformanceTests {
    static let contract = """
        <evidence-type id="complaints-log">
          <description>Every complaint.</description>
          <field name="complaint-id" type="id" required="true" aliases="Ticket ID|Case number">The complaint's number.</field>
          <field name="received" type="date" required="true" aliases="Created|Date received">When it arrived.</field>
          <field name="resolved" type="date" required="true" aliases="Solved at|Date resolved">When it was closed.</field>
          <field name="root-cause" type="text" aliases="Cause">Why it happened.</field>
          <field name="status" type="enum" values="open closed" required="true">Open or closed.</field>
          <field name="score" type="number">The complainant's rating, 1 to 5.</field>
        </evidence-type>
        """

    /// Closed complaints need a root cause; the average score must be at least 4; closed ones are counted.
    static let ruleset = rulesetXML(
        evidenceTypes: contract,
        ruleXML(
            "R1",
            """
            <records evidence="complaints-log" select="/table/record[cx:is-date(resolved)]" key="complaint-id">
              <assert test="normalize-space(root-cause) != ''">Complaint {complaint-id} closed on {resolved} has no root cause.</assert>
            </records>
            """),
        ruleXML(
            "R2",
            """
            <aggregate evidence="complaints-log">
              <let name="average" value="sum(/table/record/score) div count(/table/record)"/>
              <expect test="$average &gt;= 4">The average score is {$average}.</expect>
            </aggregate>
            """),
        ruleXML(
            "R3",
            """
            <records evidence="complaints-log" select="/table/record[status = 'closed']" key="complaint-id">
              <assert test="cx:is-date(resolved)">Complaint {complaint-id} is closed without a date.</assert>
            </records>
            """))

    static let header = "Complaint ID,Received,Resolved,Root cause,Status,Score"
    static let rows = [
        "C-1,2026-01-04,2026-01-10,Printer jam,closed,4.5",
        "C-2,2026-01-05,2026-02-20,,closed,3",
        "C-3,2026-01-06,,,open,5",
    ]
    static let csv = ([header] + rows).joined(separator: "\n") + "\n"

    static func log(_ text: String, format: String = "csv", file: String = "log.csv", extra: String = "", children: String = "")
        async throws -> AuditRun
    {
        try await audit(
            ruleset: ruleset, files: [file: text],
            items: [TestItem(id: "CL", type: "complaints-log", file: file, format: format, date: "2026-06-01", extra: extra, children: children)])
    }

    /// What a reviewer compares: each rule's status, and every finding's fingerprint and statement.
    static func outcome(_ run: AuditRun) -> [String] {
        run.results.map { "\($0.ruleId) \($0.status.rawValue)" } + run.findings.map { "\($0.id) \($0.statement)" }
    }

    @Test("the log as exported: R1 finds the closed complaint without a root cause, R2 and R3 pass")
    func baseline() async throws {
        let run = try await Self.log(Self.csv)
        #expect(run.results.map(\.status) == [.fail, .pass, .pass])
        #expect(run.findings.map(\.statement) == ["Complaint C-2 closed on 2026-02-20 has no root cause."])
        #expect(run.diagnostics.isEmpty)
    }

    @Test("a renamed required column is an error naming the field, the columns found and the register line to add — never a pass")
    func renamedColumn() async throws {
        let renamed = Self.csv.replacingOccurrences(of: "Resolved", with: "Date closed")
        let run = try await Self.log(renamed)
        #expect(run.results.map(\.status) == [.error, .error, .error])
        let statement = try #require(run.results.first?.statement)
        #expect(statement.contains("required field 'resolved' is missing"))
        #expect(statement.contains("'Date closed'"))
        #expect(statement.contains("<map field=\"resolved\" column=\"Date closed\"/>"))
        #expect(statement.contains("evidence-register.xml:"))
        #expect(run.findings.isEmpty)
        #expect(run.diagnostics.contains { $0.severity == .error && $0.message.contains("'resolved'") })
    }

    @Test("with the register's <map> the renamed column audits to exactly the original findings")
    func mappedColumn() async throws {
        let renamed = Self.csv.replacingOccurrences(of: "Resolved", with: "Date closed")
        let mapped = try await Self.log(renamed, children: "<map field=\"resolved\" column=\"Date closed\"/>")
        #expect(Self.outcome(mapped) == Self.outcome(try await Self.log(Self.csv)))
    }

    @Test("a column named by one of the field's aliases is read as the field without any mapping")
    func aliasColumn() async throws {
        let aliased = Self.csv.replacingOccurrences(of: "Complaint ID", with: "Ticket ID").replacingOccurrences(of: "Resolved", with: "Solved at")
        #expect(Self.outcome(try await Self.log(aliased)) == Self.outcome(try await Self.log(Self.csv)))
    }

    @Test(
        "dates written in every declared convention audit like ISO dates",
        arguments: [
            ("DD/MM/YYYY", ["04/01/2026", "10/01/2026", "05/01/2026", "20/02/2026", "06/01/2026"]),
            ("MM/DD/YYYY", ["01/04/2026", "01/10/2026", "01/05/2026", "02/20/2026", "01/06/2026"]),
            ("DD.MM.YYYY", ["04.01.2026", "10.01.2026", "05.01.2026", "20.02.2026", "06.01.2026"]),
        ])
    func dateConventions(format: String, dates: [String]) async throws {
        let iso = ["2026-01-04", "2026-01-10", "2026-01-05", "2026-02-20", "2026-01-06"]
        var text = Self.csv
        for (from, to) in zip(iso, dates) { text = text.replacingOccurrences(of: from, with: to) }
        let run = try await Self.log(text, extra: " date-format=\"\(format)\"")
        #expect(Self.outcome(run) == Self.outcome(try await Self.log(Self.csv)))
        #expect(run.diagnostics.isEmpty)
    }

    @Test("undeclared day-first dates: each unreadable date is a nonconformity of its record for rules reading it, and a data-quality warning")
    func unreadableDates() async throws {
        let text = Self.csv.replacingOccurrences(of: "2026-02-20", with: "20/02/2026")
        let run = try await Self.log(text)
        let r1 = try #require(run.results(for: "R1").first)
        #expect(r1.status == .fail)
        #expect(run.findings(for: "R1").contains { $0.statement.contains("C-2 cannot be checked: Resolved holds '20/02/2026'") })
        #expect(run.findings(for: "R3").contains { $0.statement.contains("C-2 cannot be checked") })
        #expect(run.findings(for: "R3").first?.evidence.line == 3)
        // R2 reads no date: unaffected.
        #expect(run.results(for: "R2").first?.status == .pass)
        let warning = try #require(run.diagnostics.first { $0.severity == .warning })
        #expect(warning.location.file == "log.csv")
        #expect(warning.location.line == 3)
        #expect(warning.message.contains("date-format=\"DD/MM/YYYY\""))
    }

    @Test("decimal commas: read when declared; otherwise the average cannot be computed and R2 is an error, never a pass")
    func decimalComma() async throws {
        let text = Self.csv.replacingOccurrences(of: ",4.5\n", with: ",\"4,5\"\n")
        let declared = try await Self.log(text, extra: " decimal-separator=\",\"")
        #expect(Self.outcome(declared) == Self.outcome(try await Self.log(Self.csv)))
        let undeclared = try await Self.log(text)
        let r2 = try #require(undeclared.results(for: "R2").first)
        #expect(r2.status == .error)
        #expect(r2.statement.contains("'4,5'"))
        #expect(r2.statement.contains("decimal-separator"))
    }

    @Test("status words in other cases read as the contract's values; the organization's own words map onto them")
    func enumerationWords() async throws {
        let shouting = Self.csv.replacingOccurrences(of: ",closed,", with: ",Closed,")
        #expect(Self.outcome(try await Self.log(shouting)) == Self.outcome(try await Self.log(Self.csv)))
        let ownWords = Self.csv.replacingOccurrences(of: ",closed,", with: ",Closed – resolved,")
        let mapped = try await Self.log(ownWords, children: "<map field=\"status\"><value from=\"Closed – resolved\" to=\"closed\"/></map>")
        #expect(Self.outcome(mapped) == Self.outcome(try await Self.log(Self.csv)))
        let unmapped = try await Self.log(ownWords)
        #expect(unmapped.results(for: "R3").first?.status == .fail)
        #expect(unmapped.diagnostics.contains { $0.message.contains("Closed – resolved") && $0.message.contains("<value from=") })
    }

    @Test("a <map> naming a field the contract does not have is a warning with the field it resembles")
    func mapForUnknownField() async throws {
        let run = try await Self.log(Self.csv, children: "<map field=\"resolvd\" column=\"Resolved\"/>")
        let warning = try #require(run.diagnostics.first { $0.message.contains("<map field=\"resolvd\">") })
        #expect(warning.severity == .warning)
        #expect(warning.message.contains("did you mean 'resolved'?"))
    }

    @Test("a log holding only its header row fails every rule reading it as 'no records'")
    func headerOnly() async throws {
        let run = try await Self.log(Self.header + "\n")
        #expect(run.results.map(\.status) == [.fail, .fail, .fail])
        #expect(run.findings.count == 3)
        #expect(run.findings.allSatisfy { $0.statement.hasPrefix("No records: item CL holds no records") })
    }

    @Test("a record rule selecting nothing on a log that holds records passes, marked vacuous")
    func vacuousSelection() async throws {
        let allOpen = ([Self.header] + ["C-3,2026-01-06,,,open,5"]).joined(separator: "\n")
        let run = try await Self.log(allOpen)
        let r1 = try #require(run.results(for: "R1").first)
        #expect(r1.status == .pass)
        #expect(r1.vacuous == true)
        #expect(run.results(for: "R2").first?.vacuous == nil)
    }

    @Test("a misspelt evidence type is named with the type it was probably meant to be")
    func misspeltType() async throws {
        let run = try await audit(
            ruleset: Self.ruleset, files: ["log.csv": Self.csv, "log2.csv": Self.csv],
            items: [
                TestItem(id: "CL", type: "complaints-log", file: "log.csv", format: "csv", date: "2026-06-01"),
                TestItem(id: "CL2", type: "complaint-log", file: "log2.csv", format: "csv", date: "2026-06-01"),
            ])
        let warning = try #require(run.diagnostics.first)
        #expect(warning.severity == .warning)
        #expect(warning.message.contains("item CL2"))
        #expect(warning.message.contains("did you mean 'complaints-log'"))
    }

    @Test("the log kept as a help desk's JSON export audits exactly like the CSV")
    func jsonExport() async throws {
        let json = """
            {"exported": "2026-06-01", "tickets": [
              {"Ticket ID": "C-1", "Created": "2026-01-04T09:00:00Z", "Solved at": "2026-01-10T16:20:00Z", "Cause": "Printer jam", "Status": "closed", "Score": 4.5},
              {"Ticket ID": "C-2", "Created": "2026-01-05T10:00:00Z", "Solved at": "2026-02-20T11:00:00Z", "Cause": "", "Status": "closed", "Score": 3},
              {"Ticket ID": "C-3", "Created": "2026-01-06T08:00:00Z", "Solved at": null, "Cause": null, "Status": "open", "Score": 5}
            ]}
            """
        let run = try await Self.log(json, format: "json", file: "tickets.json", extra: " records=\"/tickets\"")
        let csvRun = try await Self.log(Self.csv)
        #expect(run.results.map(\.status) == csvRun.results.map(\.status))
        #expect(run.findings.map(\.statement) == csvRun.findings.map(\.statement))
        #expect(run.findings.map(\.id) == csvRun.findings.map(\.id))
        #expect(run.findings.first?.evidence.line == 3)
        #expect(run.findings.first?.evidence.nativeLocator == "/tickets/1")
        // Without the pointer the only array of objects is found all the same.
        #expect(Self.outcome(try await Self.log(json, format: "json", file: "tickets.json")) == Self.outcome(run))
    }

    @Test("the log kept as an Excel workbook audits exactly like the CSV; one with only its header fails as 'no records'")
    func workbook() async throws {
        let workbook = try Data(contentsOf: fixturesFolder.appendingPathComponent("contracts/complaints.xlsx"))
        let item = TestItem(id: "CL", type: "complaints-log", file: "log.xlsx", format: "xlsx", date: "2026-06-01")
        let run = try await audit(ruleset: Self.ruleset, files: [:], binaryFiles: ["log.xlsx": workbook], items: [item])
        let csvRun = try await Self.log(Self.csv)
        #expect(run.results.map(\.status) == csvRun.results.map(\.status))
        #expect(run.findings.map(\.statement) == csvRun.findings.map(\.statement))
        #expect(run.findings.first?.evidence.nativeLocator == "Complaints!A3:F3")
        let empty = try Data(contentsOf: fixturesFolder.appendingPathComponent("contracts/complaints-header-only.xlsx"))
        let emptyRun = try await audit(ruleset: Self.ruleset, files: [:], binaryFiles: ["log.xlsx": empty], items: [item])
        #expect(emptyRun.results.map(\.status) == [.fail, .fail, .fail])
        #expect(emptyRun.findings.allSatisfy { $0.statement.hasPrefix("No records") })
    }

    @Test(
        "a required field missing from XML, CSV, JSON, XLSX or DOCX evidence is an error, never a pass",
        arguments: ["xml", "csv", "json", "xlsx", "docx"])
    func missingRequiredField(format: String) async throws {
        let contract = """
            <evidence-type id="thing">
              <description>A thing.</description>
              <records select="/things/thing" formats="xml"><field name="weight" type="number" required="true">W.</field></records>
              <records formats="csv json xlsx"><field name="weight" type="number" required="true">W.</field></records>
              <records select="/document/table/record" formats="docx"><field name="weight" type="number" required="true">W.</field></records>
            </evidence-type>
            """
        let ruleset = rulesetXML(
            evidenceTypes: contract,
            ruleXML(
                "T1",
                """
                <aggregate evidence="thing">
                  <let name="heavy" value="count(//*[number(weight) &gt; 10])"/>
                  <expect test="$heavy = 0">{$heavy} things are heavy.</expect>
                </aggregate>
                """))
        var files: [String: String] = [:]
        var binary: [String: Data] = [:]
        switch format {
        case "xml": files["thing.xml"] = "<things><thing><mass>12</mass></thing></things>"
        case "csv": files["thing.csv"] = "mass\n12\n"
        case "json": files["thing.json"] = "[{\"mass\": 12}]"
        case "xlsx": binary["thing.xlsx"] = try Data(contentsOf: fixturesFolder.appendingPathComponent("contracts/complaints.xlsx"))
        default: binary["thing.docx"] = try Data(contentsOf: fixturesFolder.appendingPathComponent("office/minutes.docx"))
        }
        let run = try await audit(
            ruleset: ruleset, files: files, binaryFiles: binary,
            items: [TestItem(id: "T", type: "thing", file: "thing.\(format)", format: format, date: "2026-06-01")])
        let result = try #require(run.results.first)
        #expect(result.status == .error)
        #expect(result.statement.contains("required field 'weight' is missing"))
    }
}

import AuditModel
import Testing

@Suite("Record assertions")
struct RecordCheckEvaluatorTests {
    static let complaints = """
        complaint-id,received,acknowledged,status
        C-1,2026-01-02,2026-01-03,closed
        C-2,2026-01-05,2026-01-12,closed
        C-3,2026-01-07,,open

        """
    static let items = [TestItem(id: "CL", type: "complaints-log", file: "complaints.csv", format: "csv", date: "2026-06-01")]

    static func rule(_ body: String, grade: String = "minor") -> String {
        rulesetXML(
            parameters: #"<parameter name="ack-days" type="integer" default="2"/>"#,
            ruleXML(
                "R-1", grade: grade,
                """
                <records evidence="complaints-log" select="/table/record" key="complaint-id">
                  <let name="after" value="cx:days-between(received, acknowledged)"/>
                  \(body)
                </records>
                """))
    }

    @Test("every record satisfying the assertion passes, with the record count")
    func passes() async throws {
        let run = try await audit(
            ruleset: Self.rule(#"<assert test="complaint-id != ''">Complaint without id.</assert>"#),
            files: ["complaints.csv": Self.complaints], items: Self.items)
        let result = try #require(run.results(for: "R-1").first)
        #expect(result.status == .pass)
        #expect(result.recordsChecked == 3)
        #expect(run.findings.isEmpty)
    }

    @Test("a failing record becomes a finding with its key, line, XPath and interpolated message")
    func failsWithTraceability() async throws {
        let run = try await audit(
            ruleset: Self.rule(
                #"<assert test="not(cx:is-date(acknowledged)) or $after &lt;= $ack-days">Complaint {complaint-id} acknowledged after {$after} days.</assert>"#),
            files: ["complaints.csv": Self.complaints], items: Self.items)
        let result = try #require(run.results(for: "R-1").first)
        #expect(result.status == .fail)
        #expect(result.recordsFailed == 1)
        let finding = try #require(run.findings.first)
        #expect(finding.statement == "Complaint C-2 acknowledged after 7 days.")
        #expect(finding.grade == .minor)
        #expect(finding.evidence.recordKey == "C-2")
        #expect(finding.evidence.line == 3)
        #expect(finding.evidence.xpath == "/table/record[2]")
        #expect(finding.evidence.nativeLocator == "record 2")
        #expect(finding.evidence.file == "complaints.csv")
        #expect(finding.evidence.sha256?.count == 64)
        #expect(finding.measurements.contains { $0.name == "after" && $0.number == 7 })
        #expect(result.findingIds == [finding.id])
    }

    @Test("report fails when its test holds, and an assertion may carry its own grade")
    func reportAndGradeOverride() async throws {
        let run = try await audit(
            ruleset: Self.rule(#"<report test="status = 'open'" grade="ofi">Complaint {complaint-id} is still open.</report>"#, grade: "major"),
            files: ["complaints.csv": Self.complaints], items: Self.items)
        let finding = try #require(run.findings.first)
        #expect(run.findings.count == 1)
        #expect(finding.grade == .ofi)
        #expect(finding.statement == "Complaint C-3 is still open.")
        #expect(run.results(for: "R-1").first?.grade == .ofi)
    }

    @Test("an XPath error in one rule is an error result and the other rules still run")
    func evaluationErrorIsContained() async throws {
        let ruleset = rulesetXML(
            ruleXML("R-BAD", #"<records evidence="complaints-log" select="/table/record"><assert test="cx:percentile(received, 150)">x</assert></records>"#),
            ruleXML("R-GOOD", #"<records evidence="complaints-log" select="/table/record"><assert test="true()">x</assert></records>"#))
        let run = try await audit(ruleset: ruleset, files: ["complaints.csv": Self.complaints], items: Self.items)
        let bad = try #require(run.results(for: "R-BAD").first)
        #expect(bad.status == .error)
        #expect(bad.statement.contains("rank must be between 0 and 100"))
        #expect(run.results(for: "R-GOOD").first?.status == .pass)
        #expect(run.isIncomplete)
    }

    @Test("records sharing a key still get distinct fingerprints")
    func duplicateKeys() async throws {
        let csv = "complaint-id,received,acknowledged,status\nC-1,2026-01-02,,open\nC-1,2026-01-03,,open\n"
        let run = try await audit(
            ruleset: Self.rule(#"<assert test="cx:is-date(acknowledged)">Complaint {complaint-id} not acknowledged.</assert>"#),
            files: ["complaints.csv": csv], items: Self.items)
        #expect(run.findings.count == 2)
        #expect(Set(run.findings.map(\.id)).count == 2)
    }

    @Test("the set-wise path (no lets) and the per-record path (with a let) give the same findings")
    func pathsAgree() async throws {
        let csv = "complaint-id,received,acknowledged,status\nC-1,2026-01-02,,open\nC-2,2026-01-03,2026-01-04,closed\nC-1,2026-01-05,,open\nC-4,2026-01-06,,pending\n"
        let assertions = """
            <assert test="cx:is-date(acknowledged)">Complaint {complaint-id} not acknowledged.</assert>
            <report test="status = 'pending'" grade="ofi">Complaint {complaint-id} pending.</report>
            """
        func ruleset(_ extra: String) -> String {
            rulesetXML(ruleXML("R", "<records evidence=\"complaints-log\" select=\"/table/record\" key=\"complaint-id\">\(extra)\(assertions)</records>"))
        }
        let setwise = try await audit(ruleset: ruleset(""), files: ["complaints.csv": csv], items: Self.items)
        let perRecord = try await audit(
            ruleset: ruleset(#"<let name="unused" value="1"/>"#), files: ["complaints.csv": csv], items: Self.items)
        #expect(setwise.findings.map(\.id) == perRecord.findings.map(\.id))
        #expect(setwise.findings.map(\.statement) == perRecord.findings.map(\.statement))
        #expect(setwise.findings.count == 4)
        #expect(setwise.results.first?.recordsFailed == perRecord.results.first?.recordsFailed)
    }
}

import AuditModel
import Testing

@Suite("Cross-references")
struct CrossReferenceCheckEvaluatorTests {
    static let ruleset = rulesetXML(
        ruleXML(
            "XREF",
            """
            <cross-reference evidence="complaints-log" select="/table/record[normalize-space(capa) != '']" key="capa" record-key="id"
                             target="capa" target-select="//actions" target-key="id"/>
            """))

    static let complaints = """
        id;capa
        C-1;CAPA-1
        C-2;
        C-3;CAPA-7
        C-4; CAPA-2

        """
    static let actions = """
        {"actions": [
          {"id": "CAPA-1"},
          {"id": "CAPA-2"}
        ]}
        """

    static let items = [
        TestItem(id: "CL", type: "complaints-log", file: "c.csv", format: "csv", date: "2026-05-01", extra: #" delimiter=";""#),
        TestItem(id: "CAPA", type: "capa", file: "capa.json", format: "json", date: "2026-05-01"),
    ]

    @Test("keys that resolve pass and a dangling key is a finding on the referencing record")
    func danglingReference() async throws {
        let run = try await audit(ruleset: Self.ruleset, files: ["c.csv": Self.complaints, "capa.json": Self.actions], items: Self.items)
        let result = try #require(run.results(for: "XREF").first)
        #expect(result.status == .fail)
        #expect(result.recordsChecked == 3)
        let finding = try #require(run.findings.first)
        #expect(run.findings.count == 1)
        #expect(finding.statement == "Record C-3 refers to CAPA-7, which no capa record has.")
        #expect(finding.evidence.line == 4)
        #expect(finding.evidence.recordKey == "C-3")
    }

    @Test("a missing target type fails as no evidence")
    func missingTarget() async throws {
        let run = try await audit(ruleset: Self.ruleset, files: ["c.csv": Self.complaints], items: [Self.items[0]])
        #expect(run.results(for: "XREF").first?.statement.contains("no item of type 'capa'") == true)
    }
}

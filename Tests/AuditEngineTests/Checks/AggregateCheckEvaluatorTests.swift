import AuditModel
import Testing

@Suite("Aggregates with thresholds")
struct AggregateCheckEvaluatorTests {
    static func survey(_ scores: [Int]) -> String {
        "<survey><invited>100</invited>" + scores.map { "<response><nps>\($0)</nps></response>" }.joined() + "</survey>"
    }

    static let ruleset = rulesetXML(
        parameters: #"<parameter name="nps-target" type="decimal" default="20"/>"#,
        ruleXML(
            "NPS", grade: "minor",
            """
            <aggregate evidence="survey">
              <let name="n" value="count(/survey/response)"/>
              <let name="nps" value="cx:nps(/survey/response/nps)"/>
              <expect test="$nps &gt;= $nps-target">NPS is {$nps} from {$n} responses, below {$nps-target}.</expect>
            </aggregate>
            """))

    @Test("an expectation that holds passes and the measures are recorded")
    func passes() async throws {
        let run = try await audit(
            ruleset: Self.ruleset, files: ["s.xml": Self.survey([10, 10, 9, 8, 3])],
            items: [TestItem(id: "S1", type: "survey", file: "s.xml", format: "xml", date: "2026-05-01")])
        let result = try #require(run.results(for: "NPS").first)
        #expect(result.status == .pass)
        #expect(result.measurements.first { $0.name == "nps" }?.number == 40)
        #expect(result.measurements.first { $0.name == "n" }?.value == "5")
    }

    @Test("a threshold that is missed states the measured value")
    func fails() async throws {
        let run = try await audit(
            ruleset: Self.ruleset, files: ["s.xml": Self.survey([10, 5, 3, 8])],
            items: [TestItem(id: "S1", type: "survey", file: "s.xml", format: "xml", date: "2026-05-01")])
        let finding = try #require(run.findings(for: "NPS").first)
        #expect(finding.statement == "NPS is -25 from 4 responses, below 20.")
        #expect(finding.evidence.itemId == "S1")
        #expect(finding.evidence.line == nil)
        #expect(run.results(for: "NPS").first?.status == .fail)
    }

    @Test("a rule whose evidence type has no items fails as no evidence")
    func noEvidence() async throws {
        let run = try await audit(ruleset: Self.ruleset, files: [:], items: [])
        let result = try #require(run.results(for: "NPS").first)
        #expect(result.status == .fail)
        #expect(result.statement.contains("No evidence"))
        #expect(run.findings(for: "NPS").count == 1)
    }
}

import AuditModel
import Testing

@Suite("Freshness")
struct FreshnessCheckEvaluatorTests {
    static let ruleset = rulesetXML(
        parameters: #"<parameter name="interval" type="duration" default="P6M"/>"#,
        ruleXML(
            "SURVEY", grade: "major",
            #"<freshness evidence="survey" max-age="$interval"><message>Last survey {$item} on {$newest} is {$age-days} days old (limit {$max-age}).</message></freshness>"#))

    static func run(_ date: String) async throws -> AuditRun {
        try await audit(
            ruleset: ruleset, files: ["s.xml": "<survey/>", "old.xml": "<survey/>"],
            items: [
                TestItem(id: "OLD", type: "survey", file: "old.xml", format: "xml", date: "2024-01-01"),
                TestItem(id: "NEW", type: "survey", file: "s.xml", format: "xml", date: date),
            ])
    }

    @Test("a newest item inside the maximum age passes (the boundary day included)")
    func passes() async throws {
        let result = try #require(try await Self.run("2025-12-30").results(for: "SURVEY").first)
        #expect(result.status == .pass)
        #expect(result.itemId == "NEW")
    }

    @Test("a stale newest item is a major finding with the measured age")
    func fails() async throws {
        let run = try await Self.run("2025-12-29")
        let finding = try #require(run.findings(for: "SURVEY").first)
        #expect(finding.statement == "Last survey NEW on 2025-12-29 is 183 days old (limit 6 months).")
        #expect(finding.evidence.itemId == "NEW")
        #expect(finding.evidence.sha256 != nil)
    }
}

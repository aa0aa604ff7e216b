import AuditModel
import AuditReports
import Testing

@Suite("Conformity score")
struct ConformityScoreTests {
    @Test("counts each evaluated rule once; not-applicable rules are left out")
    func score() {
        var run = sampleRun()
        #expect(ConformityScore.percentage(of: run) == 50)
        run.results.append(
            RuleResult(rulesetId: "rs", ruleId: "R-3", clause: "8.3", itemId: nil, evidenceType: "x", status: .notapplicable, grade: .major, statement: ""))
        #expect(ConformityScore.percentage(of: run) == 50)
        run.results.append(
            RuleResult(rulesetId: "rs", ruleId: "R-4", clause: "8.3", itemId: nil, evidenceType: "x", status: .error, grade: .major, statement: ""))
        #expect(ConformityScore.percentage(of: run) == 33.3)
    }
}

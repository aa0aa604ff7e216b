import AuditModel
import Testing

@Suite("Conformity scoring")
struct ConformityScoringTests {
    @Test("a run with nothing evaluated has no score, not 0% or 100%")
    func nothingEvaluated() {
        #expect(run().conformityScore == nil)
        #expect(run(results: [result(.notapplicable, rule: "R-1"), result(.notchecked, rule: "R-2")]).conformityScore == nil)
    }

    @Test("the score is the share of evaluated rules that conform, with one decimal")
    func share() {
        #expect(run(results: [result(.pass, rule: "R-1")]).conformityScore == 100)
        #expect(run(results: [result(.fail, rule: "R-1")]).conformityScore == 0)
        #expect(run(results: [result(.pass, rule: "R-1"), result(.fail, rule: "R-2"), result(.fail, rule: "R-3")]).conformityScore == 33.3)
        #expect(run(results: [result(.pass, rule: "R-1"), result(.pass, rule: "R-2"), result(.fail, rule: "R-3")]).conformityScore == 66.7)
        let sevenOfEight = (1...8).map { result($0 == 8 ? .fail : .pass, rule: "R-\($0)") }
        #expect(run(results: sevenOfEight).conformityScore == 87.5)
    }

    @Test("a rule counts once however many items it read, and conforms only when none of its results failed")
    func ruleCountsOnce() {
        let results = [
            result(.pass, rule: "R-1", item: "S-1"), result(.pass, rule: "R-1", item: "S-2"), result(.pass, rule: "R-1", item: "S-3"),
            result(.pass, rule: "R-2", item: "S-1"), result(.fail, rule: "R-2", item: "S-2"),
        ]
        #expect(run(results: results).conformityScore == 50)
    }

    @Test("waived counts as conforming; an error counts as not conforming, because nothing was shown")
    func waivedAndErrors() {
        #expect(run(results: [result(.waived, rule: "R-1"), result(.pass, rule: "R-2")]).conformityScore == 100)
        #expect(run(results: [result(.error, rule: "R-1"), result(.pass, rule: "R-2")]).conformityScore == 50)
        #expect(run(results: [result(.pass, rule: "R-1", item: "A"), result(.error, rule: "R-1", item: "B")]).conformityScore == 0)
        #expect(run(results: [result(.error, rule: "R-1")]).conformityScore == 0)
    }

    @Test("not-applicable and not-checked rules are left out, even beside evaluated results of the same rule")
    func leftOut() {
        let results = [
            result(.pass, rule: "R-1"), result(.fail, rule: "R-2"), result(.notapplicable, rule: "R-3"), result(.notchecked, rule: "R-4"),
        ]
        #expect(run(results: results).conformityScore == 50)
        #expect(run(results: [result(.pass, rule: "R-1", item: "A"), result(.notchecked, rule: "R-1", item: "B")]).conformityScore == 100)
    }

    @Test("rules with the same id in two rulesets are two rules")
    func rulesetsKeptApart() {
        let results = [result(.pass, rule: "R-1", ruleset: "a"), result(.fail, rule: "R-1", ruleset: "b")]
        #expect(run(results: results).conformityScore == 50)
    }

    @Test("a clause's score counts only its own rules of its own ruleset")
    func clauseScore() {
        let scored = run(results: [
            result(.pass, rule: "R-1", ruleset: "a"), result(.fail, rule: "R-2", ruleset: "a"), result(.pass, rule: "R-3", ruleset: "a"),
            result(.fail, rule: "R-1", ruleset: "b"),
        ])
        #expect(scored.conformityScore(rulesetId: "a", ruleIds: ["R-1", "R-3"]) == 100)
        #expect(scored.conformityScore(rulesetId: "a", ruleIds: ["R-1", "R-2"]) == 50)
        #expect(scored.conformityScore(rulesetId: "b", ruleIds: ["R-1"]) == 0)
        #expect(scored.conformityScore(rulesetId: "a", ruleIds: []) == nil, "a clause with no rule is not scored")
        #expect(scored.conformityScore(rulesetId: "c", ruleIds: ["R-1"]) == nil)
    }
}

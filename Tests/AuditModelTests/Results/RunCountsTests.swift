import AuditModel
import Testing

@Suite("Run counts: one definition of the numbers every output states")
struct RunCountsTests {
    /// One waived major, one active major, one active minor, one new active OFI; a waived
    /// result, a not-checked one, and a baseline with one resolved finding.
    static func adjudicated() -> AuditRun {
        var findings = [finding("waived-major", .major, waivedBy: "W-1"), finding("major", .major), finding("minor", .minor), finding("ofi", .ofi)]
        for index in findings.indices { findings[index].baseline = findings[index].id == "ofi" || findings[index].id == "waived-major" ? .new : .unchanged }
        var audited = run(
            results: [result(.waived, .major, rule: "R-1"), result(.fail, .major, rule: "R-2"), result(.notchecked, rule: "R-3"), result(.pass, rule: "R-4")],
            findings: findings)
        audited.clauses = [
            ClauseSummary(rulesetId: "rs", number: "8.2.1", title: "Communication", intent: "i", crosswalk: [], verdict: .conforming, ruleIds: ["R-1"]),
            ClauseSummary(rulesetId: "rs", number: "9.3", title: "Review", intent: "i", crosswalk: [], verdict: .majorNonconformity, ruleIds: ["R-2"]),
        ]
        audited.baseline = BaselineComparison(
            file: "baseline.json", baselineAsOf: "2026-10-31", newFindings: ["waived-major", "ofi"], unchangedFindings: ["major", "minor"],
            resolvedFindings: [BaselineComparison.ResolvedFinding(id: "gone", ruleId: "R-9", grade: .minor, itemId: nil, recordKey: nil, statement: "Fixed.")],
            waiverChanged: [])
        return audited
    }

    @Test("a waived finding counts as waived, never under its grade")
    func waivedIsNotActive() {
        let counts = RunCounts(Self.adjudicated())
        #expect(counts.findings == GradeCounts(major: 1, minor: 1, ofi: 1))
        #expect(counts.waived == GradeCounts(major: 1))
    }

    @Test("results are counted for every status, waived and not checked included")
    func everyStatus() {
        #expect(RunCounts(Self.adjudicated()).results == StatusCounts(pass: 1, fail: 1, notChecked: 1, waived: 1))
    }

    @Test("clauses are counted for every verdict")
    func verdicts() {
        let clauses = RunCounts(Self.adjudicated()).clauses
        #expect(clauses.count == ClauseVerdict.allCases.count)
        #expect(clauses[.conforming] == 1)
        #expect(clauses[.majorNonconformity] == 1)
        #expect(clauses[.notAssessed] == 0)
    }

    @Test("with a baseline: new and unchanged findings, waived ones included, and the resolved ones; without: nothing")
    func baseline() {
        let counts = RunCounts(Self.adjudicated())
        #expect(counts.baseline == RunCounts.Baseline(new: 2, unchanged: 2, resolved: 1, newFindings: GradeCounts(ofi: 1)))
        #expect(RunCounts(run(findings: [finding("f", .major)])).baseline == nil)
    }

    @Test(
        "the findings that fail a run are active ones at or above the threshold, only new ones when asked",
        arguments: [
            (Grade?.some(.major), false, 1), (.major, true, 0), (.minor, false, 2), (.ofi, false, 3), (.ofi, true, 1), (nil, false, 0),
        ])
    func failing(threshold: Grade?, onlyNew: Bool, expected: Int) {
        #expect(RunCounts(Self.adjudicated()).failing(threshold: threshold, onlyNew: onlyNew) == expected)
    }

    @Test("only new without a baseline: every active finding is new")
    func onlyNewWithoutBaseline() {
        let counts = RunCounts(run(findings: [finding("f", .major), finding("w", .major, waivedBy: "W-1")]))
        #expect(counts.failing(threshold: .major, onlyNew: true) == 1)
    }

    @Test("the findings that fail a run are exactly those findings(atLeast:) lists", arguments: Grade.allCases)
    func agreesWithFindingsAtLeast(_ grade: Grade) {
        let audited = Self.adjudicated()
        #expect(RunCounts(audited).failing(threshold: grade, onlyNew: false) == audited.findings(atLeast: grade).count)
    }
}

import AuditModel
import AuditReports
import Testing

@Suite("Console report")
struct ConsoleReportTests {
    @Test("groups by clause with verdicts, and states where each finding is")
    func groupsByClause() {
        let text = ConsoleReport(colors: false).render(sampleRun())
        #expect(text.contains("8.2.1 Customer communication  MINOR NONCONFORMITY"))
        #expect(text.contains("9.3 Management review  CONFORMING"))
        #expect(text.contains("✗ MINOR R-1 [CL]: 1 of 40 records do not conform."))
        #expect(text.contains("log.csv:12 [C-7] Complaint C-0 was acknowledged late."))
        #expect(text.contains("→ Acknowledge within 2 days."))
        #expect(text.contains("Conformity score: 50% of evaluated rules conform"))
        #expect(!text.contains("\u{1B}["))
    }

    @Test("long lists are cut with a count of what is left")
    func truncates() {
        let text = ConsoleReport(colors: false, findingsPerResult: 3).render(sampleRun(findingCount: 10))
        #expect(text.contains("… and 7 more"))
        #expect(!text.contains("Complaint C-3 "))
    }

    @Test("colours are ANSI sequences only when asked for")
    func colours() {
        #expect(ConsoleReport(colors: true).render(sampleRun()).contains("\u{1B}[33m✗ MINOR\u{1B}[0m"))
    }

    @Test("a waived finding is listed with its waiver, counted as waived; findings are marked against the baseline; resolved ones listed")
    func waiversAndBaseline() {
        let text = ConsoleReport(colors: false).render(edgeCaseRun())
        #expect(text.contains("Findings: 1 major, 0 minor, 1 ofi, 2 waived · Results: 0 pass, 2 fail, 1 error, 1 not applicable, 0 not checked, 1 waived"))
        #expect(text.contains("Baseline: 1 new, 3 unchanged, 1 resolved (against baselines/previous results.json)"))
        #expect(text.contains("      complaints/log <2026>.csv:9 [C-2] Complaint C-2 was not acknowledged. (new)"))
        #expect(text.contains("was not acknowledged. (unchanged)"), "the active finding of the same result")
        #expect(text.contains(
            "        ~ waived: waiver W-REC, approved by Rajesh Iyer & Co, expires 2027-01-31: Acknowledged by post <2026-11-02>; the log was not updated | =SUM(A1)"))
        #expect(text.contains("  ~ WAIVED E-5: =HYPERLINK(\"http://evil\") only 12 responses; waived until 2027-01-31. (unchanged)"))
        #expect(text.contains("      ~ waived: waiver W-RULE, approved by Helen Marsh, expires 2027-01-31: Survey paused during the *system* migration."))
        #expect(text.contains("Resolved since the baseline (baselines/previous results.json, as of 2026-10-31)"))
        #expect(text.contains("  ✓ RESOLVED E-1 [CL&1 =C-0] (was major): Complaint <C-0> was not acknowledged | *late*."))
    }
}

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
}

import AuditModel
import AuditReports
import Foundation
import Testing

@Suite("Markdown summary")
struct MarkdownSummaryTests {
    @Test("counts, score, a row per clause, and what to fix with the most serious first")
    func content() throws {
        let text = try ReportInput.northwind.text(.markdown)
        #expect(text.hasPrefix("## cxaudit: Northwind Home Goods Ltd — as of 2026-11-30\n"))
        #expect(text.contains("**1 major · 14 minor · 1 OFI**"))
        let tableRows = text.split(separator: "\n").filter { $0.hasPrefix("| ") && !$0.hasPrefix("| Clause") }
        #expect(tableRows.count == NorthwindFixture.run.clauses.count)
        let fixes = section("### What to fix", of: text).filter { $0.hasPrefix("- ") }
        #expect(fixes.first?.contains("**Major nonconformity** `ISO9001-9.3-01`") == true)
        #expect(fixes.count == NorthwindFixture.run.results.filter { $0.status == .fail }.count)
    }

    @Test("recorded runs are a small table: the score and each clause's verdict per run, the most recent six")
    func overTime() throws {
        var input = HTMLHistorySectionTests.withHistory
        let text = try input.text(.markdown)
        #expect(text.contains("### Over time"))
        #expect(text.contains("| | 2026-10-01 #1 | 2026-11-01 #2 | 2026-12-01 #3 |"))
        #expect(text.contains("| Conformity score | 50% | 75% | 100% |"))
        #expect(text.contains("| 8.2.1 Customer communication | 🔴 | 🟠 | ✅ |"))
        #expect(text.contains("| 9.3 Management review | – | – | – |"))
        input.context.history = (1...9).map { HTMLHistorySectionTests.run(Int64($0), score: 90, "8.2.1", .conforming) }
        let long = try input.text(.markdown)
        #expect(long.contains("| | 2026-10-01 #4 |") == false)
        #expect(long.contains("#4 |") && !long.contains("#3 |"), "the last six of nine runs")
        #expect(long.contains("the last 6 of 9 recorded runs"))
        #expect(try ReportInput.sample().text(.markdown).contains("_No run history is recorded: record each run with `cxaudit check --history`"))
    }

    @Test("evidence text cannot inject HTML, links or table cells")
    func escaping() throws {
        let text = try ReportInput.edgeCases.text(.markdown)
        #expect(!text.contains("<script>"))
        #expect(text.contains("&lt;script&gt;"))
        #expect(!text.contains("[link](x)"))
        #expect(text.contains("\\[link\\](x)"))
        #expect(text.contains("\\| \\*bold\\*"))
        #expect(text.contains("Acme &amp; Sons &lt;Ltd&gt;"))
        #expect(text.contains("> **The run is incomplete:**"))
    }

    @Test("a run with 100,000 failing results stays under GitHub's comment limit")
    func budget() throws {
        let text = try ReportInput.large(rules: 4, items: 25_000).text(.markdown)
        #expect(text.count < 65_536, "\(text.count) characters")
        #expect(text.contains("more failing results (see the HTML report or JSON results)"))
    }

    /// The lines of the section headed `heading`, up to the next heading.
    private func section(_ heading: String, of text: String) -> [Substring] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(of: Substring(heading)) else { return [] }
        let rest = lines[(start + 1)...]
        return Array(rest.prefix { !$0.hasPrefix("### ") && !$0.hasPrefix("<sub>") })
    }

    @Test("a waived record is listed under Waived findings with its waiver, not under What to fix; counts say waived")
    func waivedFindings() throws {
        let text = try ReportInput.edgeCases.text(.markdown)
        #expect(text.contains("**1 major · 0 minor · 1 OFI** · 2 waived"))
        #expect(text.contains("results: 0 pass, 2 fail, 1 error, 1 not applicable, 0 not checked, 1 waived"))
        #expect(text.contains("| 8.2.1 Communication &amp; \"feedback\" | 🔴 Major nonconformity | 1 major, 1 waived |"))
        let fixes = section("### What to fix", of: text).joined(separator: "\n")
        #expect(!fixes.contains("C-2"), "the waived record of E-1 is not something to fix")
        #expect(!fixes.contains("E-5"))
        let waived = section("### Waived findings", of: text).filter { $0.hasPrefix("- ") || $0.hasPrefix("  - ") }
        #expect(waived.count == 4)
        #expect(waived[0].contains("`E-1` `CL&1` (8.2.1) `complaints/log <2026>.csv:9 [C-2]`: Complaint C-2 was not acknowledged."))
        #expect(waived[1] == "  - Waived: waiver W-REC, approved by Rajesh Iyer &amp; Co, expires 2027-01-31: Acknowledged by post &lt;2026-11-02&gt;; the log was not updated \\| =SUM(A1)")
        #expect(waived[3].contains("waiver W-RULE, approved by Helen Marsh, expires 2027-01-31: Survey paused during the \\*system\\* migration."))
    }

    @Test("with a baseline, each listed finding is marked new or unchanged, and resolved findings are listed")
    func baseline() throws {
        let text = try ReportInput.edgeCases.text(.markdown)
        #expect(text.contains("· baseline: 1 new, 3 unchanged, 1 resolved"))
        #expect(text.contains("was not acknowledged. · unchanged"))
        #expect(text.contains("Complaint C-2 was not acknowledged. · 🆕 **new**"))
        #expect(text.contains("CSAT fell from 4.4 to 3.8. · unchanged"), "a lone finding's mark is on its result's line")
        let resolved = section("### Resolved since the baseline", of: text).filter { $0.hasPrefix("- ") }
        #expect(resolved == ["- ✅ `E-1` `complaints/log <2026>.csv [=C-0]` (was major): Complaint &lt;C-0&gt; was not acknowledged \\| \\*late\\*."])
        #expect(try !ReportInput.northwind.text(.markdown).contains("baseline"), "no baseline, no comparison")
    }

    @Test("about this audit: auditee, objectives, scope with exclusions, criteria, tailoring, dates, what was examined and the basis")
    func aboutThisAudit() throws {
        let about = section("### About this audit", of: try ReportInput.edgeCases.text(.markdown)).filter { $0.hasPrefix("- ") }
        #expect(about.map { String($0.prefix { $0 != ":" }) } == [
            "- **Auditee", "- **Objectives", "- **Scope", "- **Criteria", "- **Audited against", "- **Crosswalks", "- **Tailoring", "- **Audit date",
            "- **Evidence period", "- **Examined", "- **Basis of the conclusions",
        ])
        #expect(about.contains("- **Audited against:** ISO 9001:2015 &lt;QMS&gt; &amp; \"requirements\" (edition 2015, with Amd 1:2024) — edge"))
        #expect(about.contains { $0.hasPrefix("- **Crosswalks:** edge: ISO 9001:2008 (published, 1 of 5 clauses); ISO 9001:2026 (provisional, 1 of 5 clauses; source draft: ISO/FDIS 9001") })
        #expect(about.contains("- **Evidence period:** 2026-10-01 to 2026-11-20"))
        #expect(about.contains { $0.hasPrefix("- **Examined:** 2 evidence items listed in evidence-register.xml; 4 rule results evaluated") && $0.contains("not a sample") })
    }
}

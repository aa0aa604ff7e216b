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
        let fixes = text.split(separator: "\n").filter { $0.hasPrefix("- ") }
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
}

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

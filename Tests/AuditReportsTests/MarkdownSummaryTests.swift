import AuditModel
import AuditReports
import Foundation
import Testing

@Suite("Markdown summary")
struct MarkdownSummaryTests {
    private func markdown(_ run: AuditRun, _ context: ReportContext) -> String {
        String(decoding: MarkdownSummary.render(run, context: context), as: UTF8.self)
    }

    @Test("the sample run renders to its snapshot")
    func northwindSnapshot() throws {
        try Snapshots.assertMatches(MarkdownSummary.render(NorthwindFixture.run, context: NorthwindFixture.context), named: "northwind.summary.md")
    }

    @Test("the edge-case run renders to its snapshot")
    func edgeCaseSnapshot() throws {
        try Snapshots.assertMatches(MarkdownSummary.render(edgeCaseRun(), context: edgeCaseContext), named: "edge-cases.summary.md")
    }

    @Test("counts, score, a row per clause, and what to fix with the most serious first")
    func content() throws {
        let run = NorthwindFixture.run
        let text = markdown(run, NorthwindFixture.context)
        #expect(text.hasPrefix("## cxaudit: Northwind Home Goods Ltd — as of 2026-11-30\n"))
        #expect(text.contains("**1 major · 14 minor · 1 OFI**"))
        let tableRows = text.split(separator: "\n").filter { $0.hasPrefix("| ") && !$0.hasPrefix("| Clause") }
        #expect(tableRows.count == run.clauses.count)
        let fixes = text.split(separator: "\n").filter { $0.hasPrefix("- ") }
        #expect(fixes.first?.contains("**Major nonconformity** `ISO9001-9.3-01`") == true)
        #expect(fixes.count == run.results.filter { $0.status == .fail }.count)
    }

    @Test("evidence text cannot inject HTML, links or table cells")
    func escaping() {
        let text = markdown(edgeCaseRun(), edgeCaseContext)
        #expect(!text.contains("<script>"))
        #expect(text.contains("&lt;script&gt;"))
        #expect(!text.contains("[link](x)"))
        #expect(text.contains("\\[link\\](x)"))
        #expect(text.contains("\\| \\*bold\\*"))
        #expect(text.contains("Acme &amp; Sons &lt;Ltd&gt;"))
        #expect(text.contains("> **The run is incomplete:**"))
    }

    @Test("a run with 100,000 failing results stays under GitHub's comment limit")
    func budget() {
        let text = markdown(largeRun(rules: 4, items: 25_000), ReportContext(generatedAt: ReportTimestamp(secondsSinceEpoch: 0)))
        #expect(text.count < 65_536, "\(text.count) characters")
        #expect(text.contains("more failing results (see the HTML report or JSON results)"))
    }
}

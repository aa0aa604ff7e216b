import AuditModel
import AuditReports
import Foundation
import Testing

@Suite("Report formats")
struct ReportFormatTests {
    @Test("each format has its own file name in --output-dir, with its extension")
    func fileNames() {
        let names = ReportFormat.allCases.map(\.fileName)
        #expect(Set(names).count == names.count)
        for format in ReportFormat.allCases {
            #expect(format.fileName.hasSuffix("." + format.fileExtension))
        }
    }

    @Test("the sample and the edge-case run render to each format's golden files", arguments: ReportFormat.withGoldenFiles, GoldenRun.allCases)
    func goldenFiles(format: ReportFormat, run: GoldenRun) throws {
        let suffix = try #require(format.goldenFileSuffix)
        try Snapshots.assertMatches(run.input.rendered(format), named: "\(run.rawValue).\(suffix)")
    }

    @Test("same input, same bytes", arguments: ReportFormat.allCases)
    func deterministic(format: ReportFormat) throws {
        let first = try ReportInput.northwind.rendered(format)
        let second = try ReportInput.northwind.rendered(format)
        #expect(first == second)
        #expect(!first.isEmpty)
        #expect(try ReportInput.edgeCases.rendered(format) == ReportInput.edgeCases.rendered(format))
    }

    @Test("the timestamp is the only thing that depends on when the report is made", arguments: ReportFormat.allCases)
    func onlyTheTimestampMoves(format: ReportFormat) throws {
        var later = ReportInput.northwind
        later.context.generatedAt = ReportTimestamp(secondsSinceEpoch: 1_800_000_000)
        let first = try ReportInput.northwind.text(format)
        let second = try later.text(format)
        #expect(
            first.replacingOccurrences(of: "2026-11-30T08:00:00", with: "T")
                == second.replacingOccurrences(of: later.context.generatedAt.iso8601WithoutZone, with: "T"))
    }

    @Test("every format renders every status, grade and verdict without losing a finding", arguments: ReportFormat.allCases)
    func everyFindingAppears(format: ReportFormat) throws {
        let input = ReportInput.edgeCases
        let text = try input.text(format)
        switch format {
        case .console, .markdown, .html:
            #expect(text.contains("CSAT fell from 4.4 to 3.8."))
        case .json, .sarif, .svrl, .oscal:
            #expect(text.contains(input.run.findings[0].id))
            #expect(text.contains(input.run.findings[1].id))
        case .junit, .csv:
            #expect(text.contains("CSAT fell from 4.4 to 3.8."))
        }
    }
}

@Suite("Report formats at scale")
struct ReportFormatScaleTests {
    /// 10,000 failing results with a finding each: large enough to show a rendering
    /// that is not linear, small enough for a debug build in CI. The HTML and Markdown
    /// tests check the 100,000-result case, where aggregation matters.
    static let input = ReportInput.large(rules: 4, items: 2_500)

    @Test("every format renders a large run completely", arguments: ReportFormat.allCases)
    func rendersAtScale(format: ReportFormat) throws {
        let text = try Self.input.text(format)
        switch format {
        case .json, .sarif, .svrl, .oscal:
            #expect(text.contains("f-3-2499"), "the last finding is there")
        case .console, .junit, .csv:
            #expect(text.contains("Survey S-2499 misses target 3."))
        case .html, .markdown:
            #expect(text.contains("more"), "long lists are cut with a count")
        }
    }
}

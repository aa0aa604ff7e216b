import AuditModel
import AuditReports
import CalendarDates
import Foundation
import Testing

@Suite("HTML report over time")
struct HTMLHistorySectionTests {
    /// The sample run with three recorded runs: clause 8.2.1 improves from major to conforming.
    static var withHistory: ReportInput {
        var input = ReportInput.sample()
        input.context.history = [
            run(1, score: 50, "8.2.1", .majorNonconformity),
            run(2, score: 75, "8.2.1", .minorNonconformity),
            run(3, score: 100, "8.2.1", .conforming),
        ]
        return input
    }

    static func run(_ number: Int64, score: Double?, _ clause: String, _ verdict: ClauseVerdict) -> RecordedRun {
        RecordedRun(
            number: number, asOf: CalendarDate(year: 2026, month: 9 + Int(number), day: 1) ?? CalendarDate(daysSinceEpoch: 0),
            conformityScore: score, clauses: [RecordedRun.ClauseVerdictPoint(rulesetId: "rs", clause: clause, verdict: verdict)])
    }

    @Test("with recorded runs: the score chart and a column per run with each clause's verdict, oldest first")
    func trendPerClause() throws {
        let page = try Self.withHistory.text(.html)
        let section = try #require(page.components(separatedBy: "<section id=\"history\">").last?.components(separatedBy: "</section>").first)
        #expect(section.contains("<h2>Over time</h2>"))
        #expect(section.contains("class=\"trend history-chart\""))
        let headers = section.components(separatedBy: "<th class=\"run\">").dropFirst().map { String($0.prefix(60)) }
        #expect(headers.count == 3)
        #expect(headers.first?.hasPrefix("<span class=\"tok\">2026-10-01</span><br>#1") == true)
        let clauseRow = try #require(section.components(separatedBy: "<tr>").first { $0.contains("<b>8.2.1</b>") })
        let verdicts = clauseRow.components(separatedBy: "\">").compactMap { $0.components(separatedBy: "</span>").first }.filter { ["Major", "Minor", "OK"].contains($0) }
        #expect(verdicts == ["Major", "Minor", "OK"])
        let otherClause = try #require(section.components(separatedBy: "<tr>").first { $0.contains("<b>9.3</b>") })
        #expect(otherClause.components(separatedBy: "<span class=\"muted\">–</span>").count - 1 == 3, "not assessed in those runs")
        #expect(section.contains("<td class=\"num\">50 %</td><td class=\"num\">75 %</td><td class=\"num\">100 %</td>"))
        #expect(page.contains("<a href=\"#history\">Over time</a>"))
    }

    @Test("a change of the edition audited against is marked before the run, in the table and in a note, never compared across silently")
    func editionBreak() throws {
        var input = ReportInput.sample()
        var runs = [
            Self.run(1, score: 50, "8.2.1", .majorNonconformity), Self.run(2, score: 75, "8.2.1", .minorNonconformity),
            Self.run(3, score: 60, "8.2.1", .minorNonconformity),
        ]
        runs[0].editions = ["rs": "iso9001-2015 2015"]
        runs[1].editions = ["rs": "iso9001-2015 2015"]
        runs[2].editions = ["rs": "iso9001-2026 2026"]
        input.context.history = runs
        let page = try input.text(.html)
        let section = try #require(page.components(separatedBy: "<section id=\"history\">").last?.components(separatedBy: "</section>").first)
        #expect(section.components(separatedBy: "<th class=\"run edition-break\"").count - 1 == 1)
        #expect(section.contains("title=\"Edition changed: rs: iso9001-2015 2015 → iso9001-2026 2026\""))
        #expect(section.contains("<td class=\"num edition-break\">60 %</td>"))
        let clauseRow = try #require(section.components(separatedBy: "<tr>").first { $0.contains("<b>8.2.1</b>") })
        #expect(clauseRow.components(separatedBy: "<td class=\"edition-break\">").count - 1 == 1)
        #expect(section.contains("where the edition audited against changed (rs: iso9001-2015 2015 → iso9001-2026 2026)"))
        let markdown = try input.text(.markdown)
        #expect(markdown.contains("| ‖ 2026-12-01 #3 |"))
        #expect(markdown.contains("‖ the edition audited against changed before that run (rs: iso9001-2015 2015 → iso9001-2026 2026)"))
        // Without editions recorded (older runs), nothing is marked.
        #expect(!(try Self.withHistory.text(.html)).contains("edition-note"))
    }

    @Test("twelve runs: the chart shows all of them, the verdict table the last six so it fits a page")
    func manyRuns() throws {
        var input = ReportInput.sample()
        input.context.history = (1...12).map { Self.run(Int64($0), score: Double($0), "8.2.1", .conforming) }
        let page = try input.text(.html)
        #expect(page.components(separatedBy: "<th class=\"run\">").count - 1 == 6)
        #expect(page.contains("#7</th>") && !page.contains("#6</th>"))
        #expect(page.contains(">1 %</text>") && page.contains(">12 %</text>"), "every run is a point of the chart")
        #expect(page.contains("over the 12 most recent recorded runs (the table: the last 6)"))
    }

    @Test("without history the section says how to start recording runs")
    func howToEnable() throws {
        let page = try ReportInput.sample().text(.html)
        #expect(page.contains("<section id=\"history\">"))
        #expect(page.contains("No run history is recorded"))
        #expect(page.contains("<code>cxaudit check --history</code>"))
        #expect(!page.contains("history-chart"))
    }
}

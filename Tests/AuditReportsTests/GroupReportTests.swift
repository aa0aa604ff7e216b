import AuditHistory
import AuditModel
import AuditReports
import CalendarDates
import Foundation
import Testing

@Suite("Group report")
struct GroupReportTests {
    static func overview() -> GroupOverview {
        let run = RunSummary(
            id: RunID(rawValue: 7), recordedAt: Date(timeIntervalSince1970: 1_800_000_000), asOf: CalendarDate(year: 2027, month: 1, day: 15)!,
            toolVersion: "1", evidenceFolder: "ev", organization: "Org", rulesets: [], profiles: [], conformityScore: 50,
            findings: GradeCounts(major: 1), waivedFindings: 0, results: StatusCounts(pass: 1, fail: 1), incomplete: false, site: "l<eeds")
        let finding = RecordedFinding(
            fingerprint: "f", rulesetId: "rs", ruleId: "R-1", grade: .major, clause: "9.3", itemId: "MR", recordKey: nil, waived: false,
            statement: "No review <script>.")
        return GroupOverview(
            store: "postgres://db/cx", generatedAt: Date(timeIntervalSince1970: 1_800_000_100), windowDays: 7, periodDays: 7,
            sites: [
                .init(id: "l<eeds", name: "Leeds & co", status: .reporting, latestRun: run, findings: [finding]),
                .init(id: "hull", name: nil, status: .neverReported, latestRun: nil, findings: []),
            ],
            clauses: [
                .init(
                    rulesetId: "rs", clause: "9.3", title: "Management review", verdicts: [.majorNonconformity, nil],
                    trend: [.init(start: "2027-01-01", end: "2027-01-07", assessed: 2, conforming: 1, silent: 0)])
            ])
    }

    @Test("each cell is coloured by verdict and links to its site's findings; a missing site is hatched, never a verdict")
    func cells() {
        let page = GroupReport.html(Self.overview())
        #expect(page.contains("<td class=\"cell major\"><a href=\"#site-l_3ceeds\">Major nonconformity</a></td>"))
        #expect(page.contains("<section id=\"site-l_3ceeds\">"))
        #expect(page.contains("<td class=\"cell missing\" title=\"no run within the window\"><a href=\"#site-hull\">missing</a></td>"))
        #expect(page.contains("<li><strong>hull</strong>: never reported</li>"))
        #expect(page.contains("title=\"2027-01-01 to 2027-01-07: 1 of 2 sites conforming, 0 without a run\">1/2</span>"))
    }

    @Test("everything from the store is escaped")
    func escaping() {
        let page = GroupReport.html(Self.overview())
        #expect(!page.contains("<script>"))
        #expect(page.contains("No review &lt;script&gt;."))
        #expect(page.contains("l&lt;eeds — Leeds &amp; co"))
    }
}

import AuditEngine
import AuditHistory
import AuditModel
import CalendarDates
@testable import cxaudit
import Foundation
import Testing

@Suite("A site's risk from its recorded runs")
struct SiteRiskHistoryTests {
    static func run(
        _ id: Int64, site: String, score: Double?, majors: Int = 0, edition: String = "iso9001-2015 2015", day: Int? = nil
    ) -> RunSummary {
        RunSummary(
            id: RunID(rawValue: id), recordedAt: Date(timeIntervalSince1970: Double(day ?? Int(id)) * 86_400),
            asOf: CalendarDate(daysSinceEpoch: day ?? Int(id)), toolVersion: "1", evidenceFolder: "evidence", organization: "Northwind",
            rulesets: [RulesetVersion(id: "iso9001", version: "1.3.0", sha256: nil, edition: edition)], profiles: [],
            conformityScore: score, findings: GradeCounts(major: majors), waivedFindings: 0, results: StatusCounts(), incomplete: false,
            site: site)
    }

    @Test("open majors come from the latest run; the trend is the latest score minus the one 3 scored runs before")
    func latestAndTrend() throws {
        let runs = [
            Self.run(1, site: "LDS", score: 95, majors: 4),
            Self.run(2, site: "LDS", score: 90),
            Self.run(3, site: "LDS", score: 88),
            Self.run(4, site: "LDS", score: nil),
            Self.run(5, site: "LDS", score: 85),
            Self.run(6, site: "LDS", score: 77.5, majors: 2),
            Self.run(7, site: "BRS", score: 80),
            Self.run(8, site: "Northwind Home Goods Ltd", score: 10, majors: 9),
        ]
        let risks = SiteRisk.fromHistory(runs.shuffled())
        #expect(Set(risks.keys) == ["LDS", "BRS", "Northwind Home Goods Ltd"])
        let leeds = try #require(risks["LDS"])
        #expect(leeds.openMajors == 2)
        #expect(leeds.scoreTrend == 77.5 - 90)
        #expect(leeds.trendRuns == 4)
        #expect(leeds.lastRun == SiteRisk.LastRun(id: 6, asOf: CalendarDate(daysSinceEpoch: 6)))
        let bristol = try #require(risks["BRS"])
        #expect(bristol.openMajors == 0)
        #expect(bristol.scoreTrend == nil)
    }

    @Test("with fewer runs the trend starts at the earliest; it stops where the edition changed")
    func shortAndEditions() throws {
        let short = SiteRisk.fromHistory([Self.run(1, site: "A", score: 70), Self.run(2, site: "A", score: 75)])
        #expect(short["A"]?.scoreTrend == 5)
        #expect(short["A"]?.trendRuns == 2)
        let edition = SiteRisk.fromHistory([
            Self.run(1, site: "A", score: 99, edition: "iso9001-2015 2015"),
            Self.run(2, site: "A", score: 70, edition: "iso9001-2015 2026"),
            Self.run(3, site: "A", score: 60, edition: "iso9001-2015 2026"),
        ])
        #expect(edition["A"]?.scoreTrend == -10)
        #expect(edition["A"]?.trendRuns == 2)
    }

    @Test("runs are ordered by when they were recorded, not by id")
    func recordedOrder() {
        let risks = SiteRisk.fromHistory([Self.run(1, site: "A", score: 50, majors: 1, day: 20), Self.run(2, site: "A", score: 80, day: 10)])
        #expect(risks["A"]?.openMajors == 1)
        #expect(risks["A"]?.scoreTrend == -30)
    }
}

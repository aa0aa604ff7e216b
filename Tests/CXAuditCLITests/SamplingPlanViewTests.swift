import AuditEngine
import CalendarDates
@testable import cxaudit
import Foundation
import Testing

@Suite("How a site sample is shown")
struct SamplingPlanViewTests {
    static let sites = [Site(id: "HQ", name: "Head office", isCentral: true)] + ["BRS", "CDF", "LDS", "MAN", "YRK"].map { Site(id: $0) }
    static let risks: [String: SiteRisk] = [
        "LDS": SiteRisk(siteId: "LDS", openMajors: 2, lastRun: .init(id: 7, asOf: CalendarDate(daysSinceEpoch: 20_000))),
        "MAN": SiteRisk(siteId: "MAN", openMajors: 0, scoreTrend: -12.5, trendRuns: 4),
        "YRK": SiteRisk(siteId: "YRK", openMajors: 0, scoreTrend: 3, trendRuns: 2),
    ]

    @Test("the table gives each site's reason, risk choices in risk order, and the store's coverage")
    func text() {
        // x = 5 at the initial audit: y = 3, one random, two by risk.
        let plan = SiteSampler.plan(sites: Self.sites, stage: .initial, seed: 5, risks: Self.risks)
        let view = SamplingPlanView(
            sitesFile: "sites.csv", riskSource: .store(path: "h.sqlite", runs: 9, sitesWithRuns: 3, unlistedSites: ["LEEDS"]),
            seedGiven: true)
        let output = view.text(plan)
        #expect(output.contains("  history:  h.sqlite: 9 runs; 3 of the 5 sites with recorded runs; runs of sites not in the file: LEEDS\n"))
        // Seed 5 draws MAN (score fell) at random; of the rest LDS (open majors) ranks first, then BRS (no runs).
        #expect(plan.visits.map(\.site.id) == ["HQ", "MAN", "LDS", "BRS"])
        let rows = output.split(separator: "\n").filter { $0.hasPrefix("  ") && !$0.hasPrefix("   ") }.suffix(4)
        #expect(rows.map { $0.split(separator: " ").first.map(String.init) } == ["HQ", "MAN", "LDS", "BRS"])
        #expect(rows.dropFirst().map { $0.split(separator: "  ").last.map(String.init) } == [
            "random (seed 5)", "risk: 2 open major nonconformities", "risk: no recorded runs — unknown risk",
        ])
        #expect(output.contains("\nNot visited this time: CDF, YRK.\n"))
        #expect(!output.contains("To draw the same sites again"))
    }

    @Test("the JSON document carries each chosen site's risk")
    func json() throws {
        let plan = SiteSampler.plan(sites: Self.sites, stage: .surveillance, seed: 5, risks: Self.risks)
        let output = try SamplingPlanView(sitesFile: "sites.csv", riskSource: .none, seedGiven: false).json(plan)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        #expect(document["schemaVersion"] as? String == "1")
        #expect(document["history"] == nil)
        let visits = try #require(document["visits"] as? [[String: Any]])
        let leeds = visits.first { $0["site"] as? String == "LDS" }
        #expect((leeds?["risk"] as? [String: Any])?["openMajors"] as? Int == 2)
        #expect(visits.count == 1 + plan.sampleSize.size)
    }
}

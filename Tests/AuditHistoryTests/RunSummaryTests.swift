import AuditHistory
import AuditModel
import CalendarDates
import Foundation
import Testing

@Suite("Run summaries")
struct RunSummaryTests {
    @Test("a summary survives JSON unchanged, hashes of runs recorded before schema version 2 included as absent")
    func codable() throws {
        let summary = RunSummary(
            id: RunID(rawValue: 4), recordedAt: Date(timeIntervalSince1970: 1_796_025_600), asOf: CalendarDate(year: 2026, month: 11, day: 30)!,
            toolVersion: "0.1.0", evidenceFolder: "Evidence/northwind", organization: "Northwind",
            rulesets: [RulesetVersion(id: "rs", version: "1.0.0", sha256: nil)],
            profiles: [ProfileVersion(id: "small", version: "1", rulesetId: nil, sha256: nil)], conformityScore: nil,
            findings: GradeCounts(minor: 2), waivedFindings: 1, results: StatusCounts(pass: 3, fail: 1), incomplete: true, site: "leeds")
        let data = try JSONEncoder().encode(summary)
        #expect(try JSONDecoder().decode(RunSummary.self, from: data) == summary)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["conformityScore"] == nil, "nothing evaluated: no score, not zero")
        #expect(object["id"] as? Int == 4)
    }
}

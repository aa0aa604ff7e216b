import AuditModel
import Testing

@Suite("Baseline comparison")
struct BaselineComparisonTests {
    @Test("a finding's state against the baseline is written as the results schema lists it")
    func schemaValues() throws {
        #expect(BaselineState.allCases.map(\.rawValue) == (try ResultsSchema.enumeration("finding", "properties", "baseline")))
    }

    @Test("a comparison survives JSON encoding unchanged, resolved findings with their grade and record")
    func codable() throws {
        let comparison = BaselineComparison(
            file: "results-2026-10.json", baselineAsOf: nil, newFindings: ["a1"], unchangedFindings: ["b2", "c3"],
            resolvedFindings: [
                .init(id: "d4", ruleId: "R-1", grade: .major, itemId: "CL", recordKey: "C-9", statement: "Complaint C-9 was not closed."),
                .init(id: "e5", ruleId: "R-2", grade: .ofi, itemId: nil, recordKey: nil, statement: "No survey."),
            ],
            waiverChanged: ["b2"])
        #expect(try roundTrip(comparison) == comparison)
        let object = try jsonObject(comparison)
        #expect(object["baselineAsOf"] == nil, "an unknown baseline date is left out")
        let resolved = try #require(object["resolvedFindings"] as? [[String: Any]])
        #expect(resolved.first?["grade"] as? String == "major")
    }

    @Test("a finding carries its baseline state once compared, and none before")
    func findingState() throws {
        var compared = finding("f1", .minor)
        #expect(try jsonObject(compared)["baseline"] == nil)
        compared.baseline = .new
        #expect(try jsonObject(compared)["baseline"] as? String == "new")
    }
}

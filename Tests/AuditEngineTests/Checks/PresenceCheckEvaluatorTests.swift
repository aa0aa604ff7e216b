import AuditModel
import Testing

@Suite("Presence")
struct PresenceCheckEvaluatorTests {
    static let ruleset = rulesetXML(
        ruleXML("MR", grade: "major", #"<presence evidence="management-review" min="2" within="P12M"/>"#))

    static func items(_ dates: [String]) -> [TestItem] {
        dates.enumerated().map { TestItem(id: "MR\($0)", type: "management-review", file: "mr\($0).xml", format: "xml", date: $1) }
    }

    static func files(_ count: Int) -> [String: String] {
        Dictionary(uniqueKeysWithValues: (0..<count).map { ("mr\($0).xml", "<minutes/>") })
    }

    @Test("enough items inside the window pass, the first day of the window included")
    func passes() async throws {
        let run = try await audit(ruleset: Self.ruleset, files: Self.files(2), items: Self.items(["2026-01-10", "2025-06-30"]))
        #expect(run.results(for: "MR").first?.status == .pass)
        #expect(run.results(for: "MR").first?.measurements.first { $0.name == "count" }?.number == 2)
    }

    @Test("items outside the window or after the audit date do not count")
    func failsOutsideWindow() async throws {
        let run = try await audit(
            ruleset: Self.ruleset, files: Self.files(3), items: Self.items(["2026-01-10", "2025-06-29", "2026-07-15"]))
        let finding = try #require(run.findings(for: "MR").first)
        #expect(finding.grade == .major)
        #expect(finding.statement.contains("Only 1 management-review item(s) dated within 12 months before 2026-06-30"))
        #expect(finding.evidence.itemId == nil)
    }
}

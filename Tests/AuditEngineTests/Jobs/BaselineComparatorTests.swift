import AuditEngine
import AuditModel
import CalendarDates
import Foundation
import Testing

@Suite("Baselines")
struct BaselineComparatorTests {
    static let ruleset = rulesetXML(
        ruleXML("ACK", #"<records evidence="log" select="/table/record" key="id"><assert test="ok = 'yes'">Record {id} is not ok.</assert></records>"#))
    static let items = [TestItem(id: "LOG", type: "log", file: "log.csv", format: "csv", date: "2026-05-01")]

    @Test("findings are new or unchanged by fingerprint, and fixed ones are listed as resolved")
    func compare() async throws {
        let before = try await audit(ruleset: Self.ruleset, files: ["log.csv": "id,ok\nC-1,no\nC-2,no\n"], items: Self.items)
        let folder = try TemporaryFolder()
        let baseline = try folder.write("baseline.json", try JSONEncoder().encode(before))
        // C-1 fixed, C-3 new, C-2 unchanged although it moved to another line.
        let after = try await audit(ruleset: Self.ruleset, files: ["log.csv": "id,ok\nC-3,no\nC-1,yes\nC-2,no\n"], items: Self.items)
        let compared = try BaselineComparator.compare(after, withBaseline: baseline, displayName: "baseline.json")
        let comparison = try #require(compared.baseline)
        #expect(comparison.resolvedFindings.map(\.recordKey) == ["C-1"])
        #expect(comparison.newFindings.count == 1)
        #expect(comparison.unchangedFindings.count == 1)
        #expect(compared.findings.first { $0.evidence.recordKey == "C-3" }?.baseline == .new)
        #expect(compared.findings.first { $0.evidence.recordKey == "C-2" }?.baseline == .unchanged)
        #expect(comparison.baselineAsOf == "2026-06-30")
    }

    @Test("a file that is not a results document is a clear error")
    func notAResultsFile() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("x.json", #"{"hello": 1}"#)
        let run = AuditRun(
            tool: ToolInfo(version: "0"), asOf: .init(daysSinceEpoch: 0), rulesets: [],
            evidence: EvidenceInfo(organization: "", register: "", items: []), clauses: [], results: [], findings: [], diagnostics: [])
        let error = try #require(throws: BaselineComparator.BaselineError.self) {
            try BaselineComparator.compare(run, withBaseline: file, displayName: "x.json")
        }
        #expect(error.errorDescription?.contains("x.json: error: cannot use as a baseline: not a cxaudit results document (missing 'findings')") == true)
    }
}

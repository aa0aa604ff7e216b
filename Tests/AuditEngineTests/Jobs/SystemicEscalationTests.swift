import AuditEngine
import AuditModel
import Testing

/// Several minor nonconformities against one clause, escalated to a major one when the
/// profile in force asks for it.
@Suite("Systemic escalation")
struct SystemicEscalationTests {
    static let files = ["log.csv": "id,ok\nC-1,no\nC-2,no\nC-3,no\nC-4,yes\n"]

    static func run(threshold: Int?, waivers: [Waiver] = []) async throws -> AuditRun {
        var run = try await audit(ruleset: WaiverApplicationTests.ruleset, files: files, items: WaiverApplicationTests.items)
        run = WaiverApplication.apply(waivers, to: run)
        let rulesetId = try #require(run.rulesets.first?.id)
        run.profiles = [
            ProfileInfo(
                id: "strict", version: "1.0.0", title: "Strict", rulesetId: rulesetId, file: "strict.xml", sha256: "00", parameters: [:],
                systemicMinorFindings: threshold)
        ]
        return SystemicEscalation.apply(to: run)
    }

    @Test("as many active minor findings as the profile's threshold make the clause a major nonconformity, saying why")
    func escalates() async throws {
        let run = try await Self.run(threshold: 3)
        let clause = try #require(run.clauses.first { $0.ruleIds.contains("ACK") })
        #expect(clause.verdict == .majorNonconformity)
        #expect(clause.systemic == "Systemic: 3 minor nonconformities against this clause (profile strict escalates 3 or more to a major nonconformity).")
        #expect(run.findings.allSatisfy { $0.grade == .minor }, "the findings keep their grade")
    }

    @Test("fewer findings, a waived one, or no threshold leave the verdict as the findings' grades give it")
    func leavesAlone() async throws {
        for run in [
            try await Self.run(threshold: 4), try await Self.run(threshold: nil),
            try await Self.run(threshold: 3, waivers: [WaiverApplicationTests.waiver("W1", record: "C-1")]),
        ] {
            let clause = try #require(run.clauses.first { $0.ruleIds.contains("ACK") })
            #expect(clause.verdict == .minorNonconformity)
            #expect(clause.systemic == nil)
        }
    }
}

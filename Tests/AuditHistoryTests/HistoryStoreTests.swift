import AuditHistory
import AuditModel
import CalendarDates
import Foundation
import Testing

@Suite("History store")
struct HistoryStoreTests {
    static func run(score conforming: Bool, asOf day: Int = 30) -> AuditRun {
        let results = [
            RuleResult(
                rulesetId: "rs", ruleId: "R-1", clause: "9.1.2", itemId: "S", evidenceType: "survey", status: conforming ? .pass : .fail,
                grade: .minor, statement: "s", findingIds: conforming ? [] : ["f1"]),
            RuleResult(rulesetId: "rs", ruleId: "R-2", clause: "9.1.2", itemId: nil, evidenceType: "survey", status: .pass, grade: .major, statement: "s"),
        ]
        let findings = conforming ? [] : [
            Finding(
                id: "f1", grade: .minor, rulesetId: "rs", clause: "9.1.2", clauseTitle: "Customer satisfaction", ruleId: "R-1", ruleTitle: "t",
                statement: "Too few responses.", requirement: "r", evidence: ObjectiveEvidence(itemId: "S", evidenceType: "survey"),
                measurements: [], remediation: "m")
        ]
        return AuditRun(
            tool: ToolInfo(version: "0.1.0"), asOf: CalendarDate(year: 2026, month: 11, day: day)!,
            rulesets: [RulesetInfo(id: "rs", version: "1.0.0", title: "RS", file: "rs.xml", sha256: "x")],
            evidence: EvidenceInfo(organization: "Org", register: "evidence-register.xml", items: []),
            clauses: [
                ClauseSummary(
                    rulesetId: "rs", number: "9.1.2", title: "Customer satisfaction", intent: "i", crosswalk: [],
                    verdict: conforming ? .conforming : .minorNonconformity, ruleIds: ["R-1", "R-2"])
            ],
            results: results, findings: findings, diagnostics: [])
    }

    static func temporaryStore() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("cxaudit-history-\(UUID().uuidString)/.cxaudit/history.sqlite")
    }

    @Test("runs are recorded with their counts, score and findings, and listed newest first")
    func recordAndList() throws {
        let url = Self.temporaryStore()
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent().deletingLastPathComponent()) }
        let store = try HistoryStore(url: url)
        let first = try store.record(Self.run(score: false, asOf: 1), recordedAt: Date(timeIntervalSince1970: 0), evidenceFolder: "ev")
        try store.record(Self.run(score: true, asOf: 30), recordedAt: Date(timeIntervalSince1970: 86_400), evidenceFolder: "ev")
        let runs = try store.runs()
        #expect(runs.map(\.asOf) == ["2026-11-30", "2026-11-01"])
        #expect(runs.last?.minor == 1)
        #expect(runs.last?.score == 50)
        #expect(runs.first?.score == 100)
        #expect(runs.last?.recordedAt == "1970-01-01T00:00:00Z")
        #expect(try store.findings(ofRun: first).map(\.fingerprint) == ["f1"])
        let trend = try store.clauseTrend(clause: "9.1.2")
        #expect(trend.map(\.verdict) == ["minor", "conforming"])
        #expect(trend.map(\.score) == [50, 100])
    }

    @Test("several jobs recording into one store at once leave it complete and sound")
    func concurrentRecording() async throws {
        let url = Self.temporaryStore()
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent().deletingLastPathComponent()) }
        _ = try HistoryStore(url: url)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<8 {
                group.addTask {
                    let store = try HistoryStore(url: url)
                    try store.record(Self.run(score: index % 2 == 0), recordedAt: Date(), evidenceFolder: "job-\(index)")
                }
            }
            try await group.waitForAll()
        }
        let store = try HistoryStore(url: url)
        #expect(try store.runs(limit: 100).count == 8)
        #expect(try store.integrityCheck() == "ok")
    }

    @Test("a missing store is an error when it may not be created, and a newer schema is refused")
    func errors() throws {
        let url = Self.temporaryStore()
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent().deletingLastPathComponent()) }
        #expect(throws: HistoryError.missing(path: url.path)) { try HistoryStore(url: url, create: false) }
        _ = try HistoryStore(url: url)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('PRAGMA user_version = 9'); c.commit()", url.path]
        try process.run()
        process.waitUntilExit()
        #expect(throws: HistoryError.newerVersion(path: url.path, version: 9)) { try HistoryStore(url: url) }
    }
}

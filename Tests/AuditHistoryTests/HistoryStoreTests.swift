import AuditHistory
import AuditModel
import CalendarDates
import Foundation
import Testing

@Suite("History store")
struct HistoryStoreTests {
    static func run(score conforming: Bool, asOf day: Int = 30, clause: String = "9.1.2", waived: Bool = false) -> AuditRun {
        let results = [
            RuleResult(
                rulesetId: "rs", ruleId: "R-1", clause: clause, itemId: "S", evidenceType: "survey", status: conforming ? .pass : .fail,
                grade: .minor, statement: "s", findingIds: conforming ? [] : ["f1"]),
            RuleResult(rulesetId: "rs", ruleId: "R-2", clause: clause, itemId: nil, evidenceType: "survey", status: .pass, grade: .major, statement: "s"),
        ]
        var finding = Finding(
            id: "f1", grade: .minor, rulesetId: "rs", clause: clause, clauseTitle: "Customer satisfaction", ruleId: "R-1", ruleTitle: "t",
            statement: "Too few responses.", requirement: "r", evidence: ObjectiveEvidence(itemId: "S", evidenceType: "survey", recordKey: "Q3"),
            measurements: [], remediation: "m")
        if waived {
            finding.waiver = WaiverReference(id: "W-1", justification: "j", approver: "a", expires: CalendarDate(year: 2027, month: 1, day: 1)!, file: "w.xml")
        }
        return AuditRun(
            tool: ToolInfo(version: "0.1.0"), asOf: CalendarDate(year: 2026, month: 11, day: day)!,
            rulesets: [RulesetInfo(id: "rs", version: "1.0.0", title: "RS", file: "rs.xml", sha256: "abc")],
            profiles: [ProfileInfo(id: "small", version: "1.0", title: "Small", rulesetId: "rs", file: "p.xml", sha256: "def", parameters: [:])],
            evidence: EvidenceInfo(organization: "Org", register: "evidence-register.xml", items: []),
            clauses: [
                ClauseSummary(
                    rulesetId: "rs", number: clause, title: "Customer satisfaction", intent: "i", crosswalk: [],
                    verdict: conforming ? .conforming : .minorNonconformity, ruleIds: ["R-1", "R-2"])
            ],
            results: results, findings: conforming ? [] : [finding], diagnostics: [])
    }

    /// A store path in a folder of its own, removed by `cleanUp`.
    static func temporaryStore() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("cxaudit-history-\(UUID().uuidString)/.cxaudit/history.sqlite")
    }

    static func cleanUp(_ url: URL) {
        try? FileManager.default.removeItem(at: url.deletingLastPathComponent().deletingLastPathComponent())
    }

    /// Runs Python's sqlite3 on the store: an independent client, as `sqlite3` would be for an administrator.
    static func python(_ script: String, _ url: URL) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); " + script + "; c.commit()", url.path]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    @Test("runs are recorded with their counts, score, rulesets and findings, and listed newest first")
    func recordAndList() throws {
        let url = Self.temporaryStore()
        defer { Self.cleanUp(url) }
        let store = try HistoryStore(url: url)
        let first = try store.record(Self.run(score: false, asOf: 1), recordedAt: Date(timeIntervalSince1970: 0), evidenceFolder: "ev")
        let second = try store.record(Self.run(score: true, asOf: 30), recordedAt: Date(timeIntervalSince1970: 86_400), evidenceFolder: "ev")
        #expect(first < second)
        let runs = try store.runs()
        #expect(runs.map(\.id) == [second, first])
        #expect(runs.map(\.asOf.description) == ["2026-11-30", "2026-11-01"])
        #expect(runs.last?.findings == GradeCounts(minor: 1))
        #expect(runs.last?.results == StatusCounts(pass: 1, fail: 1))
        #expect(runs.last?.conformityScore == 50)
        #expect(runs.first?.conformityScore == 100)
        #expect(runs.last?.recordedAt == Date(timeIntervalSince1970: 0))
        #expect(runs.first?.rulesets == [RulesetVersion(id: "rs", version: "1.0.0", sha256: "abc")])
        #expect(runs.first?.profiles == [ProfileVersion(id: "small", version: "1.0", rulesetId: "rs", sha256: "def")])
        #expect(try store.runs(limit: 1).map(\.id) == [second])
        #expect(try store.run(first).organization == "Org")

        let findings = try store.findings(of: first)
        #expect(findings.map(\.fingerprint) == ["f1"])
        #expect(findings.first?.recordKey == "Q3")
        #expect(findings.first?.grade == .minor)
        #expect(try store.findings(of: second).isEmpty)

        let trend = try store.clauseTrend(clause: "9.1.2")
        #expect(trend.map(\.verdict) == [.minorNonconformity, .conforming])
        #expect(trend.map(\.score) == [50, 100])
        #expect(try store.clauseTrend(clause: "9.1.2", limit: 1).map(\.run) == [second])
        #expect(try store.clauseTrend(rulesetId: "other", clause: "9.1.2").isEmpty)
    }

    @Test("waived findings are kept and counted apart from the active ones")
    func waivedFindings() throws {
        let url = Self.temporaryStore()
        defer { Self.cleanUp(url) }
        let store = try HistoryStore(url: url)
        let id = try store.record(Self.run(score: false, waived: true), recordedAt: Date(timeIntervalSince1970: 0), evidenceFolder: "ev")
        let summary = try store.run(id)
        #expect(summary.findings == GradeCounts())
        #expect(summary.waivedFindings == 1)
        #expect(try store.findings(of: id).map(\.waived) == [true])
    }

    @Test("every clause's trend, with clause numbers in reading order (9.1.10 after 9.1.2)")
    func allTrends() throws {
        let url = Self.temporaryStore()
        defer { Self.cleanUp(url) }
        let store = try HistoryStore(url: url)
        for (index, clause) in ["9.1.10", "9.1.2", "9.1.10"].enumerated() {
            try store.record(Self.run(score: index == 2, clause: clause), recordedAt: Date(timeIntervalSince1970: Double(index)), evidenceFolder: "ev")
        }
        let trends = try store.clauseTrends()
        #expect(trends.map(\.clause) == ["9.1.2", "9.1.10"])
        #expect(trends.last?.points.map(\.verdict) == [.minorNonconformity, .conforming])
        #expect(try store.clauseTrends(limit: 1).map(\.clause) == ["9.1.10"])
    }

    @Test("several jobs recording into one store at once leave it complete and sound")
    func concurrentRecording() async throws {
        let url = Self.temporaryStore()
        defer { Self.cleanUp(url) }
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
        #expect(try store.runs(limit: nil).count == 8)
        #expect(try store.integrityCheck() == "ok")
    }

    @Test("several jobs creating a new store at once all open it and record")
    func concurrentCreation() async throws {
        let url = Self.temporaryStore()
        defer { Self.cleanUp(url) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<8 {
                group.addTask {
                    let store = try HistoryStore(url: url)
                    try store.record(Self.run(score: true), recordedAt: Date(), evidenceFolder: "job-\(index)")
                }
            }
            try await group.waitForAll()
        }
        let store = try HistoryStore(url: url)
        #expect(try store.runs(limit: nil).count == 8)
        #expect(try store.integrityCheck() == "ok")
    }

    @Test("each run records the edition its rulesets audit against; a change shows as a break, runs without one never do")
    func editionBreaks() throws {
        let url = Self.temporaryStore()
        defer { Self.cleanUp(url) }
        let store = try HistoryStore(url: url)
        func run(_ edition: String?, conforming: Bool) -> AuditRun {
            var run = Self.run(score: conforming)
            run.rulesets[0].standards = edition.map { [Standard(id: "iso9001", title: "ISO 9001", edition: $0)] } ?? []
            return run
        }
        var ids: [RunID] = []
        for (index, (edition, conforming)) in [("2015", false), ("2015", true), (nil, true), ("2026", false), ("2026", true)].enumerated() {
            ids.append(try store.record(run(edition, conforming: conforming), recordedAt: Date(timeIntervalSince1970: Double(index) * 60), evidenceFolder: "ev"))
        }
        let points = try store.clauseTrend(clause: "9.1.2")
        #expect(points.map(\.edition) == ["iso9001 2015", "iso9001 2015", nil, "iso9001 2026", "iso9001 2026"])
        #expect(EditionBreak.breaks(in: points) == [EditionBreak(run: ids[3], from: "iso9001 2015", to: "iso9001 2026")])
        #expect(try store.clauseTrends().first?.editionBreaks.map(\.run) == [ids[3]])
        #expect(try store.runs().first?.rulesets.first?.edition == "iso9001 2026")
    }

    @Test("a store written by schema version 1 is migrated and its runs keep their rulesets")
    func migratesVersionOne() throws {
        let url = Self.temporaryStore()
        defer { Self.cleanUp(url) }
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Self.python(
            """
            c.executescript('''
            CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
            INSERT INTO grdb_migrations VALUES ('v1');
            CREATE TABLE run (id INTEGER PRIMARY KEY AUTOINCREMENT, recordedAt TEXT NOT NULL, asOf TEXT NOT NULL,
              toolVersion TEXT NOT NULL, evidenceFolder TEXT NOT NULL, organization TEXT NOT NULL, rulesets TEXT NOT NULL,
              profiles TEXT NOT NULL, score DOUBLE, major INTEGER NOT NULL, minor INTEGER NOT NULL, ofi INTEGER NOT NULL,
              passed INTEGER NOT NULL, failed INTEGER NOT NULL, errors INTEGER NOT NULL, incomplete BOOLEAN NOT NULL);
            CREATE TABLE clauseResult (runId INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE, rulesetId TEXT NOT NULL,
              clause TEXT NOT NULL, title TEXT NOT NULL, verdict TEXT NOT NULL, score DOUBLE, PRIMARY KEY (runId, rulesetId, clause));
            CREATE TABLE finding (runId INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE, fingerprint TEXT NOT NULL,
              rulesetId TEXT NOT NULL, ruleId TEXT NOT NULL, grade TEXT NOT NULL, clause TEXT NOT NULL, itemId TEXT, recordKey TEXT,
              waived BOOLEAN NOT NULL, statement TEXT NOT NULL);
            INSERT INTO run VALUES (1, '2026-10-01T06:00:00Z', '2026-10-01', '0.1.0', 'ev', 'Org',
              'cxaudit-iso9001 1.2.0, cx-outcomes 1.0.0', 'small 1.0', 75.0, 0, 1, 0, 3, 1, 0, 0);
            INSERT INTO clauseResult VALUES (1, 'cxaudit-iso9001', '9.1.2', 'Customer satisfaction', 'minor', 75.0);
            INSERT INTO finding VALUES (1, 'f1', 'cxaudit-iso9001', 'R-1', 'minor', '9.1.2', 'S', NULL, 1, 'Too few.');
            PRAGMA user_version = 1;
            ''')
            """, url)
        let store = try HistoryStore(url: url)
        let runs = try store.runs()
        #expect(runs.count == 1)
        #expect(runs.first?.rulesets == [
            RulesetVersion(id: "cxaudit-iso9001", version: "1.2.0", sha256: nil), RulesetVersion(id: "cx-outcomes", version: "1.0.0", sha256: nil),
        ])
        #expect(runs.first?.profiles == [ProfileVersion(id: "small", version: "1.0", rulesetId: nil, sha256: nil)])
        #expect(runs.first?.waivedFindings == 1)
        #expect(runs.first?.recordedAt == Date(timeIntervalSince1970: 1_790_834_400))
        let next = try store.record(Self.run(score: true), recordedAt: Date(timeIntervalSince1970: 1_800_000_000), evidenceFolder: "ev")
        #expect(try store.clauseTrend(clause: "9.1.2").map(\.run) == [RunID(rawValue: 1), next])
        // Runs recorded before schema version 3 have no edition: a later one is not taken for a change of edition.
        #expect(try store.clauseTrend(clause: "9.1.2").first?.edition == nil)
        #expect(EditionBreak.breaks(in: try store.clauseTrend(clause: "9.1.2")).isEmpty)
        // Runs recorded before schema version 4 are their organization's, as later runs without a site are: the folder's history goes on.
        #expect(runs.first?.site == "Org")
        #expect(try store.runs(limit: nil, site: "Org").map(\.id) == [next, RunID(rawValue: 1)])
    }

    @Test("a missing store is an error when it may not be created, and a newer schema is refused")
    func missingAndNewer() throws {
        let url = Self.temporaryStore()
        defer { Self.cleanUp(url) }
        #expect(throws: HistoryError.missing(path: url.path)) { try HistoryStore(url: url, create: false) }
        #expect(!FileManager.default.fileExists(atPath: url.path))
        _ = try HistoryStore(url: url)
        try Self.python("c.execute('PRAGMA user_version = 9')", url)
        #expect(throws: HistoryError.newerVersion(path: url.path, version: 9)) { try HistoryStore(url: url) }
    }

    @Test("a file that is not SQLite, or another program's database, is refused and left as it was")
    func notAStore() throws {
        let url = Self.temporaryStore()
        defer { Self.cleanUp(url) }
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let text = Data(String(repeating: "complaint log, not a database\n", count: 200).utf8)
        try text.write(to: url)
        #expect {
            try HistoryStore(url: url)
        } throws: { error in
            guard case .notAStore(let path, _) = error as? HistoryError else { return false }
            return path == url.path
        }
        #expect(try Data(contentsOf: url) == text)

        try FileManager.default.removeItem(at: url)
        try Self.python("c.execute('CREATE TABLE invoices (id INTEGER)')", url)
        #expect {
            try HistoryStore(url: url)
        } throws: { error in
            guard case .notAStore = error as? HistoryError else { return false }
            return (error as? HistoryError)?.errorDescription?.contains("not a cxaudit history store") == true
        }
    }

    @Test("asking for a run that was never recorded names the run and the store")
    func noSuchRun() throws {
        let url = Self.temporaryStore()
        defer { Self.cleanUp(url) }
        let store = try HistoryStore(url: url)
        #expect(throws: HistoryError.noSuchRun(path: url.path, id: 7)) { try store.run(RunID(rawValue: 7)) }
        #expect(throws: HistoryError.noSuchRun(path: url.path, id: 7)) { try store.findings(of: RunID(rawValue: 7)) }
        #expect(HistoryError.noSuchRun(path: url.path, id: 7).errorDescription?.contains("no run #7") == true)
    }
}

import AuditHistory
import Foundation
import Synchronization
import TestPostgres
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Many sites' jobs recording into one shared store (docs/multi-site.md), end to end: real
/// processes, a real PostgreSQL server.
@Suite("Multi-site history")
struct MultiSiteTests {
    static let sites = ["leeds", "york", "hull", "bristol", "derby"]

    /// `cxaudit history --group --format json`, without what differs between two stores holding
    /// the same runs: the store's name, the clock, run ids and when each run was recorded.
    static func comparableGroup(_ json: String) throws -> String {
        func strip(_ value: Any) -> Any {
            if let object = value as? [String: Any] {
                return object.filter { !["store", "generatedAt", "id", "recordedAt"].contains($0.key) }.mapValues(strip)
            }
            if let array = value as? [Any] { return array.map(strip) }
            return value
        }
        let object = strip(try JSONSerialization.jsonObject(with: Data(json.utf8)))
        return String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted]), as: UTF8.self)
    }

    @Test("jobs for several sites run as parallel processes into one PostgreSQL store: every run is kept, and the group view matches SQLite's")
    func parallelJobs() throws {
        let database = try TestPostgres.freshDatabase()
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("cxaudit-sites-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let sqlite = scratch.appendingPathComponent("group.sqlite").path
        // Each site is audited as of a different day, so their verdicts differ.
        let jobs = Self.sites.enumerated().flatMap { index, site in
            [(site, "2026-11-\(30 - index * 4)"), (site, "2026-10-\(28 - index * 3)")]
        }
        let outcomes = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: jobs.count) { index in
            let (site, day) = jobs[index]
            for store in [database, sqlite] {
                let outcome = try? CheckCommandTests.run([
                    "check", "Evidence/northwind", "--no-config", "--as-of", day, "--site", site, "--history", "--history-store", store, "--format", "json",
                    "--output", scratch.appendingPathComponent("\(site)-\(day)-\(store == sqlite ? "sqlite" : "pg").json").path,
                ])
                if outcome?.status != 1 { outcomes.withLock { $0.append("\(site) \(day): \(outcome?.status ?? -1) \(outcome?.stderr ?? "")") } }
            }
        }
        #expect(outcomes.withLock { $0 }.isEmpty)

        #expect(try TestPostgres.psql(database, "SELECT count(*) FROM cxaudit.run") == "\(jobs.count)")
        let listing = try CheckCommandTests.run(["history", "--store", database, "--limit", "50"])
        #expect(listing.status == 0)
        for site in Self.sites { #expect(listing.stdout.contains(" \(site) ")) }

        let group = try CheckCommandTests.run(["history", "--group", "--store", database, "--format", "json"])
        let groupSQLite = try CheckCommandTests.run(["history", "--group", "--store", sqlite, "--format", "json"])
        #expect(group.status == 0 && groupSQLite.status == 0, "\(group.stderr)\(groupSQLite.stderr)")
        #expect(try Self.comparableGroup(group.stdout) == Self.comparableGroup(groupSQLite.stdout))
        let text = try CheckCommandTests.run(["history", "--group", "--store", database])
        #expect(text.stdout.contains("Group view of \(database): 5 sites"))
        #expect(text.stdout.contains("Every site reported within 7 days."))

        let html = scratch.appendingPathComponent("group.html")
        #expect(try CheckCommandTests.run(["history", "--group", "--store", database, "--format", "html", "--output", html.path]).status == 0)
        let page = try String(contentsOf: html, encoding: .utf8)
        for site in Self.sites { #expect(page.contains("id=\"site-\(site)\"")) }
        #expect(page.contains("<td class=\"cell major\"><a href=\"#site-"))
    }

    @Test("a job killed while it records leaves no partial run in the shared store")
    func killedWriter() throws {
        let database = try TestPostgres.freshDatabase()
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("cxaudit-kill-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        try FaultTests.writeCorpus(in: scratch)
        let arguments = [
            "check", scratch.path, "--ruleset", CheckCommandTests.repository.appendingPathComponent("Benchmarks/benchmark-ruleset.xml").path,
            "--as-of", "2026-11-30", "--no-config", "--format", "json", "--output", scratch.appendingPathComponent("out.json").path,
            "--history", "--history-store", database, "--site", "big",
        ]
        let started = Date()
        #expect(try CheckCommandTests.run(arguments).status == 1)
        let duration = Date().timeIntervalSince(started)
        var killed = 0
        // Recording comes after evaluation: the moments cluster near the end of a run.
        for fraction in [0.6, 0.75, 0.85, 0.9, 0.95, 0.98] {
            let outcome = try CheckCommandTests.run(arguments, signal: (SIGKILL, .after(duration * fraction)))
            if outcome.status != 1 { killed += 1 }
        }
        #expect(killed > 0, "no job was killed")
        let partial = try TestPostgres.psql(
            database,
            """
            SELECT count(*) FROM cxaudit.run r
            WHERE (SELECT count(*) FROM cxaudit.finding f WHERE f.run_id = r.id) <> r.major + r.minor + r.ofi + r.waived_findings
               OR NOT EXISTS (SELECT 1 FROM cxaudit.clause_result c WHERE c.run_id = r.id)
               OR NOT EXISTS (SELECT 1 FROM cxaudit.run_ruleset s WHERE s.run_id = r.id)
            """)
        #expect(partial == "0")
        #expect(try TestPostgres.psql(database, "SELECT count(*) FROM cxaudit.finding WHERE run_id NOT IN (SELECT id FROM cxaudit.run)") == "0")
        let runs = Int(try TestPostgres.psql(database, "SELECT count(*) FROM cxaudit.run")) ?? -1
        #expect((1...7).contains(runs))
    }

    @Test("a password in the address is refused before anything runs; an unreachable server is exit 2 naming it")
    func addressErrors() throws {
        let password = try CheckCommandTests.run(["check", "--history", "--history-store", "postgres://cx:s3cret@db.invalid/cx", "--as-of", "2026-11-30"])
        #expect(password.status == 2)
        #expect(password.stderr.contains("PGPASSWORD") && !password.stderr.contains("s3cret"))
        let unreachable = try CheckCommandTests.run([
            "check", "--history", "--history-store", "postgres://postgres@/cx?host=/nonexistent-cxaudit", "--as-of", "2026-11-30", "--format", "json",
            "--output", FileManager.default.temporaryDirectory.appendingPathComponent("cx-\(UUID().uuidString).json").path,
        ])
        #expect(unreachable.status == 2)
        #expect(unreachable.stderr.contains("postgres://postgres@/cx?host=/nonexistent-cxaudit: error: cannot reach the history database"))
    }
}

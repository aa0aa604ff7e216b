import AuditHistory
import Foundation
import Synchronization
import TestSupport
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
        // Each site is audited as of different days, so their verdicts differ. The sites run at once;
        // a site's own jobs run in turn, as a nightly job does, so its latest run is the same in both stores.
        let days = Self.sites.indices.map { index in ["2026-10-\(28 - index * 3)", "2026-11-\(30 - index * 4)"] }
        let outcomes = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: Self.sites.count) { index in
            let site = Self.sites[index]
            for day in days[index] {
                for store in [database, sqlite] {
                    let outcome = try? CheckCommandTests.run([
                        "check", "Evidence/northwind", "--no-config", "--as-of", day, "--site", site, "--history", "--history-store", store,
                        "--format", "json", "--output", scratch.appendingPathComponent("\(site)-\(day)-\(store == sqlite ? "sqlite" : "pg").json").path,
                    ])
                    if outcome?.status != 1 { outcomes.withLock { $0.append("\(site) \(day): \(outcome?.status ?? -1) \(outcome?.stderr ?? "")") } }
                }
            }
        }
        #expect(outcomes.withLock { $0 }.isEmpty)

        #expect(try TestPostgres.psql(database, "SELECT count(*) FROM cxaudit.run") == "\(Self.sites.count * 2)")
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

    @Test("a job killed in the middle of recording leaves no partial run, and readers never see half a run")
    func killedWriter() throws {
        let database = try TestPostgres.freshDatabase()
        let arguments = [
            "check", "Evidence/northwind", "--no-config", "--as-of", "2026-11-30", "--site", "leeds", "--history", "--history-store", database,
            "--format", "json", "--output", FileManager.default.temporaryDirectory.appendingPathComponent("cx-\(UUID().uuidString).json").path,
        ]
        #expect(try CheckCommandTests.run(arguments).status == 1)
        let complete = try TestPostgres.psql(database, "SELECT count(*) FROM cxaudit.finding")

        // Another session holds the findings table, so the next job's transaction stops at its
        // findings, after it has written the run, its rulesets and its clauses.
        let locker = Process()
        locker.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        locker.arguments = ["psql", database, "-X", "-q", "-c", "BEGIN; LOCK TABLE cxaudit.finding IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(60); COMMIT;"]
        locker.standardOutput = FileHandle.nullDevice
        locker.standardError = FileHandle.nullDevice
        try locker.run()
        defer { if locker.isRunning { locker.terminate() } }
        let job = Process()
        job.executableURL = CheckCommandTests.binary
        job.arguments = arguments
        job.currentDirectoryURL = CheckCommandTests.repository
        job.standardOutput = FileHandle.nullDevice
        job.standardError = FileHandle.nullDevice
        try job.run()
        let waiting = "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'INSERT INTO cxaudit.finding%'"
        let deadline = Date().addingTimeInterval(60)
        while try TestPostgres.psql(database, waiting) != "1" && Date() < deadline && job.isRunning {
            usleep(50_000)
        }
        #expect(try TestPostgres.psql(database, waiting) == "1", "the job never reached its findings")
        // Mid-transaction: the new run is invisible to everyone else.
        #expect(try TestPostgres.psql(database, "SELECT count(*) FROM cxaudit.run") == "1")
        kill(job.processIdentifier, SIGKILL)
        job.waitUntilExit()
        #expect(job.terminationReason == .uncaughtSignal)
        // End the locking session on the server (a psql client killed would leave it sleeping).
        try TestPostgres.psql(database, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'BEGIN; LOCK TABLE cxaudit.finding%'")
        locker.waitUntilExit()

        // The server rolled the killed job's transaction back whole.
        #expect(try TestPostgres.psql(database, "SELECT count(*) FROM cxaudit.run") == "1")
        for table in ["run_ruleset", "run_profile", "clause_result", "finding"] {
            #expect(try TestPostgres.psql(database, "SELECT count(*) FROM cxaudit.\(table) WHERE run_id NOT IN (SELECT id FROM cxaudit.run)") == "0")
        }
        #expect(try TestPostgres.psql(database, "SELECT count(*) FROM cxaudit.finding") == complete)
        // And the store takes the next run.
        #expect(try CheckCommandTests.run(arguments).status == 1)
        #expect(try TestPostgres.psql(database, "SELECT count(*) FROM cxaudit.run") == "2")
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

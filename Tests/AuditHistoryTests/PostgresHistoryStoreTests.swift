import AuditHistory
import AuditModel
import CalendarDates
import Foundation
import TestSupport
import Testing

@Suite("PostgreSQL history store")
struct PostgresHistoryStoreTests {
    static func address(_ text: String) throws -> PostgresAddress {
        try PostgresAddress(parsing: text)
    }

    /// The same runs of three sites, recorded in the same order.
    static func record(into store: any RunHistory) throws {
        let sites = ["leeds", "york", "hull"]
        for day in 1...6 {
            for (index, site) in sites.enumerated() {
                let conforming = (day + index) % 3 != 0
                let run = HistoryStoreTests.run(score: conforming, asOf: day, waived: day == 4 && index == 1)
                _ = try store.record(
                    run, recordedAt: Date(timeIntervalSince1970: 1_790_000_000 + Double(day * 86_400 + index * 60) + 0.75), evidenceFolder: "ev/\(site)",
                    site: site)
            }
        }
    }

    static func encoded(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    @Test("reads back exactly what the SQLite store reads back for the same runs")
    func sameAsSQLite() throws {
        let postgres = try PostgresHistoryStore(address: Self.address(TestPostgres.freshDatabase()))
        let url = HistoryStoreTests.temporaryStore()
        defer { HistoryStoreTests.cleanUp(url) }
        let sqlite = try HistoryStore(url: url)
        try Self.record(into: postgres)
        try Self.record(into: sqlite)

        #expect(try Self.encoded(postgres.runs(limit: nil)) == Self.encoded(sqlite.runs(limit: nil)))
        #expect(try postgres.runs(limit: nil).count == 18)
        #expect(try Self.encoded(postgres.runs(limit: 4, site: "york")) == Self.encoded(sqlite.runs(limit: 4, site: "york")))
        #expect(try postgres.runs(limit: nil, site: "york").map(\.site) == Array(repeating: "york", count: 6))
        #expect(try Self.encoded(postgres.clauseTrends(limit: 5)) == Self.encoded(sqlite.clauseTrends(limit: 5)))
        #expect(try Self.encoded(postgres.clauseTrends(limit: nil, site: "hull")) == Self.encoded(sqlite.clauseTrends(limit: nil, site: "hull")))
        #expect(
            try Self.encoded(postgres.clauseTrend(rulesetId: "rs", clause: "9.1.2", limit: 3, site: "leeds"))
                == Self.encoded(sqlite.clauseTrend(rulesetId: "rs", clause: "9.1.2", limit: 3, site: "leeds")))
        for id in 1...18 {
            let run = RunID(rawValue: Int64(id))
            #expect(try Self.encoded(postgres.findings(of: run)) == Self.encoded(sqlite.findings(of: run)))
            #expect(try Self.encoded(postgres.run(run)) == Self.encoded(sqlite.run(run)))
        }
        let ids = [RunID(rawValue: 2), RunID(rawValue: 17)]
        #expect(try Self.encoded(postgres.clauses(of: ids)) == Self.encoded(sqlite.clauses(of: ids)))
        let now = Date(timeIntervalSince1970: 1_790_000_000 + 7 * 86_400)
        let expected: [(id: String, name: String?)] = [("leeds", "Leeds"), ("bristol", nil)]
        let fromPostgres = try GroupOverview.read(from: postgres, store: "s", expectedSites: expected, now: now, windowDays: 2, periodDays: 2, periods: 4)
        let fromSQLite = try GroupOverview.read(from: sqlite, store: "s", expectedSites: expected, now: now, windowDays: 2, periodDays: 2, periods: 4)
        #expect(try Self.encoded(fromPostgres) == Self.encoded(fromSQLite))
        #expect(fromPostgres.sites.map(\.id) == ["leeds", "bristol", "hull", "york"])
        #expect(fromPostgres.missingSites.map(\.id) == ["bristol"])
    }

    @Test("a run is recorded whole: its rulesets, profiles, clauses and findings, to the second")
    func recordsWhole() throws {
        let database = try TestPostgres.freshDatabase()
        let store = try PostgresHistoryStore(address: Self.address(database))
        let id = try store.record(
            HistoryStoreTests.run(score: false), recordedAt: Date(timeIntervalSince1970: 1_790_000_000.9), evidenceFolder: "ev", site: "york")
        let run = try store.run(id)
        #expect(run.recordedAt == Date(timeIntervalSince1970: 1_790_000_000))
        #expect(run.site == "york" && run.organization == "Org" && run.evidenceFolder == "ev")
        #expect(run.rulesets == [RulesetVersion(id: "rs", version: "1.0.0", sha256: "abc")])
        #expect(run.profiles == [ProfileVersion(id: "small", version: "1.0", rulesetId: "rs", sha256: "def")])
        #expect(run.findings == GradeCounts(major: 0, minor: 1, ofi: 0))
        #expect(try store.findings(of: id).map(\.recordKey) == ["Q3"])
        #expect(try TestPostgres.psql(database, "SELECT count(*) FROM cxaudit.clause_result") == "1")
        // Without a site, the run is the organization's, as in the SQLite store.
        let other = try store.record(HistoryStoreTests.run(score: true), recordedAt: Date(), evidenceFolder: "ev")
        #expect(try store.run(other).site == "Org")
        #expect(throws: HistoryError.noSuchRun(path: store.address.description, id: 99)) { try store.findings(of: RunID(rawValue: 99)) }
    }

    @Test("the schema is made once, versioned, and a newer one is refused")
    func schemaVersions() throws {
        let database = try TestPostgres.freshDatabase()
        let address = try Self.address(database)
        #expect(throws: HistoryError.missing(path: address.description)) { try PostgresHistoryStore(address: address, create: false) }
        #expect(try TestPostgres.psql(database, "SELECT to_regclass('cxaudit.run') IS NULL") == "t")
        _ = try PostgresHistoryStore(address: address)
        _ = try PostgresHistoryStore(address: address)
        _ = try PostgresHistoryStore(address: address, create: false)
        #expect(try TestPostgres.psql(database, "SELECT string_agg(version::text, ',') FROM cxaudit.schema_version") == "4")
        try TestPostgres.psql(database, "INSERT INTO cxaudit.schema_version (version) VALUES (9)")
        #expect(throws: HistoryError.newerVersion(path: address.description, version: 9)) { try PostgresHistoryStore(address: address) }
    }

    @Test("jobs opening a new database at once migrate it once, and every run is kept")
    func concurrentWriters() async throws {
        let address = try Self.address(TestPostgres.freshDatabase())
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<6 {
                group.addTask {
                    let store = try PostgresHistoryStore(address: address)
                    for day in 1...5 {
                        _ = try store.record(
                            HistoryStoreTests.run(score: day % 2 == 0, asOf: day), recordedAt: Date(), evidenceFolder: "ev", site: "site-\(writer)")
                    }
                }
            }
            try await group.waitForAll()
        }
        let store = try PostgresHistoryStore(address: address, create: false)
        let runs = try store.runs(limit: nil)
        #expect(runs.count == 30)
        #expect(Set(runs.map(\.site)).count == 6)
        #expect(Set(runs.map(\.id)).count == 30)
    }

    @Test("TLS: verify-full checks the server's certificate against sslrootcert and its name; the session is encrypted")
    func tls() throws {
        let database = try TestPostgres.freshDatabase()
        let name = try #require(URLComponents(string: database)?.path.dropFirst())
        let (port, authority) = try TestPostgres.tls()
        let verified = try Self.address("postgres://postgres@localhost:\(port)/\(name)?sslmode=verify-full&sslrootcert=\(authority)")
        let store = try PostgresHistoryStore(address: verified)
        _ = try store.record(HistoryStoreTests.run(score: true), recordedAt: Date(), evidenceFolder: "ev", site: "tls")
        #expect(
            try TestPostgres.psql(
                database, "SELECT count(*) FROM pg_stat_ssl JOIN pg_stat_activity USING (pid) WHERE ssl AND datname = '\(name)' AND client_port IS NOT NULL")
                == "1")
        // Another CA: the certificate is refused, and nothing is sent.
        let otherAuthority = FileManager.default.temporaryDirectory.appendingPathComponent("other-ca-\(UUID().uuidString).pem")
        defer { try? FileManager.default.removeItem(at: otherAuthority) }
        let made = try ExternalTool.run(
            "openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=other", "-keyout", "/dev/null", "-out", otherAuthority.path])
        #expect(made.status == 0, "\(made.output)")
        let untrusted = try Self.address("postgres://postgres@localhost:\(port)/\(name)?sslmode=verify-full&sslrootcert=\(otherAuthority.path)")
        #expect {
            try PostgresHistoryStore(address: untrusted, connectTimeout: 10)
        } throws: { error in
            guard case .unreachable = error as? HistoryError else { return false }
            return true
        }
        // require encrypts without checking the certificate, as libpq's does.
        _ = try PostgresHistoryStore(address: Self.address("postgres://postgres@localhost:\(port)/\(name)?sslmode=require"), create: false)
    }

    @Test("an unreachable server, a refused login and an unknown database are told apart from a broken store")
    func unreachable() throws {
        let server = try TestPostgres.server()
        let missingSocket = try Self.address("postgres://postgres@/cx?host=/nonexistent-cxaudit-socket")
        #expect {
            try PostgresHistoryStore(address: missingSocket, connectTimeout: 5)
        } throws: { error in
            guard case .unreachable = error as? HistoryError else { return false }
            return true
        }
        let unknownDatabase = try Self.address(server.replacingOccurrences(of: "/postgres?", with: "/no_such_db?"))
        #expect {
            try PostgresHistoryStore(address: unknownDatabase)
        } throws: { error in
            guard case let .unreachable(_, reason) = error as? HistoryError else { return false }
            return reason.contains("no_such_db") && reason.contains("3D000")
        }
    }
}

import PostgresNIO

/// The shared store's tables, in their own PostgreSQL schema `cxaudit`, and how each version
/// is reached from the one before.
///
/// Versions are numbered as the SQLite store's are: version 4 holds the same runs, sites,
/// clauses and findings in both, so one cxaudit reads either alike. Migrations are
/// append-only and run under an advisory lock, so jobs starting together on many machines
/// migrate a new database once. Each records its version in `cxaudit.schema_version`.
enum PostgresHistorySchema {
    /// The schema version this build writes.
    static let version = 4

    /// An arbitrary key for `pg_advisory_lock`, the same in every cxaudit.
    private static let migrationLock: Int64 = 0x6378_6175_6469_74

    private static let migrations: [(version: Int, statements: [String])] = [
        (
            4,
            [
                """
                CREATE TABLE cxaudit.run (
                    id bigserial PRIMARY KEY,
                    recorded_at timestamptz NOT NULL,
                    as_of date NOT NULL,
                    tool_version text NOT NULL,
                    evidence_folder text NOT NULL,
                    organization text NOT NULL,
                    site text NOT NULL,
                    score double precision,
                    major integer NOT NULL, minor integer NOT NULL, ofi integer NOT NULL, waived_findings integer NOT NULL,
                    passed integer NOT NULL, failed integer NOT NULL, errors integer NOT NULL, not_applicable integer NOT NULL,
                    not_checked integer NOT NULL, waived integer NOT NULL,
                    incomplete boolean NOT NULL)
                """,
                "CREATE INDEX run_recorded ON cxaudit.run (recorded_at DESC, id DESC)",
                "CREATE INDEX run_site ON cxaudit.run (site, recorded_at DESC)",
                """
                CREATE TABLE cxaudit.run_ruleset (
                    run_id bigint NOT NULL REFERENCES cxaudit.run ON DELETE CASCADE,
                    position integer NOT NULL,
                    ruleset_id text NOT NULL, version text NOT NULL, title text, sha256 text, edition text,
                    PRIMARY KEY (run_id, position))
                """,
                """
                CREATE TABLE cxaudit.run_profile (
                    run_id bigint NOT NULL REFERENCES cxaudit.run ON DELETE CASCADE,
                    position integer NOT NULL,
                    profile_id text NOT NULL, version text NOT NULL, ruleset_id text, sha256 text,
                    PRIMARY KEY (run_id, position))
                """,
                """
                CREATE TABLE cxaudit.clause_result (
                    run_id bigint NOT NULL REFERENCES cxaudit.run ON DELETE CASCADE,
                    ruleset_id text NOT NULL, clause text NOT NULL, title text NOT NULL, verdict text NOT NULL, score double precision,
                    PRIMARY KEY (run_id, ruleset_id, clause))
                """,
                "CREATE INDEX clause_result_clause ON cxaudit.clause_result (clause, ruleset_id)",
                """
                CREATE TABLE cxaudit.finding (
                    run_id bigint NOT NULL REFERENCES cxaudit.run ON DELETE CASCADE,
                    position integer NOT NULL,
                    fingerprint text NOT NULL, ruleset_id text NOT NULL, rule_id text NOT NULL, grade text NOT NULL, clause text NOT NULL,
                    item_id text, record_key text, waived boolean NOT NULL, statement text NOT NULL,
                    PRIMARY KEY (run_id, position))
                """,
                "CREATE INDEX finding_fingerprint ON cxaudit.finding (fingerprint)",
            ]
        )
    ]

    /// Refuses a newer or foreign schema, then applies the missing migrations in one transaction.
    ///
    /// - Parameters:
    ///   - create: False for readers: a database without cxaudit's tables is `.missing`.
    ///   - place: The address, for messages.
    ///   - execute: Runs one statement on the store's connection.
    static func migrate(
        create: Bool, place: String, execute: (String, PostgresBindings) throws(HistoryError) -> PostgresQueryResult
    ) throws(HistoryError) {
        func run(_ sql: String) throws(HistoryError) -> PostgresQueryResult { try execute(sql, PostgresBindings()) }
        let current = try installedVersion(place: place, run)
        if current == version { return }
        if current > version { throw .newerVersion(path: place, version: current) }
        guard create else { throw .missing(path: place) }
        // A session lock, taken before the transaction begins: a transaction that began before
        // another job's migration committed could still see the catalog without its tables.
        _ = try run("SELECT pg_advisory_lock(\(migrationLock))")
        defer { _ = try? run("SELECT pg_advisory_unlock(\(migrationLock))") }
        _ = try run("BEGIN")
        do throws(HistoryError) {
            // Another job may have migrated while this one waited for the lock.
            let locked = try installedVersion(place: place, run)
            if locked > version { throw HistoryError.newerVersion(path: place, version: locked) }
            _ = try run("CREATE SCHEMA IF NOT EXISTS cxaudit")
            _ = try run("CREATE TABLE IF NOT EXISTS cxaudit.schema_version (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())")
            for migration in migrations where migration.version > locked {
                for statement in migration.statements {
                    _ = try run(statement)
                }
                _ = try run("INSERT INTO cxaudit.schema_version (version) VALUES (\(migration.version))")
            }
            _ = try run("COMMIT")
        } catch {
            _ = try? run("ROLLBACK")
            throw error
        }
    }

    /// The newest version recorded, 0 when the database has no cxaudit schema yet.
    private static func installedVersion(
        place: String, _ run: (String) throws(HistoryError) -> PostgresQueryResult
    ) throws(HistoryError) -> Int {
        let tables = try run(
            "SELECT to_regclass('cxaudit.schema_version') IS NOT NULL, to_regclass('cxaudit.run') IS NOT NULL")
        let (hasVersions, hasRuns): (Bool, Bool)
        do {
            (hasVersions, hasRuns) = try tables.first?.decode((Bool, Bool).self) ?? (false, false)
        } catch {
            throw .failed(path: place, reason: "cannot read the catalog (\(String(reflecting: error)))")
        }
        if !hasVersions {
            if hasRuns { throw .notAStore(path: place, reason: "its cxaudit schema has a run table but no schema_version") }
            return 0
        }
        do {
            return try run("SELECT coalesce(max(version), 0) FROM cxaudit.schema_version").first?.decode(Int.self) ?? 0
        } catch let error as HistoryError {
            throw error
        } catch {
            throw .failed(path: place, reason: "cannot read the schema version (\(String(reflecting: error)))")
        }
    }
}

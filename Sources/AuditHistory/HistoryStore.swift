public import AuditModel
import CalendarDates
public import Foundation
import GRDB

/// An embedded SQLite store of every recorded run, so a scheduled job remembers what a
/// single run cannot show: the conformity score over time, each clause's trend, and
/// which findings came and went.
///
/// The database is in WAL mode with a busy timeout, and each run is recorded in one
/// immediate transaction, so several jobs (threads or processes, each with its own
/// `HistoryStore`) may record into one file at once without corrupting it or losing runs.
public final class HistoryStore: Sendable {
    private let pool: DatabasePool
    private let busyTimeout: Int
    /// The database file.
    public let url: URL

    /// The schema version this build writes (`PRAGMA user_version`); a newer store is refused.
    public static var schemaVersion: Int { HistorySchema.version }

    /// The default place, `EVIDENCE_DIR/.cxaudit/history.sqlite`: next to the evidence it
    /// describes, so every site's folder carries its own history.
    public static func defaultURL(forEvidenceFolder folder: URL) -> URL {
        folder.appendingPathComponent(".cxaudit", isDirectory: true).appendingPathComponent("history.sqlite")
    }

    /// Opens the store at `url`, creating it (and its folder) when `create` is true, and
    /// brings its schema up to date.
    ///
    /// - Parameters:
    ///   - url: The SQLite file.
    ///   - create: False for readers, which should say "no history yet" rather than
    ///     leave an empty store behind.
    ///   - busyTimeout: Seconds to wait for another process's write before giving up.
    /// - Throws: `HistoryError.missing` when the file does not exist and `create` is
    ///   false; `.newerVersion` for a store written by a newer cxaudit; `.notAStore`
    ///   for a damaged or foreign file; `.unwritable` when the folder or file cannot be written.
    public init(url: URL, create: Bool = true, busyTimeout: Int = 30) throws(HistoryError) {
        self.url = url
        self.busyTimeout = busyTimeout
        let path = url.path
        if !FileManager.default.fileExists(atPath: path) {
            guard create else { throw .missing(path: path) }
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            } catch {
                throw .unwritable(path: path, reason: error.localizedDescription)
            }
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(TimeInterval(busyTimeout))
        configuration.label = "cxaudit-history"
        do {
            pool = try Self.open(path: path, configuration: configuration, busyTimeout: busyTimeout)
        } catch {
            throw HistoryError.from(error, path: path, busyTimeout: busyTimeout)
        }
    }

    /// Opens the pool and migrates, retrying when SQLite reports the database busy
    /// before the busy timeout has passed.
    ///
    /// SQLite answers some lock conflicts without calling the busy handler, to avoid
    /// deadlocks: notably switching a new file to WAL while another process opens it.
    /// Those are only seen when several jobs create one store at once; waiting a moment
    /// and opening again resolves them, as the busy handler would have.
    private static func open(path: String, configuration: Configuration, busyTimeout: Int) throws -> DatabasePool {
        let deadline = Date().addingTimeInterval(TimeInterval(busyTimeout))
        while true {
            do {
                let pool = try DatabasePool(path: path, configuration: configuration)
                try migrate(pool, path: path)
                return pool
            } catch let error as DatabaseError where [.SQLITE_BUSY, .SQLITE_LOCKED].contains(error.resultCode) && Date() < deadline {
                Thread.sleep(forTimeInterval: .random(in: 0.01...0.05))
            }
        }
    }

    /// Refuses newer and foreign databases, then applies missing migrations.
    ///
    /// GRDB reads which migrations are applied before taking the write lock, so two
    /// processes opening a new store at once may both try the first migration; the
    /// loser's transaction rolls back whole, and it finds the work already done.
    private static func migrate(_ pool: DatabasePool, path: String) throws {
        let migrator = HistorySchema.migrator
        for attempt in 1...3 {
            let (version, superseded, foreign, complete) = try pool.read { db in
                (
                    try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0, try migrator.hasBeenSuperseded(db), try HistorySchema.isForeign(db),
                    try migrator.hasCompletedMigrations(db)
                )
            }
            if version > HistorySchema.version || superseded {
                throw HistoryError.newerVersion(path: path, version: max(version, HistorySchema.version + 1))
            }
            if foreign {
                throw HistoryError.notAStore(path: path, reason: "it holds other tables and no cxaudit runs")
            }
            if complete { return }
            do {
                try migrator.migrate(pool)
                return
            } catch {
                if attempt == 3 { throw error }
            }
        }
    }

    // MARK: - Recording

    /// Records a finished run in one transaction and returns its id.
    ///
    /// - Parameters:
    ///   - run: The run, as `cxaudit check` produced it (after waivers and baseline).
    ///   - recordedAt: The job's clock; injected so tests and replays are deterministic.
    ///   - evidenceFolder: The evidence folder as the job named it.
    ///   - site: The site the run audited, for the group view; nil for the run's organization.
    /// - Returns: The new run's id.
    /// - Throws: `HistoryError`, e.g. `.busy` when another job kept the store locked past the timeout.
    @discardableResult
    public func record(_ run: AuditRun, recordedAt: Date, evidenceFolder: String, site: String? = nil) throws(HistoryError) -> RunID {
        let row = RunRow(run, recordedAt: recordedAt, evidenceFolder: evidenceFolder, site: site)
        do {
            return try pool.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO run (recordedAt, asOf, toolVersion, evidenceFolder, organization, site, rulesets, profiles, score,
                                         major, minor, ofi, waivedFindings, passed, failed, errors, notApplicable, notChecked, waived,
                                         incomplete)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: StatementArguments(
                        [
                            Self.timestamp(row.recordedAt), row.asOf, row.toolVersion, row.evidenceFolder, row.organization, row.site,
                            run.rulesets.map { "\($0.id) \($0.version)" }.joined(separator: ", "),
                            run.profiles.map { "\($0.id) \($0.version)" }.joined(separator: ", "), row.score,
                        ] + row.counts.map { $0 as (any DatabaseValueConvertible)? } + [row.incomplete]))
                let id = db.lastInsertedRowID
                for (position, ruleset) in run.rulesets.enumerated() {
                    try db.execute(
                        sql: "INSERT INTO runRuleset (runId, position, rulesetId, version, title, sha256, edition) VALUES (?, ?, ?, ?, ?, ?, ?)",
                        arguments: [id, position, ruleset.id, ruleset.version, ruleset.title, ruleset.sha256, ruleset.editionKey])
                }
                for (position, profile) in run.profiles.enumerated() {
                    try db.execute(
                        sql: "INSERT INTO runProfile (runId, position, profileId, version, rulesetId, sha256) VALUES (?, ?, ?, ?, ?, ?)",
                        arguments: [id, position, profile.id, profile.version, profile.rulesetId, profile.sha256])
                }
                let clause = try db.cachedStatement(
                    sql: "INSERT OR REPLACE INTO clauseResult (runId, rulesetId, clause, title, verdict, score) VALUES (?, ?, ?, ?, ?, ?)")
                for summary in row.clauses {
                    try clause.execute(arguments: [id, summary.rulesetId, summary.number, summary.title, summary.verdict.rawValue, summary.score])
                }
                let finding = try db.cachedStatement(
                    sql: """
                        INSERT INTO finding (runId, fingerprint, rulesetId, ruleId, grade, clause, itemId, recordKey, waived, statement)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """)
                for item in run.findings {
                    try finding.execute(arguments: [
                        id, item.id, item.rulesetId, item.ruleId, item.grade.rawValue, item.clause, item.evidence.itemId,
                        item.evidence.recordKey, item.isWaived, item.statement,
                    ])
                }
                return RunID(rawValue: id)
            }
        } catch {
            throw HistoryError.from(error, path: url.path, busyTimeout: busyTimeout)
        }
    }

    // MARK: - Reading

    /// The most recent runs, newest first.
    ///
    /// - Parameters:
    ///   - limit: At most this many runs; nil for all.
    ///   - site: Only this site's runs; nil for every site's.
    public func runs(limit: Int? = 20, site: String? = nil) throws(HistoryError) -> [RunSummary] {
        try reading { db in
            let rows = try Row.fetchAll(
                db, sql: "SELECT * FROM run WHERE (? IS NULL OR site = ?) ORDER BY recordedAt DESC, id DESC LIMIT ?",
                arguments: [site, site, limit ?? -1])
            return try Self.summaries(of: rows, db)
        }
    }

    /// One run's summary.
    ///
    /// - Throws: `HistoryError.noSuchRun` when no run has this id.
    public func run(_ id: RunID) throws(HistoryError) -> RunSummary {
        let summary = try reading { db in
            try Self.summaries(of: Row.fetchAll(db, sql: "SELECT * FROM run WHERE id = ?", arguments: [id.rawValue]), db).first
        }
        guard let summary else { throw .noSuchRun(path: url.path, id: id.rawValue) }
        return summary
    }

    /// One clause's verdict and score in every recorded run that assessed it, oldest first.
    ///
    /// - Parameters:
    ///   - rulesetId: The ruleset the clause belongs to; nil for every ruleset that has
    ///     a clause with this number (each point says which).
    ///   - clause: The clause number, e.g. `9.1.2`.
    ///   - limit: Only the most recent this many runs; nil for all.
    ///   - site: Only this site's runs; nil for every site's.
    public func clauseTrend(rulesetId: String? = nil, clause: String, limit: Int? = nil, site: String? = nil) throws(HistoryError) -> [ClausePoint] {
        try reading { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM (
                        SELECT run.id AS runId, run.recordedAt, run.asOf, clauseResult.rulesetId, clauseResult.clause,
                               clauseResult.title, clauseResult.verdict, clauseResult.score, \(Self.editionColumn)
                        FROM clauseResult JOIN run ON run.id = clauseResult.runId
                        WHERE clauseResult.clause = ? AND (? IS NULL OR clauseResult.rulesetId = ?) AND (? IS NULL OR run.site = ?)
                        ORDER BY run.recordedAt DESC, run.id DESC
                        LIMIT ?)
                    ORDER BY recordedAt, runId, rulesetId
                    """,
                arguments: [clause, rulesetId, rulesetId, site, site, limit ?? -1]
            ).map(Self.clausePoint(from:))
        }
    }

    /// Every clause's trend over the most recent runs: what a report needs to draw them all.
    ///
    /// - Parameters:
    ///   - limit: Only the most recent this many runs; nil for all.
    ///   - site: Only this site's runs; nil for every site's.
    /// - Returns: One trend per ruleset and clause, in ruleset then clause-number order.
    public func clauseTrends(limit: Int? = nil, site: String? = nil) throws(HistoryError) -> [ClauseTrend] {
        let points = try reading { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT run.id AS runId, run.recordedAt, run.asOf, clauseResult.rulesetId, clauseResult.clause,
                           clauseResult.title, clauseResult.verdict, clauseResult.score, \(Self.editionColumn)
                    FROM clauseResult
                    JOIN (SELECT * FROM run WHERE (? IS NULL OR site = ?) ORDER BY recordedAt DESC, id DESC LIMIT ?) AS run ON run.id = clauseResult.runId
                    ORDER BY run.recordedAt, run.id
                    """,
                arguments: [site, site, limit ?? -1]
            ).map(Self.clausePoint(from:))
        }
        return ClauseTrend.grouping(points)
    }

    public func clauses(of runs: [RunID]) throws(HistoryError) -> [ClausePoint] {
        guard !runs.isEmpty else { return [] }
        let placeholders = Array(repeating: "?", count: runs.count).joined(separator: ", ")
        return try reading { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT run.id AS runId, run.recordedAt, run.asOf, clauseResult.rulesetId, clauseResult.clause,
                           clauseResult.title, clauseResult.verdict, clauseResult.score, \(Self.editionColumn)
                    FROM clauseResult JOIN run ON run.id = clauseResult.runId
                    WHERE run.id IN (\(placeholders))
                    ORDER BY run.recordedAt, run.id, clauseResult.rulesetId, clauseResult.clause
                    """,
                arguments: StatementArguments(runs.map(\.rawValue))
            ).map(Self.clausePoint(from:))
        }
    }

    /// The findings of one run, in the order the run listed them.
    ///
    /// - Throws: `HistoryError.noSuchRun` when no run has this id.
    public func findings(of run: RunID) throws(HistoryError) -> [RecordedFinding] {
        let found = try reading { db -> [RecordedFinding]? in
            guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM run WHERE id = ?)", arguments: [run.rawValue]) == true else {
                return nil
            }
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT fingerprint, rulesetId, ruleId, grade, clause, itemId, recordKey, waived, statement
                    FROM finding WHERE runId = ? ORDER BY rowid
                    """,
                arguments: [run.rawValue]
            ).map { row in
                RecordedFinding(
                    fingerprint: row["fingerprint"], rulesetId: row["rulesetId"], ruleId: row["ruleId"],
                    grade: Grade(rawValue: row["grade"]) ?? .ofi, clause: row["clause"], itemId: row["itemId"], recordKey: row["recordKey"],
                    waived: row["waived"], statement: row["statement"])
            }
        }
        guard let found else { throw .noSuchRun(path: url.path, id: run.rawValue) }
        return found
    }

    /// `PRAGMA integrity_check`: "ok" for a sound database, else SQLite's list of problems.
    public func integrityCheck() throws(HistoryError) -> String {
        try reading { db in
            try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "\n")
        }
    }

    // MARK: - Rows to values

    private func reading<T>(_ body: @Sendable (Database) throws -> T) throws(HistoryError) -> T {
        do {
            return try pool.read(body)
        } catch {
            throw HistoryError.from(error, path: url.path, busyTimeout: busyTimeout)
        }
    }

    private static func summaries(of rows: [Row], _ db: Database) throws -> [RunSummary] {
        guard !rows.isEmpty else { return [] }
        let ids: [Int64] = rows.map { $0["id"] }
        let placeholders = Array(repeating: "?", count: ids.count).joined(separator: ", ")
        var rulesets: [Int64: [RulesetVersion]] = [:]
        for row in try Row.fetchAll(
            db, sql: "SELECT * FROM runRuleset WHERE runId IN (\(placeholders)) ORDER BY runId, position", arguments: StatementArguments(ids))
        {
            rulesets[row["runId"], default: []].append(
                RulesetVersion(id: row["rulesetId"], version: row["version"], sha256: row["sha256"], edition: row["edition"]))
        }
        var profiles: [Int64: [ProfileVersion]] = [:]
        for row in try Row.fetchAll(
            db, sql: "SELECT * FROM runProfile WHERE runId IN (\(placeholders)) ORDER BY runId, position", arguments: StatementArguments(ids))
        {
            profiles[row["runId"], default: []].append(
                ProfileVersion(id: row["profileId"], version: row["version"], rulesetId: row["rulesetId"], sha256: row["sha256"]))
        }
        return rows.map { row in
            let id: Int64 = row["id"]
            return RunSummary(
                id: RunID(rawValue: id), recordedAt: date(row["recordedAt"]), asOf: CalendarDate(iso: row["asOf"]) ?? CalendarDate(daysSinceEpoch: 0),
                toolVersion: row["toolVersion"], evidenceFolder: row["evidenceFolder"], organization: row["organization"],
                rulesets: rulesets[id] ?? [], profiles: profiles[id] ?? [], conformityScore: row["score"],
                findings: GradeCounts(major: row["major"], minor: row["minor"], ofi: row["ofi"]), waivedFindings: row["waivedFindings"],
                results: StatusCounts(
                    pass: row["passed"], fail: row["failed"], error: row["errors"], notApplicable: row["notApplicable"],
                    notChecked: row["notChecked"], waived: row["waived"]),
                incomplete: row["incomplete"], site: row["site"])
        }
    }

    private static func clausePoint(from row: Row) -> ClausePoint {
        ClausePoint(
            run: RunID(rawValue: row["runId"]), recordedAt: date(row["recordedAt"]),
            asOf: CalendarDate(iso: row["asOf"]) ?? CalendarDate(daysSinceEpoch: 0), rulesetId: row["rulesetId"], clause: row["clause"],
            title: row["title"], verdict: ClauseVerdict(rawValue: row["verdict"]) ?? .notAssessed, score: row["score"],
            edition: row["edition"])
    }

    /// The edition the clause's ruleset audited against in that run (nil for runs recorded before schema version 3).
    private static let editionColumn = "(SELECT runRuleset.edition FROM runRuleset WHERE runRuleset.runId = run.id "
        + "AND runRuleset.rulesetId = clauseResult.rulesetId ORDER BY runRuleset.position LIMIT 1) AS edition"

    /// Times are stored as ISO 8601 UTC text to the second (`2026-11-30T06:00:00Z`):
    /// readable in `sqlite3`, and text order is time order; runs in the same second
    /// are ordered by id, which is commit order.
    static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle())
    }

    private static func date(_ text: String) -> Date {
        (try? Date(text, strategy: Date.ISO8601FormatStyle())) ?? Date(timeIntervalSince1970: 0)
    }
}

public import AuditModel
public import Foundation
import CalendarDates
import GRDB

/// An embedded SQLite store of every recorded run, so a scheduled job remembers:
/// scores and counts over time, per clause, and the findings of each run.
///
/// The database is in WAL mode with a busy timeout, so several jobs may record into
/// one store at once; each recording is one transaction.
public final class HistoryStore: Sendable {
    private let pool: DatabasePool
    /// The database file.
    public let url: URL

    /// The store's schema version; a newer file is refused rather than misread.
    public static let schemaVersion = 1

    /// The default place: `.cxaudit/history.sqlite` in the evidence folder.
    public static func defaultURL(forEvidenceFolder folder: URL) -> URL {
        folder.appendingPathComponent(".cxaudit/history.sqlite")
    }

    /// Opens (creating when `create` is true) the store at `url`.
    public init(url: URL, create: Bool = true) throws(HistoryError) {
        self.url = url
        let path = url.path
        if !FileManager.default.fileExists(atPath: path) {
            guard create else { throw .missing(path: path) }
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            } catch {
                throw .unusable(path: path, reason: error.localizedDescription)
            }
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        configuration.label = "cxaudit-history"
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            let version = try pool.read { db in try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0 }
            guard version <= Self.schemaVersion else { throw HistoryError.newerVersion(path: path, version: version) }
            try Self.migrator.migrate(pool)
            try pool.write { db in try db.execute(sql: "PRAGMA user_version = \(Self.schemaVersion)") }
        } catch let error as HistoryError {
            throw error
        } catch {
            throw .unusable(path: path, reason: "\(error)")
        }
    }

    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: "run") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("recordedAt", .text).notNull()
                table.column("asOf", .text).notNull()
                table.column("toolVersion", .text).notNull()
                table.column("evidenceFolder", .text).notNull()
                table.column("organization", .text).notNull()
                table.column("rulesets", .text).notNull()
                table.column("profiles", .text).notNull()
                table.column("score", .double)
                table.column("major", .integer).notNull()
                table.column("minor", .integer).notNull()
                table.column("ofi", .integer).notNull()
                table.column("passed", .integer).notNull()
                table.column("failed", .integer).notNull()
                table.column("errors", .integer).notNull()
                table.column("incomplete", .boolean).notNull()
            }
            try db.create(table: "clauseResult") { table in
                table.column("runId", .integer).notNull().references("run", onDelete: .cascade)
                table.column("rulesetId", .text).notNull()
                table.column("clause", .text).notNull()
                table.column("title", .text).notNull()
                table.column("verdict", .text).notNull()
                table.column("score", .double)
                table.primaryKey(["runId", "rulesetId", "clause"])
            }
            try db.create(table: "finding") { table in
                table.column("runId", .integer).notNull().references("run", onDelete: .cascade)
                table.column("fingerprint", .text).notNull()
                table.column("rulesetId", .text).notNull()
                table.column("ruleId", .text).notNull()
                table.column("grade", .text).notNull()
                table.column("clause", .text).notNull()
                table.column("itemId", .text)
                table.column("recordKey", .text)
                table.column("waived", .boolean).notNull()
                table.column("statement", .text).notNull()
            }
            try db.create(index: "finding_run", on: "finding", columns: ["runId"])
        }
        return migrator
    }

    /// Records a finished run in one transaction and returns its id.
    @discardableResult
    public func record(_ run: AuditRun, recordedAt: Date, evidenceFolder: String) throws(HistoryError) -> Int64 {
        let counts = run.statusCounts
        let grades = Dictionary(grouping: run.findings.filter { $0.waiver == nil }, by: \.grade).mapValues(\.count)
        do {
            return try pool.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO run (recordedAt, asOf, toolVersion, evidenceFolder, organization, rulesets, profiles, score,
                                         major, minor, ofi, passed, failed, errors, incomplete)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        Self.timestamp(recordedAt), run.asOf.description, run.tool.version, evidenceFolder, run.evidence.organization,
                        run.rulesets.map { "\($0.id) \($0.version)" }.joined(separator: ", "),
                        run.profiles.map { "\($0.id) \($0.version)" }.joined(separator: ", "), run.conformityScore,
                        grades[.major] ?? 0, grades[.minor] ?? 0, grades[.ofi] ?? 0, counts[.pass] ?? 0, counts[.fail] ?? 0,
                        counts[.error] ?? 0, run.isIncomplete,
                    ])
                let id = db.lastInsertedRowID
                for clause in run.clauses {
                    try db.execute(
                        sql: "INSERT INTO clauseResult (runId, rulesetId, clause, title, verdict, score) VALUES (?, ?, ?, ?, ?, ?)",
                        arguments: [
                            id, clause.rulesetId, clause.number, clause.title, clause.verdict.rawValue,
                            run.conformityScore(rulesetId: clause.rulesetId, ruleIds: clause.ruleIds),
                        ])
                }
                for finding in run.findings {
                    try db.execute(
                        sql: """
                            INSERT INTO finding (runId, fingerprint, rulesetId, ruleId, grade, clause, itemId, recordKey, waived, statement)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                            """,
                        arguments: [
                            id, finding.id, finding.rulesetId, finding.ruleId, finding.grade.rawValue, finding.clause,
                            finding.evidence.itemId, finding.evidence.recordKey, finding.waiver != nil, finding.statement,
                        ])
                }
                return id
            }
        } catch {
            throw .unusable(path: url.path, reason: "\(error)")
        }
    }

    /// The most recent runs, newest first.
    public func runs(limit: Int = 20) throws(HistoryError) -> [RunSummary] {
        do {
            return try pool.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM run ORDER BY id DESC LIMIT ?", arguments: [limit]).map(RunSummary.init(row:))
            }
        } catch {
            throw .unusable(path: url.path, reason: "\(error)")
        }
    }

    /// One clause's verdict and score in every recorded run, oldest first.
    public func clauseTrend(clause: String, rulesetId: String? = nil) throws(HistoryError) -> [ClausePoint] {
        do {
            return try pool.read { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT run.id AS runId, run.recordedAt, run.asOf, clauseResult.rulesetId, clauseResult.verdict, clauseResult.score
                        FROM clauseResult JOIN run ON run.id = clauseResult.runId
                        WHERE clauseResult.clause = ? AND (? IS NULL OR clauseResult.rulesetId = ?)
                        ORDER BY run.id
                        """,
                    arguments: [clause, rulesetId, rulesetId]
                ).map(ClausePoint.init(row:))
            }
        } catch {
            throw .unusable(path: url.path, reason: "\(error)")
        }
    }

    /// Fingerprints and grades of one run's findings.
    public func findings(ofRun runId: Int64) throws(HistoryError) -> [(fingerprint: String, ruleId: String, grade: String, waived: Bool)] {
        do {
            return try pool.read { db in
                try Row.fetchAll(db, sql: "SELECT fingerprint, ruleId, grade, waived FROM finding WHERE runId = ? ORDER BY rowid", arguments: [runId])
                    .map { (fingerprint: $0["fingerprint"], ruleId: $0["ruleId"], grade: $0["grade"], waived: $0["waived"]) }
            }
        } catch {
            throw .unusable(path: url.path, reason: "\(error)")
        }
    }

    /// `PRAGMA integrity_check`: "ok" for a sound database.
    public func integrityCheck() throws(HistoryError) -> String {
        do {
            return try pool.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") ?? "" }
        } catch {
            throw .unusable(path: url.path, reason: "\(error)")
        }
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}

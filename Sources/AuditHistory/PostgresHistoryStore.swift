public import AuditModel
import CalendarDates
public import Foundation
import Logging
import NIOCore
import PostgresNIO
import Synchronization

/// Recorded runs in a PostgreSQL database that many jobs, on many machines, record into
/// at once: a group of sites' shared history (docs/multi-site.md).
///
/// The tables live in their own schema, `cxaudit`, so the database may be shared with other
/// programs. Each run is recorded in one transaction: a job killed while recording leaves
/// nothing behind, and readers never see half a run. Concurrent writers need no locking of
/// their own; ids come from a sequence.
///
/// The interface is synchronous like `HistoryStore`'s: the calls wait on the connection's
/// event loop, which never needs the caller's thread.
public final class PostgresHistoryStore: RunHistory {
    private let connection: PostgresConnection
    private let logger = Logger(label: "cxaudit-history")
    /// One transaction at a time on the connection.
    private let transactions = Mutex(())
    public let address: PostgresAddress

    /// The schema version this build writes; a newer store is refused.
    public static var schemaVersion: Int { PostgresHistorySchema.version }

    /// Connects and brings the schema up to date (creating it when `create` is true).
    ///
    /// - Parameters:
    ///   - address: The server and database.
    ///   - create: False for readers, which should say "no history yet" rather than create tables.
    ///   - environment: Where `PGUSER`, `PGPASSWORD` and `PGPASSFILE` are read.
    ///   - connectTimeout: Seconds to wait for the server.
    /// - Throws: `HistoryError`: `.missing` for a database without cxaudit's tables when
    ///   `create` is false, `.unreachable` when the server cannot be reached or refuses the login,
    ///   `.newerVersion` for a store written by a newer cxaudit.
    public init(
        address: PostgresAddress, create: Bool = true, environment: [String: String] = ProcessInfo.processInfo.environment,
        connectTimeout: Int = 30
    ) throws(HistoryError) {
        self.address = address
        let place = address.description
        let credentials = try PostgresCredentials(address: address, environment: environment)
        var configuration: PostgresConnection.Configuration
        if let socket = address.socketPath {
            configuration = .init(unixSocketPath: socket, username: credentials.user, password: credentials.password, database: address.database)
        } else {
            configuration = .init(
                host: address.host ?? "localhost", port: address.port, username: credentials.user, password: credentials.password,
                database: address.database, tls: try PostgresTLS.configuration(for: address))
        }
        configuration.options.connectTimeout = .seconds(Int64(connectTimeout))
        do {
            connection = try PostgresConnection.connect(
                on: PostgresConnection.defaultEventLoopGroup.any(), configuration: configuration, id: 1, logger: logger
            ).wait()
        } catch {
            throw HistoryError.fromPostgres(error, place: place, connecting: true)
        }
        do {
            try PostgresHistorySchema.migrate(create: create, place: place) { sql, binds throws(HistoryError) in
                try self.execute(sql, binds)
            }
        } catch {
            Self.close(connection)
            throw error
        }
    }

    deinit {
        Self.close(connection)
    }

    /// Closes the connection and waits for it: the server then ends the session at once,
    /// rolling back anything left open.
    private static func close(_ connection: PostgresConnection) {
        let closing: EventLoopFuture<Void> = connection.close()
        try? closing.wait()
    }

    // MARK: - Recording

    /// Records a finished run in one transaction and returns its id.
    @discardableResult
    public func record(_ run: AuditRun, recordedAt: Date, evidenceFolder: String, site: String? = nil) throws(HistoryError) -> RunID {
        let row = RunRow(run, recordedAt: recordedAt, evidenceFolder: evidenceFolder, site: site)
        return try transaction { () throws(HistoryError) in
            var binds = PostgresBindings()
            binds.append(row.recordedAt)
            binds.append(row.asOf)
            binds.append(row.toolVersion)
            binds.append(row.evidenceFolder)
            binds.append(row.organization)
            binds.append(row.site)
            binds.append(row.score)
            for count in row.counts { binds.append(count) }
            binds.append(row.incomplete)
            let inserted = try execute(
                """
                INSERT INTO cxaudit.run (recorded_at, as_of, tool_version, evidence_folder, organization, site, score, major, minor, ofi,
                                         waived_findings, passed, failed, errors, not_applicable, not_checked, waived, incomplete)
                VALUES ($1, $2::date, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
                RETURNING id
                """, binds)
            guard let id = try decoding({ try inserted.first.map { try $0.decode(Int64.self) } }) else {
                throw HistoryError.failed(path: address.description, reason: "the server returned no id for the new run")
            }
            try insert(
                "cxaudit.run_ruleset (run_id, position, ruleset_id, version, title, sha256, edition)", rows: run.rulesets.enumerated().map { position, ruleset in
                    [PostgresValue(id), PostgresValue(position), PostgresValue(ruleset.id), PostgresValue(ruleset.version), PostgresValue(ruleset.title),
                     PostgresValue(ruleset.sha256), PostgresValue(ruleset.editionKey)]
                })
            try insert(
                "cxaudit.run_profile (run_id, position, profile_id, version, ruleset_id, sha256)", rows: run.profiles.enumerated().map { position, profile in
                    [PostgresValue(id), PostgresValue(position), PostgresValue(profile.id), PostgresValue(profile.version), PostgresValue(profile.rulesetId),
                     PostgresValue(profile.sha256)]
                })
            try insert(
                "cxaudit.clause_result (run_id, ruleset_id, clause, title, verdict, score)", rows: row.clauses.map { clause in
                    [PostgresValue(id), PostgresValue(clause.rulesetId), PostgresValue(clause.number), PostgresValue(clause.title),
                     PostgresValue(clause.verdict.rawValue), PostgresValue(clause.score)]
                })
            try insert(
                "cxaudit.finding (run_id, position, fingerprint, ruleset_id, rule_id, grade, clause, item_id, record_key, waived, statement)",
                rows: run.findings.enumerated().map { position, finding in
                    [PostgresValue(id), PostgresValue(position), PostgresValue(finding.id), PostgresValue(finding.rulesetId), PostgresValue(finding.ruleId),
                     PostgresValue(finding.grade.rawValue), PostgresValue(finding.clause), PostgresValue(finding.evidence.itemId),
                     PostgresValue(finding.evidence.recordKey), PostgresValue(finding.isWaived), PostgresValue(finding.statement)]
                })
            return RunID(rawValue: id)
        }
    }

    // MARK: - Reading

    public func runs(limit: Int? = 20, site: String? = nil) throws(HistoryError) -> [RunSummary] {
        var binds = PostgresBindings()
        binds.append(limit)
        binds.append(site)
        return try summaries(
            execute(
                "SELECT \(Self.runColumns) FROM cxaudit.run WHERE ($2::text IS NULL OR site = $2::text) ORDER BY recorded_at DESC, id DESC LIMIT $1",
                binds))
    }

    public func run(_ id: RunID) throws(HistoryError) -> RunSummary {
        var binds = PostgresBindings()
        binds.append(id.rawValue)
        guard let summary = try summaries(execute("SELECT \(Self.runColumns) FROM cxaudit.run WHERE id = $1", binds)).first else {
            throw .noSuchRun(path: address.description, id: id.rawValue)
        }
        return summary
    }

    public func clauseTrend(rulesetId: String? = nil, clause: String, limit: Int? = nil, site: String? = nil) throws(HistoryError) -> [ClausePoint] {
        var binds = PostgresBindings()
        binds.append(clause)
        binds.append(rulesetId)
        binds.append(limit)
        binds.append(site)
        return try clausePoints(
            execute(
                """
                SELECT * FROM (
                    SELECT \(Self.clauseColumns)
                    FROM cxaudit.clause_result c JOIN cxaudit.run r ON r.id = c.run_id
                    WHERE c.clause = $1 AND ($2::text IS NULL OR c.ruleset_id = $2::text) AND ($4::text IS NULL OR r.site = $4::text)
                    ORDER BY r.recorded_at DESC, r.id DESC
                    LIMIT $3) AS latest
                ORDER BY recorded_at, id, ruleset_id COLLATE "C"
                """, binds))
    }

    public func clauseTrends(limit: Int? = nil, site: String? = nil) throws(HistoryError) -> [ClauseTrend] {
        var binds = PostgresBindings()
        binds.append(limit)
        binds.append(site)
        return ClauseTrend.grouping(
            try clausePoints(
                execute(
                    """
                    SELECT \(Self.clauseColumns)
                    FROM cxaudit.clause_result c
                    JOIN (SELECT * FROM cxaudit.run WHERE ($2::text IS NULL OR site = $2::text) ORDER BY recorded_at DESC, id DESC LIMIT $1) AS r
                      ON r.id = c.run_id
                    ORDER BY r.recorded_at, r.id
                    """, binds)))
    }

    public func clauses(of runs: [RunID]) throws(HistoryError) -> [ClausePoint] {
        var binds = PostgresBindings()
        binds.append(runs.map(\.rawValue))
        return try clausePoints(
            execute(
                """
                SELECT \(Self.clauseColumns)
                FROM cxaudit.clause_result c JOIN cxaudit.run r ON r.id = c.run_id
                WHERE c.run_id = ANY($1)
                ORDER BY r.recorded_at, r.id, c.ruleset_id COLLATE "C", c.clause COLLATE "C"
                """, binds))
    }

    public func findings(of run: RunID) throws(HistoryError) -> [RecordedFinding] {
        var binds = PostgresBindings()
        binds.append(run.rawValue)
        let exists = try execute("SELECT EXISTS (SELECT 1 FROM cxaudit.run WHERE id = $1)", binds)
        guard try decoding({ try exists.first?.decode(Bool.self) }) == true else {
            throw .noSuchRun(path: address.description, id: run.rawValue)
        }
        let rows = try execute(
            """
            SELECT fingerprint, ruleset_id, rule_id, grade, clause, item_id, record_key, waived, statement
            FROM cxaudit.finding WHERE run_id = $1 ORDER BY position
            """, binds)
        return try decoding {
            try rows.map { row in
                let (fingerprint, rulesetId, ruleId, grade, clause, itemId, recordKey, waived, statement) = try row.decode(
                    (String, String, String, String, String, String?, String?, Bool, String).self)
                return RecordedFinding(
                    fingerprint: fingerprint, rulesetId: rulesetId, ruleId: ruleId, grade: Grade(rawValue: grade) ?? .ofi, clause: clause,
                    itemId: itemId, recordKey: recordKey, waived: waived, statement: statement)
            }
        }
    }

    // MARK: - Rows to values

    // Text is ordered by byte (COLLATE "C"), as SQLite orders it, whatever the database's locale.
    private static let runColumns = """
        id, recorded_at, to_char(as_of, 'YYYY-MM-DD'), tool_version, evidence_folder, organization, site, score,
        major, minor, ofi, waived_findings, passed, failed, errors, not_applicable, not_checked, waived, incomplete
        """

    /// The edition the clause's ruleset audited against in that run.
    private static let clauseColumns = """
        r.id, r.recorded_at, to_char(r.as_of, 'YYYY-MM-DD'), c.ruleset_id, c.clause, c.title, c.verdict, c.score,
        (SELECT rr.edition FROM cxaudit.run_ruleset rr WHERE rr.run_id = r.id AND rr.ruleset_id = c.ruleset_id ORDER BY rr.position LIMIT 1)
        """

    private func summaries(_ rows: PostgresQueryResult) throws(HistoryError) -> [RunSummary] {
        let runs = try decoding {
            try rows.map { row in
                let cells = row.makeRandomAccess()
                func int(_ index: Int) throws -> Int { try cells[index].decode(Int.self) }
                return (
                    id: try cells[0].decode(Int64.self), recordedAt: try cells[1].decode(Date.self), asOf: try cells[2].decode(String.self),
                    toolVersion: try cells[3].decode(String.self), evidenceFolder: try cells[4].decode(String.self),
                    organization: try cells[5].decode(String.self), site: try cells[6].decode(String.self), score: try cells[7].decode(Double?.self),
                    findings: GradeCounts(major: try int(8), minor: try int(9), ofi: try int(10)), waivedFindings: try int(11),
                    results: StatusCounts(
                        pass: try int(12), fail: try int(13), error: try int(14), notApplicable: try int(15), notChecked: try int(16),
                        waived: try int(17)),
                    incomplete: try cells[18].decode(Bool.self))
            }
        }
        guard !runs.isEmpty else { return [] }
        var binds = PostgresBindings()
        binds.append(runs.map(\.id))
        var rulesets: [Int64: [RulesetVersion]] = [:]
        let rulesetRows = try execute(
            "SELECT run_id, ruleset_id, version, sha256, edition FROM cxaudit.run_ruleset WHERE run_id = ANY($1) ORDER BY run_id, position", binds)
        var profiles: [Int64: [ProfileVersion]] = [:]
        let profileRows = try execute(
            "SELECT run_id, profile_id, version, ruleset_id, sha256 FROM cxaudit.run_profile WHERE run_id = ANY($1) ORDER BY run_id, position", binds)
        try decoding {
            for row in rulesetRows {
                let (runId, id, version, sha256, edition) = try row.decode((Int64, String, String, String?, String?).self)
                rulesets[runId, default: []].append(RulesetVersion(id: id, version: version, sha256: sha256, edition: edition))
            }
            for row in profileRows {
                let (runId, id, version, rulesetId, sha256) = try row.decode((Int64, String, String, String?, String?).self)
                profiles[runId, default: []].append(ProfileVersion(id: id, version: version, rulesetId: rulesetId, sha256: sha256))
            }
        }
        return runs.map { run in
            RunSummary(
                id: RunID(rawValue: run.id), recordedAt: run.recordedAt, asOf: CalendarDate(iso: run.asOf) ?? CalendarDate(daysSinceEpoch: 0),
                toolVersion: run.toolVersion, evidenceFolder: run.evidenceFolder, organization: run.organization, rulesets: rulesets[run.id] ?? [],
                profiles: profiles[run.id] ?? [], conformityScore: run.score, findings: run.findings, waivedFindings: run.waivedFindings,
                results: run.results, incomplete: run.incomplete, site: run.site)
        }
    }

    private func clausePoints(_ rows: PostgresQueryResult) throws(HistoryError) -> [ClausePoint] {
        try decoding {
            try rows.map { row in
                let (id, recordedAt, asOf, rulesetId, clause, title, verdict, score, edition) = try row.decode(
                    (Int64, Date, String, String, String, String, String, Double?, String?).self)
                return ClausePoint(
                    run: RunID(rawValue: id), recordedAt: recordedAt, asOf: CalendarDate(iso: asOf) ?? CalendarDate(daysSinceEpoch: 0),
                    rulesetId: rulesetId, clause: clause, title: title, verdict: ClauseVerdict(rawValue: verdict) ?? .notAssessed, score: score,
                    edition: edition)
            }
        }
    }

    // MARK: - Statements

    @discardableResult
    private func execute(_ sql: String, _ binds: PostgresBindings = PostgresBindings()) throws(HistoryError) -> PostgresQueryResult {
        do {
            return try connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger).wait()
        } catch {
            throw HistoryError.fromPostgres(error, place: address.description, connecting: false)
        }
    }

    /// Inserts rows with one statement per 1,000 (PostgreSQL takes at most 65,535 parameters).
    private func insert(_ target: String, rows: [[PostgresValue]]) throws(HistoryError) {
        var start = 0
        while start < rows.count {
            let chunk = rows[start..<min(rows.count, start + 1000)]
            var binds = PostgresBindings()
            var tuples: [String] = []
            for row in chunk {
                let first = binds.count + 1
                for value in row { value.append(to: &binds) }
                tuples.append("(" + (first..<first + row.count).map { "$\($0)" }.joined(separator: ", ") + ")")
            }
            try execute("INSERT INTO \(target) VALUES \(tuples.joined(separator: ", "))", binds)
            start += chunk.count
        }
    }

    /// Runs `body` between BEGIN and COMMIT; any error rolls the whole transaction back.
    private func transaction<T>(_ body: () throws(HistoryError) -> T) throws(HistoryError) -> T {
        try transactions.withLock { _ throws(HistoryError) -> T in
            try execute("BEGIN")
            do throws(HistoryError) {
                let value = try body()
                try execute("COMMIT")
                return value
            } catch {
                _ = try? execute("ROLLBACK")
                throw error
            }
        }
    }

    private func decoding<T>(_ body: () throws -> T) throws(HistoryError) -> T {
        do {
            return try body()
        } catch {
            throw .notAStore(path: address.description, reason: "a column holds an unexpected value (\(String(reflecting: error)))")
        }
    }
}

/// A value bound to an INSERT parameter: the few column types the history writes.
private enum PostgresValue {
    case text(String?)
    case integer(Int64)
    case double(Double?)
    case boolean(Bool)

    init(_ value: String?) { self = .text(value) }
    init(_ value: Int64) { self = .integer(value) }
    init(_ value: Int) { self = .integer(Int64(value)) }
    init(_ value: Double?) { self = .double(value) }
    init(_ value: Bool) { self = .boolean(value) }

    func append(to binds: inout PostgresBindings) {
        switch self {
        case let .text(value): binds.append(value)
        case let .integer(value): binds.append(value)
        case let .double(value): binds.append(value)
        case let .boolean(value): binds.append(value)
        }
    }
}

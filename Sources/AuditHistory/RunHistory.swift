public import AuditModel
public import Foundation

/// A store of recorded runs, whatever keeps them: what `check --history` writes and
/// `cxaudit history` reads. `HistoryStore` keeps runs in an embedded SQLite file, by default
/// next to one site's evidence; `PostgresHistoryStore` in a PostgreSQL database that many sites'
/// jobs on many machines record into at once. Both read back the same runs alike.
public protocol RunHistory: Sendable {
    /// Records one finished run, in one transaction; returns its id in the store. `site` nil
    /// records it for the run's organization.
    func record(_ run: AuditRun, recordedAt: Date, evidenceFolder: String, site: String?) throws(HistoryError) -> RunID
    /// The most recent runs (of one site, or of all when `site` is nil), newest first.
    func runs(limit: Int?, site: String?) throws(HistoryError) -> [RunSummary]
    func run(_ id: RunID) throws(HistoryError) -> RunSummary
    /// One clause's verdicts over the recorded runs, oldest first.
    func clauseTrend(rulesetId: String?, clause: String, limit: Int?, site: String?) throws(HistoryError) -> [ClausePoint]
    /// Every clause's verdicts over the recorded runs.
    func clauseTrends(limit: Int?, site: String?) throws(HistoryError) -> [ClauseTrend]
    /// Every clause's verdict in each of these runs, oldest run first: the group view's cells.
    func clauses(of runs: [RunID]) throws(HistoryError) -> [ClausePoint]
    /// The findings one run recorded.
    func findings(of run: RunID) throws(HistoryError) -> [RecordedFinding]
}

extension HistoryStore: RunHistory {}

/// Opens the history store a location names.
public enum RunHistories {
    /// The store at `location`: an SQLite file, or a PostgreSQL database.
    ///
    /// - Parameter create: False for readers, which say "no history yet" instead of
    ///   leaving an empty store behind.
    public static func open(_ location: HistoryLocation, create: Bool = true) throws(HistoryError) -> any RunHistory {
        switch location {
        case let .file(url): try HistoryStore(url: url, create: create)
        case let .postgres(address): try PostgresHistoryStore(address: address, create: create)
        }
    }
}

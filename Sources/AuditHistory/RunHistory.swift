public import AuditModel
public import Foundation

/// A store of recorded runs, whatever keeps them: what `check --history` writes and
/// `cxaudit history` reads. `HistoryStore` (embedded SQLite) is the one backend today;
/// another (a server database shared by many sites' jobs) conforms to this and is chosen
/// in `RunHistories.open`.
public protocol RunHistory: Sendable {
    /// Records one finished run, in one transaction; returns its id in the store.
    func record(_ run: AuditRun, recordedAt: Date, evidenceFolder: String) throws(HistoryError) -> RunID
    /// The most recent runs, newest first.
    func runs(limit: Int?) throws(HistoryError) -> [RunSummary]
    func run(_ id: RunID) throws(HistoryError) -> RunSummary
    /// One clause's verdicts over the recorded runs, oldest first.
    func clauseTrend(rulesetId: String?, clause: String, limit: Int?) throws(HistoryError) -> [ClausePoint]
    /// Every clause's verdicts over the recorded runs.
    func clauseTrends(limit: Int?) throws(HistoryError) -> [ClauseTrend]
    /// The findings one run recorded.
    func findings(of run: RunID) throws(HistoryError) -> [RecordedFinding]
}

extension HistoryStore: RunHistory {}

/// Opens the history store a location names.
public enum RunHistories {
    /// The store at `url`: today always the embedded SQLite file.
    ///
    /// - Parameter create: False for readers, which say "no history yet" instead of
    ///   leaving an empty store behind.
    public static func open(_ url: URL, create: Bool = true) throws(HistoryError) -> any RunHistory {
        try HistoryStore(url: url, create: create)
    }
}

public import AuditModel
public import CalendarDates
public import Foundation

/// What one audit is asked to do, whoever asks (`check`, `pack`, a test): the evidence,
/// the criteria, the audit date and the job settings. Everything left out falls back to
/// the evidence folder's `cxaudit.toml`, then to the shipped defaults.
public struct AuditRequest: Sendable {
    /// The evidence folder; nil for the shipped sample.
    public var evidenceFolder: URL?
    public var rulesets: [URL] = []
    public var profiles: [URL] = []
    public var waivers: [URL] = []
    /// The audit date; nil for `today`.
    public var asOf: CalendarDate?
    /// The day the request is run, UTC.
    public var today: CalendarDate
    /// Items evaluated in parallel; nil for cxaudit.toml's `jobs`, else the processors.
    public var jobs: Int?
    /// Whether the evidence folder's cxaudit.toml is read.
    public var readsConfiguration = true
    /// An earlier results file to compare with; nil for cxaudit.toml's.
    public var baseline: URL?
    /// Whether the run is recorded in the history store; nil for cxaudit.toml's `history`.
    public var recordsHistory: Bool?
    /// The history store; nil for cxaudit.toml's, else the evidence folder's default.
    public var historyStore: HistoryLocation?
    /// The site the run is recorded for; nil for cxaudit.toml's, else the register's.
    public var site: String?
    /// Who the traceability CSV is written for; nil for cxaudit.toml's, else a spreadsheet.
    public var csvDialect: CSVDialect?
    /// Paths in messages are shown relative to this folder when inside it.
    public var workingDirectory: URL

    /// A request for the sample or `evidenceFolder`, with every other setting left to cxaudit.toml and the defaults.
    public init(
        evidenceFolder: URL? = nil, today: CalendarDate,
        workingDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    ) {
        self.evidenceFolder = evidenceFolder
        self.today = today
        self.workingDirectory = workingDirectory
    }

    /// `url` as messages show it: relative to the working directory when inside it.
    public func display(_ url: URL) -> String {
        let path = url.standardizedFileURL.path
        let working = workingDirectory.standardizedFileURL.path + "/"
        return path.hasPrefix(working) ? String(path.dropFirst(working.count)) : path
    }
}

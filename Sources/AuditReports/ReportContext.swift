public import AuditModel

/// What every reporter needs besides the run itself, passed in explicitly so
/// reporters never read the clock or the environment: the same run and context
/// always render to the same bytes.
public struct ReportContext: Sendable, Hashable {
    /// When the report was generated: `SOURCE_DATE_EPOCH` when set, else the
    /// time of the run (see `ReportTimestamp.resolve(environment:now:)`).
    public var generatedAt: ReportTimestamp
    /// The evidence folder as the user named it (relative to the working
    /// directory when inside it), so SARIF and OSCAL can point at evidence files
    /// from where the job ran; nil to cite files relative to the folder itself.
    public var evidenceFolder: String?
    /// Titles, rationale and remediation of every rule that ran, so reports can
    /// describe rules that produced no finding too; empty to describe rules only
    /// from their findings.
    public var rules: [RuleDescription]
    /// Items listed per rule or result in the human-oriented formats (HTML,
    /// Markdown, JUnit failure text) before "… and N more": keeps reports readable
    /// at 100,000 results. Machine formats (JSON, SARIF, SVRL, OSCAL, CSV) are complete.
    public var listLimit: Int
    /// The recorded runs, oldest first (this run last when it was recorded), for the
    /// HTML report's and the Markdown summary's view over time; nil when runs are not
    /// recorded, and those reports say how to start.
    public var history: [RecordedRun]?
    /// Whether the traceability CSV is written for a spreadsheet or for a program.
    public var csvDialect: CSVDialect
    /// Cores a reporter may use for a large report: the run's own (`--jobs`), so writing
    /// the report never takes more than the run was given. The bytes do not depend on it.
    public var parallelism: Int

    /// A context; `listLimit` and `parallelism` are at least 1.
    public init(
        generatedAt: ReportTimestamp, evidenceFolder: String? = nil, rules: [RuleDescription] = [], listLimit: Int = 25,
        history: [RecordedRun]? = nil, csvDialect: CSVDialect = .spreadsheet, parallelism: Int = 1
    ) {
        self.generatedAt = generatedAt
        self.evidenceFolder = evidenceFolder
        self.rules = rules
        self.listLimit = max(1, listLimit)
        self.history = history
        self.csvDialect = csvDialect
        self.parallelism = max(1, parallelism)
    }
}

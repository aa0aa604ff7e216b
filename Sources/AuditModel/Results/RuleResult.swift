/// The outcome of one rule for one evidence item (or for an evidence type as a
/// whole, for presence and freshness), passing results included: the
/// traceability matrix needs to show what was checked, not only what failed.
public struct RuleResult: Sendable, Hashable, Codable {
    public var rulesetId: String
    public var ruleId: String
    public var clause: String
    /// The item evaluated; nil for results about an evidence type as a whole.
    public var itemId: String?
    public var evidenceType: String
    public var status: ResultStatus
    /// Grade of the rule; meaningful when the status is `fail` or `waived`.
    public var grade: Grade
    /// What was found, in words, with the measured values interpolated.
    public var statement: String
    public var measurements: [Measurement]
    /// Records examined and records that failed, for record-level checks.
    public var recordsChecked: Int?
    public var recordsFailed: Int?
    /// Fingerprints of the findings this result produced.
    public var findingIds: [String]
    /// The metric per period, for trend results (oldest first); charts draw it.
    public var series: [SeriesPoint]?
    /// What the values of `series` are in (`days`, `%`), from the trend's `unit`; nil when the
    /// ruleset does not say. It travels with the series so that a chart, or any reader of the
    /// JSON results, can label the values without the ruleset at hand.
    public var seriesUnit: String?
    /// True when a record check passed because its selection was empty: nothing was
    /// checked, which a reviewer should see. Nil otherwise.
    public var vacuous: Bool?

    public init(
        rulesetId: String, ruleId: String, clause: String, itemId: String?, evidenceType: String, status: ResultStatus, grade: Grade,
        statement: String, measurements: [Measurement] = [], recordsChecked: Int? = nil, recordsFailed: Int? = nil,
        findingIds: [String] = [], series: [SeriesPoint]? = nil, seriesUnit: String? = nil
    ) {
        self.rulesetId = rulesetId
        self.ruleId = ruleId
        self.clause = clause
        self.itemId = itemId
        self.evidenceType = evidenceType
        self.status = status
        self.grade = grade
        self.statement = statement
        self.measurements = measurements
        self.recordsChecked = recordsChecked
        self.recordsFailed = recordsFailed
        self.findingIds = findingIds
        self.series = series
        self.seriesUnit = seriesUnit
    }
}

/// One period of a trend: its label (`2026-Q1`) and the aggregated value.
public struct SeriesPoint: Sendable, Hashable, Codable {
    public var period: String
    public var value: Double

    public init(period: String, value: Double) {
        self.period = period
        self.value = value
    }
}

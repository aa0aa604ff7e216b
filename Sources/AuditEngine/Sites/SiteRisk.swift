public import CalendarDates

/// What a site's recorded runs say about its risk, for choosing the selective part of an
/// MD 1 sample. A site without a `SiteRisk` has no recorded run: its risk is unknown, and
/// `SiteSampler` ranks it as risky, never as safe.
public struct SiteRisk: Sendable, Hashable, Codable {
    /// The latest run of a site, to say where the risk was read.
    public struct LastRun: Sendable, Hashable, Codable {
        /// The run's id in the history store.
        public var id: Int64
        /// The audit date the run used.
        public var asOf: CalendarDate

        public init(id: Int64, asOf: CalendarDate) {
            self.id = id
            self.asOf = asOf
        }
    }

    public var siteId: String
    /// Major nonconformities open at the site's latest run (active, unwaived findings).
    public var openMajors: Int
    /// The change in conformity score, in percentage points, over the site's recent runs:
    /// negative when the site is getting worse; nil with fewer than two scored runs.
    public var scoreTrend: Double?
    /// How many runs the trend spans, the first and latest included (0 without a trend).
    public var trendRuns: Int
    public var lastRun: LastRun?

    public init(siteId: String, openMajors: Int, scoreTrend: Double? = nil, trendRuns: Int = 0, lastRun: LastRun? = nil) {
        self.siteId = siteId
        self.openMajors = openMajors
        self.scoreTrend = scoreTrend
        self.trendRuns = scoreTrend == nil ? 0 : trendRuns
        self.lastRun = lastRun
    }
}

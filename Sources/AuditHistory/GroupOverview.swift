public import AuditModel
public import Foundation

/// Every site's latest verdict on every clause, each clause's trend across the group, and the
/// sites that have not reported: what a quality director reads across many sites' jobs
/// (`cxaudit history --group`).
///
/// A site whose latest run is older than the reporting window, or that never reported, is
/// *missing*: its cells say so and carry no verdict, so it can never look conforming.
public struct GroupOverview: Sendable, Hashable, Codable {
    /// Whether a site's latest run is recent enough to stand for it.
    public enum SiteStatus: String, Sendable, Hashable, Codable {
        /// Reported within the window.
        case reporting
        /// Reported, but not within the window: its old verdicts are not shown as current.
        case stale
        /// Expected (in the sites file) but no run of it was ever recorded.
        case neverReported = "never-reported"
    }

    /// One site of the group: whether it reports, and what its latest run found.
    public struct Site: Sendable, Hashable, Codable {
        public var id: String
        /// The name the sites file gives; nil when the site is only known from the history.
        public var name: String?
        public var status: SiteStatus
        /// The site's latest run, whether or not it is recent enough.
        public var latestRun: RunSummary?
        /// The latest run's findings, when the site is reporting.
        public var findings: [RecordedFinding]

        public init(id: String, name: String?, status: SiteStatus, latestRun: RunSummary?, findings: [RecordedFinding]) {
            self.id = id
            self.name = name
            self.status = status
            self.latestRun = latestRun
            self.findings = findings
        }
    }

    /// One clause across the sites.
    public struct ClauseRow: Sendable, Hashable, Codable {
        public var rulesetId: String
        public var clause: String
        public var title: String
        /// One verdict per site, in `sites` order; nil where the site is missing or its latest
        /// run did not assess the clause.
        public var verdicts: [ClauseVerdict?]
        /// The clause across the group period by period, oldest first.
        public var trend: [TrendPoint]

        public init(rulesetId: String, clause: String, title: String, verdicts: [ClauseVerdict?], trend: [TrendPoint]) {
            self.rulesetId = rulesetId
            self.clause = clause
            self.title = title
            self.verdicts = verdicts
            self.trend = trend
        }
    }

    /// A clause in one period: of the sites with a run in the period (each site's latest run
    /// in it), how many assessed the clause and how many found it conforming.
    public struct TrendPoint: Sendable, Hashable, Codable {
        /// The period's first and last day (UTC).
        public var start: String
        public var end: String
        public var assessed: Int
        public var conforming: Int
        /// Sites with no run in the period.
        public var silent: Int

        public init(start: String, end: String, assessed: Int, conforming: Int, silent: Int) {
            self.start = start
            self.end = end
            self.assessed = assessed
            self.conforming = conforming
            self.silent = silent
        }
    }

    public var store: String
    /// When the overview was made; the window and periods count back from it.
    public var generatedAt: Date
    /// Days within which a site's latest run must fall to count as reporting.
    public var windowDays: Int
    /// Days per trend period.
    public var periodDays: Int
    public var sites: [Site]
    public var clauses: [ClauseRow]

    public init(store: String, generatedAt: Date, windowDays: Int, periodDays: Int, sites: [Site], clauses: [ClauseRow]) {
        self.store = store
        self.generatedAt = generatedAt
        self.windowDays = windowDays
        self.periodDays = periodDays
        self.sites = sites
        self.clauses = clauses
    }

    /// The sites that are missing (stale or never reported), in `sites` order.
    public var missingSites: [Site] {
        sites.filter { $0.status != .reporting }
    }
}

public import AuditModel
public import CalendarDates
public import Foundation

/// One recorded run as `cxaudit history` lists it: enough to see, without the
/// findings, whether the organization is getting better and what was checked.
public struct RunSummary: Sendable, Hashable, Codable {
    public var id: RunID
    /// When the run was recorded (the job's clock, UTC).
    public var recordedAt: Date
    /// The audit date the run used as "today".
    public var asOf: CalendarDate
    public var toolVersion: String
    /// The evidence folder as the job named it.
    public var evidenceFolder: String
    public var organization: String
    /// The rulesets the run used, in the run's order.
    public var rulesets: [RulesetVersion]
    /// The profiles that tailored those rulesets.
    public var profiles: [ProfileVersion]
    /// `AuditRun.conformityScore`: the share of evaluated rules that conform; nil when nothing was evaluated.
    public var conformityScore: Double?
    /// Active (unwaived) findings per grade: what decides a job's exit status.
    public var findings: GradeCounts
    /// Findings a waiver covered.
    public var waivedFindings: Int
    /// Rule results per status.
    public var results: StatusCounts
    /// Some input could not be read or evaluated, so the score may overstate conformity.
    public var incomplete: Bool
    /// The site of a multi-site organization the run audited; nil when the run named none.
    public let site: String?

    public init(
        id: RunID, recordedAt: Date, asOf: CalendarDate, toolVersion: String, evidenceFolder: String, organization: String,
        rulesets: [RulesetVersion], profiles: [ProfileVersion], conformityScore: Double?, findings: GradeCounts, waivedFindings: Int,
        results: StatusCounts, incomplete: Bool, site: String? = nil
    ) {
        self.id = id
        self.recordedAt = recordedAt
        self.asOf = asOf
        self.toolVersion = toolVersion
        self.evidenceFolder = evidenceFolder
        self.organization = organization
        self.rulesets = rulesets
        self.profiles = profiles
        self.conformityScore = conformityScore
        self.findings = findings
        self.waivedFindings = waivedFindings
        self.results = results
        self.incomplete = incomplete
        self.site = site
    }
}

/// A ruleset as a run used it: the version and the file's hash tell whether two runs
/// were judged by the same rules.
public struct RulesetVersion: Sendable, Hashable, Codable {
    public var id: String
    public var version: String
    /// SHA-256 of the ruleset file; nil for runs recorded before schema version 2.
    public var sha256: String?
    /// The standards and editions the ruleset audits against (`iso9001-2015 2015`,
    /// `RulesetInfo.editionKey`); nil for runs recorded before schema version 3, or a ruleset
    /// that names no standard.
    public var edition: String?

    public init(id: String, version: String, sha256: String?, edition: String? = nil) {
        self.id = id
        self.version = version
        self.sha256 = sha256
        self.edition = edition
    }
}

/// A profile as a run used it.
public struct ProfileVersion: Sendable, Hashable, Codable {
    public var id: String
    public var version: String
    /// The ruleset the profile tailors; nil for runs recorded before schema version 2.
    public var rulesetId: String?
    /// SHA-256 of the profile file; nil for runs recorded before schema version 2.
    public var sha256: String?

    public init(id: String, version: String, rulesetId: String?, sha256: String?) {
        self.id = id
        self.version = version
        self.rulesetId = rulesetId
        self.sha256 = sha256
    }
}

import GRDB

/// One recorded run, as listed by `cxaudit history`.
public struct RunSummary: Sendable, Hashable, Codable {
    public var id: Int64
    public var recordedAt: String
    public var asOf: String
    public var toolVersion: String
    public var organization: String
    public var rulesets: String
    public var profiles: String
    public var score: Double?
    public var major: Int
    public var minor: Int
    public var ofi: Int
    public var passed: Int
    public var failed: Int
    public var errors: Int
    public var incomplete: Bool

    init(row: Row) {
        id = row["id"]
        recordedAt = row["recordedAt"]
        asOf = row["asOf"]
        toolVersion = row["toolVersion"]
        organization = row["organization"]
        rulesets = row["rulesets"]
        profiles = row["profiles"]
        score = row["score"]
        major = row["major"]
        minor = row["minor"]
        ofi = row["ofi"]
        passed = row["passed"]
        failed = row["failed"]
        errors = row["errors"]
        incomplete = row["incomplete"]
    }
}

/// A clause's verdict and score in one run: a point of its trend.
public struct ClausePoint: Sendable, Hashable, Codable {
    public var runId: Int64
    public var recordedAt: String
    public var asOf: String
    public var rulesetId: String
    public var verdict: String
    public var score: Double?

    init(row: Row) {
        runId = row["runId"]
        recordedAt = row["recordedAt"]
        asOf = row["asOf"]
        rulesetId = row["rulesetId"]
        verdict = row["verdict"]
        score = row["score"]
    }
}

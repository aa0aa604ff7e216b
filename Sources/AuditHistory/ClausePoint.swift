public import AuditModel
public import CalendarDates
public import Foundation

/// One clause's verdict and score in one recorded run: a point of its trend, which
/// is itself evidence for continual improvement (ISO 9001 10.3).
public struct ClausePoint: Sendable, Hashable, Codable {
    public var run: RunID
    public var recordedAt: Date
    public var asOf: CalendarDate
    public var rulesetId: String
    public var clause: String
    public var title: String
    public var verdict: ClauseVerdict
    /// The share of the clause's evaluated rules that conform, in percent; nil when
    /// none of its rules was evaluated in that run.
    public var score: Double?

    public init(
        run: RunID, recordedAt: Date, asOf: CalendarDate, rulesetId: String, clause: String, title: String, verdict: ClauseVerdict,
        score: Double?
    ) {
        self.run = run
        self.recordedAt = recordedAt
        self.asOf = asOf
        self.rulesetId = rulesetId
        self.clause = clause
        self.title = title
        self.verdict = verdict
        self.score = score
    }
}

/// A clause's points over the recorded runs, oldest first: what a report draws as a trend.
public struct ClauseTrend: Sendable, Hashable, Codable {
    public var rulesetId: String
    public var clause: String
    /// The clause title in the newest run.
    public var title: String
    public var points: [ClausePoint]

    public init(rulesetId: String, clause: String, title: String, points: [ClausePoint]) {
        self.rulesetId = rulesetId
        self.clause = clause
        self.title = title
        self.points = points
    }
}

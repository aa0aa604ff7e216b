public import AuditModel
public import CalendarDates

/// One run from the history store as the human-oriented reports show it over
/// time: its number, audit date, conformity score and each clause's verdict.
/// Shown run beside run, these are the report's evidence of continual improvement
/// (ISO 9001 10.3).
///
/// Plain values, filled in by whoever reads the store (`AuditPipeline`), so reports
/// neither open the store nor depend on how it is kept.
public struct RecordedRun: Sendable, Hashable {
    /// One clause's verdict in the run.
    public struct ClauseVerdictPoint: Sendable, Hashable {
        public var rulesetId: String
        public var clause: String
        public var verdict: ClauseVerdict

        public init(rulesetId: String, clause: String, verdict: ClauseVerdict) {
            self.rulesetId = rulesetId
            self.clause = clause
            self.verdict = verdict
        }
    }

    /// The run's number in the store, shown as `#N`.
    public var number: Int64
    /// The audit date the run used as "today": the date its column is labelled with.
    public var asOf: CalendarDate
    /// The share of evaluated rules that conformed, in percent; nil when nothing was evaluated.
    public var conformityScore: Double?
    /// The verdict of each clause the run assessed.
    public var clauses: [ClauseVerdictPoint]
    /// The edition each ruleset of the run audited against (`RulesetInfo.editionKey`), by ruleset
    /// id; a ruleset is missing when the run was recorded before editions were.
    public var editions: [String: String]

    public init(
        number: Int64, asOf: CalendarDate, conformityScore: Double?, clauses: [ClauseVerdictPoint], editions: [String: String] = [:]
    ) {
        self.number = number
        self.asOf = asOf
        self.conformityScore = conformityScore
        self.clauses = clauses
        self.editions = editions
    }

    /// The rulesets whose edition differs from `previous`'s, with the editions before and after:
    /// where a view over time must show a break rather than compare verdicts. A ruleset whose
    /// edition either run did not record is not a break: the change cannot be told.
    public func editionChanges(since previous: RecordedRun) -> [(rulesetId: String, from: String, to: String)] {
        editions.keys.sorted().compactMap { id in
            guard let now = editions[id], let before = previous.editions[id], now != before else { return nil }
            return (id, before, now)
        }
    }

    /// The verdict of clause `number` of ruleset `rulesetId`, if the run assessed it.
    public func verdict(rulesetId: String, clause number: String) -> ClauseVerdict? {
        clauses.first { $0.rulesetId == rulesetId && $0.clause == number }?.verdict
    }

    /// `2026-11-30 #12`, as columns and chart labels read.
    var label: String { "\(asOf) #\(number)" }
}

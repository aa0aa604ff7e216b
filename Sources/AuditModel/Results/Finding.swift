/// A nonconformity or opportunity for improvement, stated the way an auditor writes it.
public struct Finding: Sendable, Hashable, Codable, Identifiable {
    /// Stable fingerprint: derived from rule id, evidence item and record key only,
    /// so unrelated edits to the evidence do not change it.
    public var id: String
    public var grade: Grade
    public var rulesetId: String
    public var clause: String
    public var clauseTitle: String
    public var ruleId: String
    public var ruleTitle: String
    /// The statement of nonconformity: what is wrong, with the values measured.
    public var statement: String
    /// Our paraphrase of what the clause and rule require.
    public var requirement: String
    public var evidence: ObjectiveEvidence
    public var measurements: [Measurement]
    public var remediation: String
    /// The waiver that covers this finding, when one applies on the audit date.
    public var waiver: WaiverReference?
    /// How the finding compares with a baseline run, when one was given.
    public var baseline: BaselineState?

    public init(
        id: String, grade: Grade, rulesetId: String, clause: String, clauseTitle: String, ruleId: String, ruleTitle: String,
        statement: String, requirement: String, evidence: ObjectiveEvidence, measurements: [Measurement],
        remediation: String
    ) {
        self.id = id
        self.grade = grade
        self.rulesetId = rulesetId
        self.clause = clause
        self.clauseTitle = clauseTitle
        self.ruleId = ruleId
        self.ruleTitle = ruleTitle
        self.statement = statement
        self.requirement = requirement
        self.evidence = evidence
        self.measurements = measurements
        self.remediation = remediation
    }

    /// Whether an active waiver covers the finding: it is then counted as waived, never under
    /// its grade (`RunCounts`), and no longer decides the exit status.
    public var isWaived: Bool { waiver != nil }
}

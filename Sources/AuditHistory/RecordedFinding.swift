public import AuditModel

/// A finding as the history keeps it: enough to follow one nonconformity across runs
/// by its fingerprint, without the whole evidence trail (the run's reports hold that).
public struct RecordedFinding: Sendable, Hashable, Codable {
    /// The finding's stable fingerprint (`Finding.id`).
    public var fingerprint: String
    public var rulesetId: String
    public var ruleId: String
    public var grade: Grade
    public var clause: String
    public var itemId: String?
    public var recordKey: String?
    /// A waiver covered the finding in that run.
    public var waived: Bool
    public var statement: String

    public init(
        fingerprint: String, rulesetId: String, ruleId: String, grade: Grade, clause: String, itemId: String?, recordKey: String?,
        waived: Bool, statement: String
    ) {
        self.fingerprint = fingerprint
        self.rulesetId = rulesetId
        self.ruleId = ruleId
        self.grade = grade
        self.clause = clause
        self.itemId = itemId
        self.recordKey = recordKey
        self.waived = waived
        self.statement = statement
    }
}

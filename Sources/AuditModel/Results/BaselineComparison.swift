/// How a finding relates to the same check in a baseline run.
public enum BaselineState: String, Sendable, Hashable, Codable, CaseIterable {
    /// Not in the baseline: a regression to act on.
    case new
    /// In the baseline too, with the same fingerprint.
    case unchanged
}

/// The difference between this run and a baseline run, by finding fingerprint.
///
/// Fingerprints are made from rule, evidence item and record key only, so an
/// unrelated edit does not make every finding "new".
public struct BaselineComparison: Sendable, Hashable, Codable {
    /// The baseline results file.
    public var file: String
    /// The baseline's audit date.
    public var baselineAsOf: String?
    public var newFindings: [String]
    public var unchangedFindings: [String]
    /// Findings of the baseline that are gone now.
    public var resolvedFindings: [ResolvedFinding]
    /// Findings whose waiver state changed (waived then and not now, or the reverse).
    public var waiverChanged: [String]

    public init(
        file: String, baselineAsOf: String?, newFindings: [String], unchangedFindings: [String],
        resolvedFindings: [ResolvedFinding], waiverChanged: [String]
    ) {
        self.file = file
        self.baselineAsOf = baselineAsOf
        self.newFindings = newFindings
        self.unchangedFindings = unchangedFindings
        self.resolvedFindings = resolvedFindings
        self.waiverChanged = waiverChanged
    }

    /// A finding of the baseline that no longer occurs.
    public struct ResolvedFinding: Sendable, Hashable, Codable {
        public var id: String
        public var ruleId: String
        public var grade: Grade
        public var itemId: String?
        public var recordKey: String?
        public var statement: String

        public init(id: String, ruleId: String, grade: Grade, itemId: String?, recordKey: String?, statement: String) {
            self.id = id
            self.ruleId = ruleId
            self.grade = grade
            self.itemId = itemId
            self.recordKey = recordKey
            self.statement = statement
        }
    }
}

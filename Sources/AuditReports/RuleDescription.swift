public import AuditModel

/// What a report says about a rule, whether or not it produced findings: the
/// run itself only names rules by id, and a reader of the traceability matrix or
/// a SARIF viewer needs the title, rationale and remediation of passing rules too.
public struct RuleDescription: Sendable, Hashable, Codable {
    /// The ruleset the rule belongs to.
    public var rulesetId: String
    /// The rule id, unique within its ruleset.
    public var id: String
    /// Number of the clause the rule tests.
    public var clause: String
    /// What the rule requires, in one line.
    public var title: String
    /// Grade of a failure of the rule.
    public var grade: Grade
    /// Why the rule exists: the auditor's reasoning.
    public var rationale: String
    /// What to do to conform.
    public var remediation: String
    /// References to standards and guidance.
    public var references: [String]
    /// The kind of check (presence, freshness, records…).
    public var checkKind: CheckKind

    public init(
        rulesetId: String, id: String, clause: String, title: String, grade: Grade, rationale: String, remediation: String,
        references: [String], checkKind: CheckKind
    ) {
        self.rulesetId = rulesetId
        self.id = id
        self.clause = clause
        self.title = title
        self.grade = grade
        self.rationale = rationale
        self.remediation = remediation
        self.references = references
        self.checkKind = checkKind
    }

    /// Describes `rule` of the ruleset `rulesetId`.
    public init(rule: Rule, rulesetId: String) {
        self.init(
            rulesetId: rulesetId, id: rule.id, clause: rule.clause, title: rule.title, grade: rule.grade, rationale: rule.rationale,
            remediation: rule.remediation, references: rule.references, checkKind: rule.check.kind)
    }

    /// Every rule of `rulesets`, in ruleset and document order.
    public static func catalog(of rulesets: [Ruleset]) -> [RuleDescription] {
        rulesets.flatMap { ruleset in ruleset.rules.map { RuleDescription(rule: $0, rulesetId: ruleset.id) } }
    }
}

public import AuditModel

/// A rule explained for a person deciding whether their evidence will pass it:
/// where it comes from, what it reads, what it checks in plain words, the
/// parameter values in force, and how to pass. Built by `RuleDescriber` from the
/// model alone, so the explanation cannot drift from what the engine evaluates.
public struct RuleExplanation: Sendable, Hashable {
    /// The ruleset the rule belongs to.
    public var rulesetId: String
    public var rulesetVersion: String
    public var rulesetTitle: String
    /// The rule's place in its ruleset file.
    public var location: SourceLocation
    public var clause: ClauseText
    public var ruleId: String
    public var title: String
    public var grade: Grade
    public var rationale: String
    public var references: [String]
    /// When the rule applies, in words; nil when it always applies.
    public var applicability: String?
    /// Why the profile leaves the rule out, when a profile given to the describer does.
    public var deselection: String?
    /// The evidence types the rule reads, with what the ruleset says they hold.
    public var evidence: [EvidenceTypeText]
    /// The check in plain words.
    public var check: CheckDescription
    /// The ruleset parameters the rule uses, with the values in force.
    public var parameters: [ParameterText]
    /// What the evidence must show for the rule to pass, ending with the ruleset's remediation.
    public var howToPass: [String]

    /// The clause a rule belongs to, as explained.
    public struct ClauseText: Sendable, Hashable {
        public var number: String
        public var title: String
        public var standard: String?
        public var intent: String
        /// `ISO 9001:2008 7.2.3`, one entry per crosswalk.
        public var crosswalk: [String]
    }

    /// An evidence type a rule reads.
    public struct EvidenceTypeText: Sendable, Hashable {
        public var type: String
        /// The `<evidence-type>` declaration's text; nil when the ruleset does not declare the type.
        public var description: String?
    }

    /// A parameter with the value in force.
    public struct ParameterText: Sendable, Hashable {
        public var name: String
        public var type: ParameterType
        /// The value in force, as written (`P6M`, `95`).
        public var value: String
        /// The value in force, as read (`6 months`, `95%`).
        public var reading: String
        /// The ruleset's default, as written.
        public var defaultValue: String
        /// The profile that sets the value in force; nil when it is the ruleset's default.
        public var setBy: String?
        public var description: String
    }
}

/// A check in plain words: what it does, step by step, and what result it gives.
public struct CheckDescription: Sendable, Hashable {
    public var kind: CheckKind
    /// What the check does, as one sentence.
    public var summary: String
    /// The computations and conditions, in evaluation order (may be empty).
    public var steps: [String]
    /// What results and findings it produces, and when it passes.
    public var outcome: String
}

public import AuditModel

/// A rule explained for a person deciding whether their evidence will pass it:
/// where it comes from, what it reads, what it checks in plain words, the
/// parameter values in force, and how to pass. Built by `RuleDescriber` from the
/// model alone, so the explanation cannot drift from what the engine evaluates.
public struct RuleExplanation: Sendable, Hashable {
    /// The ruleset the rule belongs to.
    public var rulesetId: String
    /// The ruleset version, so an explanation names exactly which rules it describes.
    public var rulesetVersion: String
    /// The ruleset's title.
    public var rulesetTitle: String
    /// The rule's place in its ruleset file.
    public var location: SourceLocation
    /// The clause the rule tests.
    public var clause: ClauseText
    /// The rule's id.
    public var ruleId: String
    /// The rule's title.
    public var title: String
    /// The grade of a failure of the rule.
    public var grade: Grade
    /// Why the rule exists: the auditor's reasoning.
    public var rationale: String
    /// Standards, guidance or procedures the rule rests on.
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
    /// What the values the profile sets for this rule rest on (the profile's `<reference>`s, e.g. a
    /// regulator's rule), so a reader can check a time limit at its source; empty when the profile
    /// sets none of the rule's parameters or names no reference.
    public var profileReferences: [String] = []

    /// The clause a rule belongs to, as explained.
    public struct ClauseText: Sendable, Hashable {
        /// Clause number, e.g. `9.1.2`.
        public var number: String
        /// The clause's title.
        public var title: String
        /// The title of the clause's standard, when it names one.
        public var standard: String?
        /// Our paraphrase of the clause's intent.
        public var intent: String
        /// `ISO 9001:2008: 7.2.3 (published)`, one entry per crosswalk; a provisional entry
        /// names its source and note, so nobody takes a draft's number for the published one.
        public var crosswalk: [String]
    }

    /// An evidence type a rule reads.
    public struct EvidenceTypeText: Sendable, Hashable {
        /// The evidence type id.
        public var type: String
        /// The `<evidence-type>` declaration's text; nil when the ruleset does not declare the type.
        public var description: String?
    }

    /// A parameter with the value in force.
    public struct ParameterText: Sendable, Hashable {
        /// The parameter name, used as `$name`.
        public var name: String
        /// The parameter's type.
        public var type: ParameterType
        /// The value in force, as written (`P6M`, `95`).
        public var value: String
        /// The value in force, as read (`6 months`, `95%`).
        public var reading: String
        /// The ruleset's default, as written.
        public var defaultValue: String
        /// The profile that sets the value in force; nil when it is the ruleset's default.
        public var setBy: String?
        /// What the parameter means, from the ruleset.
        public var description: String
    }
}

/// A check in plain words: what it does, step by step, and what result it gives.
public struct CheckDescription: Sendable, Hashable {
    /// The kind of check described.
    public var kind: CheckKind
    /// What the check does, as one sentence.
    public var summary: String
    /// The computations and conditions, in evaluation order (may be empty).
    public var steps: [String]
    /// What results and findings it produces, and when it passes.
    public var outcome: String
}

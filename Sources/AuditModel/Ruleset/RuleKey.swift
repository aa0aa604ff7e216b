/// Identifies a rule across the loaded rulesets: rule ids are unique within a ruleset
/// only, so a rule is known by both ids.
public struct RuleKey: Sendable, Hashable, Codable, CustomStringConvertible {
    public var rulesetId: String
    public var ruleId: String

    public init(rulesetId: String, ruleId: String) {
        self.rulesetId = rulesetId
        self.ruleId = ruleId
    }

    /// `ruleset/rule`.
    public var description: String { "\(rulesetId)/\(ruleId)" }
}

extension RuleResult {
    /// The rule the result is of.
    public var ruleKey: RuleKey { RuleKey(rulesetId: rulesetId, ruleId: ruleId) }
}

extension Finding {
    /// The rule that raised the finding.
    public var ruleKey: RuleKey { RuleKey(rulesetId: rulesetId, ruleId: ruleId) }
}

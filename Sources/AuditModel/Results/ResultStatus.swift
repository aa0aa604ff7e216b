/// The outcome of one rule on one evidence item, named after XCCDF rule results.
public enum ResultStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// The evidence meets the rule.
    case pass
    /// The evidence does not meet the rule; findings say where and why.
    case fail
    /// The rule could not be evaluated (unreadable evidence, XPath failure).
    case error
    /// The rule's applicability condition does not hold for this organization.
    case notapplicable
    /// The rule was not evaluated (deselected, or its check does not apply to this item).
    case notchecked
    /// The rule failed, but a valid waiver covers it.
    case waived
}

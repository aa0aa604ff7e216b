/// The answer to an auditor's first question about a clause: is it met?
public enum ClauseVerdict: String, Sendable, Hashable, Codable, CaseIterable {
    case conforming
    case majorNonconformity = "major"
    case minorNonconformity = "minor"
    case opportunityForImprovement = "ofi"
    /// Every rule of the clause is not applicable to this organization.
    case notApplicable = "not-applicable"
    /// Nothing could be concluded: no rule evaluated, or evaluation errors.
    case notAssessed = "not-assessed"

    /// Rolls rule results up: the most serious failure decides; errors or an
    /// absence of evaluated rules leave the clause not assessed.
    public static func rollUp(_ results: [RuleResult]) -> ClauseVerdict {
        let failures = results.filter { $0.status == .fail }.map(\.grade)
        if let worst = failures.min() {
            switch worst {
            case .major: return .majorNonconformity
            case .minor: return .minorNonconformity
            case .ofi:
                return results.contains { $0.status == .error } ? .notAssessed : .opportunityForImprovement
            }
        }
        if results.contains(where: { $0.status == .error }) { return .notAssessed }
        if results.contains(where: { $0.status == .pass || $0.status == .waived }) { return .conforming }
        if !results.isEmpty && results.allSatisfy({ $0.status == .notapplicable }) { return .notApplicable }
        return .notAssessed
    }

    public var title: String {
        switch self {
        case .conforming: return "Conforming"
        case .majorNonconformity: return "Major nonconformity"
        case .minorNonconformity: return "Minor nonconformity"
        case .opportunityForImprovement: return "Opportunity for improvement"
        case .notApplicable: return "Not applicable"
        case .notAssessed: return "Not assessed"
        }
    }
}

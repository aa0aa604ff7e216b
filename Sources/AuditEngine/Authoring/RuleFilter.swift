public import AuditModel

/// Which rules `cxaudit rules` lists: every criterion given must hold.
public struct RuleFilter: Sendable, Hashable {
    /// A clause number; matches the clause and its subclauses (`9.1` matches `9.1.2`).
    public var clause: String?
    /// Only rules failing at this grade.
    public var grade: Grade?
    /// Only checks of this kind.
    public var kind: CheckKind?
    /// Matches rules that read this evidence type (either side of a cross-reference).
    public var evidenceType: String?

    /// A filter with the given criteria; leave one out to not filter on it.
    public init(clause: String? = nil, grade: Grade? = nil, kind: CheckKind? = nil, evidenceType: String? = nil) {
        self.clause = clause
        self.grade = grade
        self.kind = kind
        self.evidenceType = evidenceType
    }

    /// True when no criterion is set.
    public var isEmpty: Bool { clause == nil && grade == nil && kind == nil && evidenceType == nil }

    /// True when `number` is the filtered clause or one of its subclauses, or no clause is filtered.
    public func matches(clauseNumber number: String) -> Bool {
        guard let clause else { return true }
        return number == clause || number.hasPrefix(clause + ".")
    }

    /// True when `rule` meets every criterion.
    public func matches(_ rule: Rule) -> Bool {
        matches(clauseNumber: rule.clause)
            && grade.map { $0 == rule.grade } ?? true
            && kind.map { $0 == rule.check.kind } ?? true
            && evidenceType.map { rule.check.evidenceTypes.contains($0) } ?? true
    }
}

/// One line of a rule listing: a rule, or a clause deliberately left without rules.
public enum RuleListingEntry: Sendable, Hashable {
    case rule(Rule)
    /// The clause and why it is not covered.
    case notCovered(Clause, reason: String)
}

extension Ruleset {
    /// The rules meeting `filter`, in document order, with the not-covered clauses
    /// among the filtered clauses (only when nothing but the clause is filtered: a
    /// clause without rules has no grade, kind or evidence).
    public func listing(matching filter: RuleFilter) -> [RuleListingEntry] {
        let onlyClause = filter.grade == nil && filter.kind == nil && filter.evidenceType == nil
        return clauses.flatMap { clause -> [RuleListingEntry] in
            if let reason = clause.notCoveredReason, clause.rules.isEmpty {
                return onlyClause && filter.matches(clauseNumber: clause.number) ? [.notCovered(clause, reason: reason)] : []
            }
            return clause.rules.filter(filter.matches).map(RuleListingEntry.rule)
        }
    }
}

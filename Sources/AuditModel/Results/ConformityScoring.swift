extension AuditRun {
    /// The share of evaluated rules that conform, as a percentage with one decimal.
    ///
    /// A rule counts once however many items it read: it conforms when none of its
    /// results failed (waived counts as conforming). Not-applicable and not-checked
    /// rules are left out; errors count as not conforming, because nothing was shown.
    public var conformityScore: Double? {
        Self.conformityScore(of: results)
    }

    /// The conformity score of one clause's results.
    public func conformityScore(rulesetId: String, ruleIds: [String]) -> Double? {
        Self.conformityScore(of: results.filter { $0.rulesetId == rulesetId && ruleIds.contains($0.ruleId) })
    }

    static func conformityScore(of results: [RuleResult]) -> Double? {
        var byRule: [RuleKey: [ResultStatus]] = [:]
        for result in results {
            byRule[result.ruleKey, default: []].append(result.status)
        }
        let evaluated = byRule.values.filter { statuses in
            statuses.contains { $0 == .pass || $0 == .fail || $0 == .error || $0 == .waived }
        }
        guard !evaluated.isEmpty else { return nil }
        let conforming = evaluated.filter { !$0.contains(.fail) && !$0.contains(.error) }.count
        return (Double(conforming) / Double(evaluated.count) * 1000).rounded() / 10
    }
}

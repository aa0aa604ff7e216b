public import AuditModel

/// The share of evaluated rules that conform, as a percentage.
///
/// A rule counts once however many items it read: it conforms when none of its
/// results failed (waived counts as conforming). Not-applicable and not-checked
/// rules are left out; errors count as not conforming, because nothing was shown.
public enum ConformityScore {
    public static func percentage(of run: AuditRun) -> Double? {
        var byRule: [String: [ResultStatus]] = [:]
        for result in run.results {
            byRule["\(result.rulesetId)/\(result.ruleId)", default: []].append(result.status)
        }
        let evaluated = byRule.values.filter { statuses in
            statuses.contains { $0 == .pass || $0 == .fail || $0 == .error || $0 == .waived }
        }
        guard !evaluated.isEmpty else { return nil }
        let conforming = evaluated.filter { !$0.contains(.fail) && !$0.contains(.error) }.count
        return (Double(conforming) / Double(evaluated.count) * 1000).rounded() / 10
    }
}

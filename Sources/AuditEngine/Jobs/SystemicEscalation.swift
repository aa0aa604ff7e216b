public import AuditModel

/// Escalates a clause to a major nonconformity when several minor nonconformities stand
/// against it, as certification auditors grade a systemic failure (ISO/IEC 17021-1:2015,
/// 3.12, note: minor nonconformities associated with the same requirement can make a major one).
/// Off unless the profile in force asks for it (`<systemic minor-findings="3"/>`);
/// the clause then says why its verdict is major.
///
/// Only active findings count: a waived finding is an accepted exception, not a symptom.
/// The exit status stays decided by the findings' own grades (docs/profiles.md).
public enum SystemicEscalation {
    /// The run with each clause escalated where its ruleset's profile sets a threshold
    /// and enough active minor findings stand against it; unchanged without a threshold.
    public static func apply(to run: AuditRun) -> AuditRun {
        let thresholds = Dictionary(
            run.profiles.compactMap { profile in profile.systemicMinorFindings.map { (profile.rulesetId, ($0, profile.id)) } },
            uniquingKeysWith: { first, _ in first })
        guard !thresholds.isEmpty else { return run }
        var run = run
        for index in run.clauses.indices {
            let clause = run.clauses[index]
            guard clause.verdict == .minorNonconformity, let (threshold, profile) = thresholds[clause.rulesetId] else { continue }
            let minors = run.findings.count { finding in
                finding.rulesetId == clause.rulesetId && clause.ruleIds.contains(finding.ruleId) && finding.grade == .minor
                    && finding.waiver == nil
            }
            guard minors >= threshold else { continue }
            run.clauses[index].verdict = .majorNonconformity
            run.clauses[index].systemic =
                "Systemic: \(minors) minor nonconformities against this clause (profile \(profile) escalates \(threshold) or more to a major nonconformity)."
        }
        return run
    }
}

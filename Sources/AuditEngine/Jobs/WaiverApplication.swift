public import AuditModel

/// Applies waivers to a finished run.
///
/// An active waiver marks the findings it covers (which then no longer decide the
/// exit status) and turns a failed result into `waived` when every finding of it is
/// covered; the real outcome stays visible. An expired waiver applies to nothing and
/// says so; a waiver that matches nothing, or only passing results, is flagged.
public enum WaiverApplication {
    public static func apply(_ waivers: [Waiver], to run: AuditRun) -> AuditRun {
        var run = run
        run.waivers = waivers
        let sites = Dictionary(run.evidence.items.map { ($0.id, $0.site) }, uniquingKeysWith: { first, _ in first })
        func matches(_ waiver: Waiver, rulesetId: String, ruleId: String, itemId: String?, recordKey: String?) -> Bool {
            guard waiver.ruleId == ruleId, waiver.rulesetId.map({ $0 == rulesetId }) ?? true else { return false }
            if let item = waiver.itemId, item != itemId { return false }
            if let site = waiver.site, (itemId.flatMap { sites[$0] ?? nil }) != site { return false }
            if let record = waiver.recordKey, record != recordKey { return false }
            return true
        }
        for waiver in waivers {
            let reference = WaiverReference(
                id: waiver.id, justification: waiver.justification, approver: waiver.approver, expires: waiver.expires,
                file: waiver.location.file)
            let covered = run.findings.indices.filter { index in
                let finding = run.findings[index]
                return matches(
                    waiver, rulesetId: finding.rulesetId, ruleId: finding.ruleId, itemId: finding.evidence.itemId,
                    recordKey: finding.evidence.recordKey)
            }
            guard waiver.isActive(on: run.asOf) else {
                if !covered.isEmpty {
                    run.diagnostics.append(
                        Diagnostic(
                            severity: .warning, location: waiver.location,
                            message: "waiver \(waiver.id) expired on \(waiver.expires); its \(covered.count) finding(s) for \(waiver.ruleId) count again. Renew it (with approval) or fix the findings"))
                }
                continue
            }
            if covered.isEmpty {
                let passing = run.results.contains { result in
                    result.status == .pass
                        && matches(waiver, rulesetId: result.rulesetId, ruleId: result.ruleId, itemId: result.itemId, recordKey: nil)
                }
                let message = passing
                    ? "waiver \(waiver.id) covers \(waiver.ruleId), which passes; remove the waiver"
                    : "waiver \(waiver.id) matches no finding of \(waiver.ruleId); check its rule, item, site and record, or remove it"
                run.diagnostics.append(Diagnostic(severity: .warning, location: waiver.location, message: message))
                continue
            }
            for index in covered where run.findings[index].waiver == nil {
                run.findings[index].waiver = reference
            }
        }
        let waived = Set(run.findings.filter { $0.waiver != nil }.map(\.id))
        for index in run.results.indices where run.results[index].status == .fail {
            let ids = run.results[index].findingIds
            if !ids.isEmpty, ids.allSatisfy(waived.contains) {
                run.results[index].status = .waived
            }
        }
        run.clauses = run.clauses.map { clause in
            var clause = clause
            let results = run.results.filter { $0.rulesetId == clause.rulesetId && clause.ruleIds.contains($0.ruleId) }
            clause.verdict = ClauseVerdict.rollUp(results)
            return clause
        }
        return run
    }
}

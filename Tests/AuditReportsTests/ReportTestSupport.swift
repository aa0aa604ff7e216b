import AuditModel
import CalendarDates

/// A small, fully specified run for reporter tests.
func sampleRun(findingCount: Int = 1) -> AuditRun {
    let evidence = ObjectiveEvidence(
        itemId: "CL", evidenceType: "complaints-log", file: "log.csv", line: 12, recordKey: "C-7", xpath: "/table/record[11]",
        nativeLocator: "record 11", sha256: String(repeating: "a", count: 64))
    let findings = (0..<findingCount).map { index in
        Finding(
            id: "f\(index)", grade: .minor, rulesetId: "rs", clause: "8.2.1", clauseTitle: "Customer communication", ruleId: "R-1",
            ruleTitle: "Acknowledge complaints", statement: "Complaint C-\(index) was acknowledged late.",
            requirement: "Respond promptly.", evidence: evidence, measurements: [Measurement(name: "days", value: "5", number: 5)],
            remediation: "Acknowledge within 2 days.")
    }
    let results = [
        RuleResult(
            rulesetId: "rs", ruleId: "R-1", clause: "8.2.1", itemId: "CL", evidenceType: "complaints-log", status: .fail, grade: .minor,
            statement: "\(findingCount) of 40 records do not conform.", recordsChecked: 40, recordsFailed: findingCount,
            findingIds: findings.map(\.id)),
        RuleResult(
            rulesetId: "rs", ruleId: "R-2", clause: "9.3", itemId: nil, evidenceType: "management-review", status: .pass, grade: .major,
            statement: "Reviewed 30 days ago."),
    ]
    return AuditRun(
        tool: ToolInfo(version: "9.9.9"), asOf: CalendarDate(year: 2026, month: 11, day: 30)!,
        rulesets: [RulesetInfo(id: "rs", version: "1.0.0", title: "RS", file: "rs.xml", sha256: "b")],
        evidence: EvidenceInfo(organization: "Org", register: "evidence-register.xml", items: []),
        clauses: [
            ClauseSummary(rulesetId: "rs", number: "8.2.1", title: "Customer communication", intent: "i", crosswalk: [], verdict: .minorNonconformity, ruleIds: ["R-1"]),
            ClauseSummary(rulesetId: "rs", number: "9.3", title: "Management review", intent: "i", crosswalk: [], verdict: .conforming, ruleIds: ["R-2"]),
        ],
        results: results, findings: findings, diagnostics: [])
}

import AuditModel

/// Builds findings for one rule, with stable fingerprints.
struct FindingFactory: Sendable {
    let ruleset: Ruleset
    let rule: Rule
    let clause: Clause

    /// A fingerprint that survives re-runs: rule, item and record key only, never a line number.
    func fingerprint(itemId: String?, recordKey: String?, discriminator: String = "") -> String {
        let material = ["cxaudit-finding-1", ruleset.id, rule.id, itemId ?? "", recordKey ?? "", discriminator]
            .joined(separator: "\u{1F}")
        return String(SHA256Digest.hex(of: material).prefix(32))
    }

    /// The requirement in words: the clause's paraphrased intent and the rule itself.
    var requirement: String {
        "\(clause.number) \(clause.title): \(clause.intent) Rule \(rule.id): \(rule.title)."
    }

    func finding(
        grade: Grade? = nil, statement: String, evidence: ObjectiveEvidence, measurements: [Measurement],
        discriminator: String = ""
    ) -> Finding {
        Finding(
            id: fingerprint(itemId: evidence.itemId, recordKey: evidence.recordKey ?? evidence.xpath, discriminator: discriminator),
            grade: grade ?? rule.grade, rulesetId: ruleset.id, clause: clause.number, clauseTitle: clause.title,
            ruleId: rule.id, ruleTitle: rule.title, statement: statement, requirement: requirement, evidence: evidence,
            measurements: measurements, remediation: rule.remediation)
    }

    func result(
        itemId: String?, status: ResultStatus, statement: String, grade: Grade? = nil, measurements: [Measurement] = [],
        recordsChecked: Int? = nil, recordsFailed: Int? = nil, findings: [Finding] = [], series: [SeriesPoint]? = nil,
        seriesUnit: String? = nil
    ) -> RuleResult {
        RuleResult(
            rulesetId: ruleset.id, ruleId: rule.id, clause: clause.number, itemId: itemId,
            evidenceType: rule.check.evidenceType, status: status, grade: grade ?? rule.grade, statement: statement,
            measurements: measurements, recordsChecked: recordsChecked, recordsFailed: recordsFailed,
            findingIds: findings.map(\.id), series: series, seriesUnit: seriesUnit)
    }
}

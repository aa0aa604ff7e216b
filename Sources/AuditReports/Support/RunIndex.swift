import AuditModel

/// Everything a report knows about one rule: its description (from the
/// context's catalog, else from its findings) and its results in run order.
struct RuleEntry {
    let key: RuleKey
    let clause: String
    let clauseTitle: String
    /// The rule's title when known; `displayTitle` falls back to the id.
    let title: String?
    let grade: Grade
    let rationale: String?
    let remediation: String?
    /// The paraphrased requirement, as findings state it.
    let requirement: String?
    let references: [String]
    let results: [RuleResult]

    var displayTitle: String { title ?? key.ruleId }

    /// The rule's outcome over all its items: any error, else any failure,
    /// else passing (waived counts as passing), else not applicable or not checked.
    var status: ResultStatus {
        let statuses = Set(results.map(\.status))
        if statuses.contains(.error) { return .error }
        if statuses.contains(.fail) { return .fail }
        if statuses.contains(.pass) { return .pass }
        if statuses.contains(.waived) { return .waived }
        if statuses.contains(.notapplicable) { return .notapplicable }
        return .notchecked
    }
}

/// Lookups every reporter needs, computed once per rendering so large runs
/// (100,000 results) stay linear: findings by id, results by rule, rules in
/// clause order, items by id.
struct RunIndex {
    let run: AuditRun
    let context: ReportContext
    let findingsById: [String: Finding]
    let itemsById: [String: EvidenceItemInfo]
    /// Every rule, in clause order, then rules that have results but no clause.
    let rules: [RuleEntry]
    /// The run's counts (`RunCounts`): the only numbers a report states.
    let counts: RunCounts
    private let rulesByKey: [RuleKey: Int]

    init(_ run: AuditRun, context: ReportContext) {
        self.run = run
        self.context = context
        counts = RunCounts(run)
        findingsById = Dictionary(run.findings.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        itemsById = Dictionary(run.evidence.items.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })

        var resultsByRule: [RuleKey: [RuleResult]] = [:]
        var resultOrder: [RuleKey] = []
        for result in run.results {
            let key = result.ruleKey
            if resultsByRule[key] == nil { resultOrder.append(key) }
            resultsByRule[key, default: []].append(result)
        }
        var firstFinding: [RuleKey: Finding] = [:]
        for finding in run.findings {
            let key = finding.ruleKey
            if firstFinding[key] == nil { firstFinding[key] = finding }
        }
        let catalog = Dictionary(
            context.rules.map { (RuleKey(rulesetId: $0.rulesetId, ruleId: $0.id), $0) }, uniquingKeysWith: { first, _ in first })

        var rules: [RuleEntry] = []
        var seen: Set<RuleKey> = []
        func add(_ key: RuleKey, clause: String, clauseTitle: String) {
            guard seen.insert(key).inserted else { return }
            let description = catalog[key]
            let finding = firstFinding[key]
            let results = resultsByRule[key] ?? []
            rules.append(
                RuleEntry(
                    key: key, clause: clause, clauseTitle: clauseTitle, title: description?.title ?? finding?.ruleTitle,
                    grade: results.first?.grade ?? description?.grade ?? finding?.grade ?? .minor,
                    rationale: description?.rationale, remediation: description?.remediation ?? finding?.remediation,
                    requirement: finding?.requirement, references: description?.references ?? [], results: results))
        }
        for clause in run.clauses {
            for ruleId in clause.ruleIds {
                add(RuleKey(rulesetId: clause.rulesetId, ruleId: ruleId), clause: clause.number, clauseTitle: clause.title)
            }
        }
        for key in resultOrder {
            let clause = resultsByRule[key]?.first?.clause ?? ""
            let title = run.clauses.first { $0.rulesetId == key.rulesetId && $0.number == clause }?.title ?? ""
            add(key, clause: clause, clauseTitle: title)
        }
        self.rules = rules
        rulesByKey = Dictionary(rules.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The rule `key`, if the run knows it.
    func rule(_ key: RuleKey) -> RuleEntry? {
        rulesByKey[key].map { rules[$0] }
    }

    /// The rule a result belongs to.
    func rule(of result: RuleResult) -> RuleEntry? {
        rule(result.ruleKey)
    }

    /// The rules of `clause`, in the clause's order.
    func rules(of clause: ClauseSummary) -> [RuleEntry] {
        clause.ruleIds.compactMap { rule(RuleKey(rulesetId: clause.rulesetId, ruleId: $0)) }
    }

    /// The findings a result produced, in run order.
    func findings(of result: RuleResult) -> [Finding] {
        result.findingIds.compactMap { findingsById[$0] }
    }

    /// The findings of a result that no active waiver covers: what is left to fix.
    func activeFindings(of result: RuleResult) -> [Finding] {
        findings(of: result).filter { !$0.isWaived }
    }

    /// The waivers covering a result's findings, each once, in the findings' order.
    func waivers(of result: RuleResult) -> [WaiverReference] {
        var waivers: [WaiverReference] = []
        for waiver in findings(of: result).compactMap(\.waiver) where !waivers.contains(waiver) { waivers.append(waiver) }
        return waivers
    }

    /// Every finding an active waiver covers, in run order.
    var waivedFindings: [Finding] {
        run.findings.filter(\.isWaived)
    }

    /// Where a resolved finding of the baseline was: its item's file (when the item is still
    /// registered, else the item id) and record key.
    func location(of resolved: BaselineComparison.ResolvedFinding) -> String {
        var text = resolvedFile(resolved) ?? ""
        if let key = resolved.recordKey { text += text.isEmpty ? "[\(key)]" : " [\(key)]" }
        return text
    }

    /// The file a resolved finding was in (its item's, or the item id when the item is gone).
    func resolvedFile(_ resolved: BaselineComparison.ResolvedFinding) -> String? {
        resolved.itemId.map { itemsById[$0]?.file ?? $0 }
    }

    /// The file a finding cites: its own, else its item's.
    func file(of evidence: ObjectiveEvidence) -> String? {
        evidence.file ?? evidence.itemId.flatMap { itemsById[$0]?.file }
    }

    /// The file a result is about, when it is about one item.
    func file(of result: RuleResult) -> String? {
        result.itemId.flatMap { itemsById[$0]?.file }
    }

    /// The items of an evidence type, in register order.
    func items(ofType type: String) -> [EvidenceItemInfo] {
        run.evidence.items.filter { $0.type == type }
    }

    /// The evidence folder as cited before evidence files, when it is named relative
    /// to the working directory (without a trailing `/`); nil when files are cited
    /// relative to the evidence folder itself: no folder given, or one outside the
    /// working directory, whose host path reports must not carry.
    var workingDirectoryPrefix: String? {
        guard var folder = context.evidenceFolder, !folder.isEmpty, folder != ".", !folder.hasPrefix("/") else { return nil }
        while folder.hasSuffix("/") { folder.removeLast() }
        return folder
    }

    /// An evidence file's path as reports cite it, never a host path: under the
    /// evidence folder as named when that is relative to the working directory (so a CI
    /// job run from the repository root finds it), else relative to the evidence folder.
    /// A file named by an absolute path (a diagnostic about a file outside the evidence
    /// folder) is cited by its name alone.
    func path(ofEvidenceFile file: String) -> String {
        if file.hasPrefix("/") { return Self.hostIndependent(file) }
        return workingDirectoryPrefix.map { $0 + "/" + file } ?? file
    }

    /// `path` as a report that must not reveal the machine it ran on cites it: as
    /// given when relative, else only its last component.
    /// The run's problems with the inputs, each file named without a host path (a file
    /// given by absolute path is named by its file name), for the formats that are shared.
    var diagnostics: [Diagnostic] {
        run.diagnostics.map { diagnostic in
            var diagnostic = diagnostic
            diagnostic.location.file = Self.hostIndependent(diagnostic.location.file)
            return diagnostic
        }
    }

    static func hostIndependent(_ path: String) -> String {
        guard path.hasPrefix("/") else { return path }
        return path.split(separator: "/").last.map(String.init) ?? ""
    }

    /// `file:line [key]`, or the evidence type when no file is cited.
    func location(of evidence: ObjectiveEvidence) -> String {
        var text = file(of: evidence) ?? evidence.evidenceType
        if let line = evidence.line { text += ":\(line)" }
        if let key = evidence.recordKey { text += " [\(key)]" }
        return text
    }
}

/// Words and numbers formatted the same way in every human-oriented report.
enum ReportText {
    /// `27.3` or `50` (no trailing `.0`).
    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    /// A value rounded to two decimals for charts and tables.
    static func short(_ value: Double) -> String {
        number((value * 100).rounded() / 100)
    }

    /// Status as auditors read it.
    static func status(_ status: ResultStatus) -> String {
        switch status {
        case .pass: return "Pass"
        case .fail: return "Fail"
        case .error: return "Error"
        case .notapplicable: return "Not applicable"
        case .notchecked: return "Not checked"
        case .waived: return "Waived"
        }
    }

    /// Status with the grade for failures: `Fail (minor)`.
    static func outcome(_ result: RuleResult) -> String {
        result.status == .fail ? "Fail (\(result.grade.rawValue))" : status(result.status)
    }

    /// "… and 12 more".
    static func more(_ count: Int, noun: String = "more") -> String {
        "… and \(count) \(noun)"
    }

    /// A waiver's terms as every human-oriented report states them next to the finding:
    /// `waiver W-1, approved by Helen Marsh, expires 2026-12-31: justification`.
    static func waiver(_ waiver: WaiverReference) -> String {
        "waiver \(waiver.id), approved by \(waiver.approver), expires \(waiver.expires): \(waiver.justification)"
    }

    /// Findings per grade, every grade stated: `1 major, 0 minor, 1 ofi`.
    static func grades(_ counts: GradeCounts) -> String {
        Grade.allCases.map { "\(counts[$0]) \($0.rawValue)" }.joined(separator: ", ")
    }

    /// Results per status, every status stated: `60 pass, 11 fail, 0 error, 0 not applicable, 0 not checked, 1 waived`.
    static func statuses(_ counts: StatusCounts) -> String {
        ResultStatus.allCases.map { "\(counts[$0]) \(status($0).lowercased())" }.joined(separator: ", ")
    }

    /// The comparison with the baseline: `1 new, 15 unchanged, 1 resolved`.
    static func baseline(_ counts: RunCounts.Baseline) -> String {
        "\(counts.new) new, \(counts.unchanged) unchanged, \(counts.resolved) resolved"
    }

}

public import AuditModel

/// Renders a run for a quality manager at a terminal: grouped by clause, the
/// most serious first within each clause, with where and why for every finding.
public struct ConsoleReport: Sendable {
    /// Whether to use ANSI colours (only on a terminal, never with `NO_COLOR`).
    public var colors: Bool
    /// Findings listed per rule and item before "… and N more".
    public var findingsPerResult: Int
    /// Whether to list passing and not-applicable rules too.
    public var showPassing: Bool

    public init(colors: Bool, findingsPerResult: Int = 5, showPassing: Bool = true) {
        self.colors = colors
        self.findingsPerResult = findingsPerResult
        self.showPassing = showPassing
    }

    public func render(_ run: AuditRun) -> String {
        var lines: [String] = []
        let rulesets = run.rulesets.map { "\($0.id) \($0.version)" }.joined(separator: ", ")
        lines.append(bold("cxaudit \(run.tool.version)") + " — \(run.evidence.organization) — as of \(run.asOf)")
        lines.append("Rulesets: \(rulesets) · \(run.evidence.items.count) evidence items")
        let findingsById = Dictionary(run.findings.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for clause in run.clauses {
            let clauseResults = run.results.filter { $0.rulesetId == clause.rulesetId && clause.ruleIds.contains($0.ruleId) }
            lines.append("")
            lines.append(bold("\(clause.number) \(clause.title)") + "  " + verdictLabel(clause.verdict))
            if clauseResults.isEmpty {
                lines.append("    no rule evaluated for this clause")
            }
            let ordered = clauseResults.sorted { statusRank($0) < statusRank($1) }
            for result in ordered {
                if !showPassing && (result.status == .pass || result.status == .notapplicable) { continue }
                let item = result.itemId.map { " [\($0)]" } ?? ""
                lines.append("  \(statusLabel(result)) \(result.ruleId)\(item): \(result.statement)")
                let findings = result.findingIds.compactMap { findingsById[$0] }
                for finding in findings.prefix(findingsPerResult) where findings.count > 1 || finding.statement != result.statement {
                    lines.append("      " + dim(location(finding.evidence)) + " " + finding.statement)
                }
                if findings.count > findingsPerResult {
                    lines.append("      … and \(findings.count - findingsPerResult) more (see the JSON output for all)")
                }
                if result.status == .fail, let remediation = findings.first?.remediation, !remediation.isEmpty {
                    lines.append("      " + dim("→ \(remediation)"))
                }
            }
        }
        if !run.diagnostics.isEmpty {
            lines.append("")
            lines.append(bold("Problems with the inputs"))
            for diagnostic in run.diagnostics {
                lines.append("  " + (diagnostic.severity == .error ? red(diagnostic.description) : yellow(diagnostic.description)))
            }
        }
        lines.append("")
        lines.append(summary(run))
        return lines.joined(separator: "\n") + "\n"
    }

    private func summary(_ run: AuditRun) -> String {
        let counts = run.statusCounts
        let grades = Grade.allCases.map { grade in "\(run.findings.filter { $0.grade == grade }.count) \(grade.rawValue)" }
        var text = bold("Findings: ") + grades.joined(separator: ", ")
        text += " · Results: \(counts[.pass] ?? 0) pass, \(counts[.fail] ?? 0) fail, \(counts[.error] ?? 0) error, \(counts[.notapplicable] ?? 0) not applicable"
        if let score = ConformityScore.percentage(of: run) {
            text += "\n" + bold("Conformity score: ") + "\(formatScore(score))% of evaluated rules conform"
        }
        if run.isIncomplete {
            text += "\n" + red("The run is incomplete: some inputs could not be read or evaluated (see above).")
        }
        return text
    }

    private func formatScore(_ score: Double) -> String {
        score == score.rounded() ? String(Int(score)) : String(score)
    }

    private func location(_ evidence: ObjectiveEvidence) -> String {
        var text = evidence.file ?? evidence.evidenceType
        if let line = evidence.line {
            text += ":\(line)"
        } else if let locator = evidence.nativeLocator {
            // Office files have no lines: the cell or paragraph locates the record.
            text += " (\(locator))"
        }
        if let key = evidence.recordKey { text += " [\(key)]" }
        return text
    }

    private func statusRank(_ result: RuleResult) -> Int {
        switch result.status {
        case .error: return 0
        case .fail: return 1 + result.grade.rank
        case .waived: return 5
        case .pass: return 6
        case .notapplicable: return 7
        case .notchecked: return 8
        }
    }

    private func statusLabel(_ result: RuleResult) -> String {
        switch result.status {
        case .fail:
            switch result.grade {
            case .major: return red("✗ MAJOR")
            case .minor: return yellow("✗ MINOR")
            case .ofi: return cyan("• OFI  ")
            }
        case .pass: return green("✓ PASS ")
        case .error: return red("! ERROR")
        case .notapplicable: return dim("– N/A  ")
        case .notchecked: return dim("– SKIP ")
        case .waived: return dim("~ WAIVED")
        }
    }

    private func verdictLabel(_ verdict: ClauseVerdict) -> String {
        switch verdict {
        case .conforming: return green("CONFORMING")
        case .majorNonconformity: return red("MAJOR NONCONFORMITY")
        case .minorNonconformity: return yellow("MINOR NONCONFORMITY")
        case .opportunityForImprovement: return cyan("OPPORTUNITY FOR IMPROVEMENT")
        case .notApplicable: return dim("NOT APPLICABLE")
        case .notAssessed: return dim("NOT ASSESSED")
        }
    }

    private func style(_ code: String, _ text: String) -> String {
        colors ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
    private func bold(_ text: String) -> String { style("1", text) }
    private func dim(_ text: String) -> String { style("2", text) }
    private func red(_ text: String) -> String { style("31", text) }
    private func green(_ text: String) -> String { style("32", text) }
    private func yellow(_ text: String) -> String { style("33", text) }
    private func cyan(_ text: String) -> String { style("36", text) }
}

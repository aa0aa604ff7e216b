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
        var editions: [String] = []
        for statement in run.rulesets.flatMap(\.standards).map(\.editionStatement) where !editions.contains(statement) {
            editions.append(statement)
        }
        if !editions.isEmpty {
            lines.append("Audited against: " + editions.joined(separator: "; "))
        }
        if !run.profiles.isEmpty {
            lines.append("Profile: " + run.profiles.map { "\($0.id) \($0.version) (tailoring \($0.rulesetId))" }.joined(separator: ", "))
        }
        let findingsById = Dictionary(run.findings.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for clause in run.clauses {
            let clauseResults = run.results.filter { $0.rulesetId == clause.rulesetId && clause.ruleIds.contains($0.ruleId) }
            lines.append("")
            lines.append(bold("\(clause.number) \(clause.title)") + "  " + verdictLabel(clause.verdict))
            if let systemic = clause.systemic { lines.append("    \(systemic)") }
            if clauseResults.isEmpty {
                lines.append("    no rule evaluated for this clause")
            }
            let ordered = clauseResults.sorted { statusRank($0) < statusRank($1) }
            for result in ordered {
                if !showPassing && (result.status == .pass || result.status == .notapplicable) { continue }
                let item = result.itemId.map { " [\($0)]" } ?? ""
                let findings = result.findingIds.compactMap { findingsById[$0] }
                // A lone finding that only repeats its result's statement is not listed again:
                // its marks go on the result's line.
                let lone = findings.count == 1 && findings[0].statement == result.statement ? findings.first : nil
                lines.append("  \(statusLabel(result)) \(result.ruleId)\(item): \(result.statement)" + (lone.map(baselineMark) ?? ""))
                let active = lone == nil ? findings.filter { !$0.isWaived } : []
                for finding in active.prefix(findingsPerResult) {
                    lines.append("      " + dim(location(finding.evidence)) + " " + finding.statement + baselineMark(finding))
                }
                if active.count > findingsPerResult {
                    lines.append("      … and \(active.count - findingsPerResult) more (see the JSON output for all)")
                }
                // Every waived finding is listed, with the waiver's terms: waived is not gone.
                for finding in findings where finding.isWaived {
                    if lone == nil {
                        lines.append("      " + dim(location(finding.evidence)) + " " + finding.statement + baselineMark(finding))
                    }
                    lines.append("      " + (lone == nil ? "  " : "") + waiverLine(finding))
                }
                if result.status == .fail, let remediation = findings.first(where: { !$0.isWaived })?.remediation, !remediation.isEmpty {
                    lines.append("      " + dim("→ \(remediation)"))
                }
            }
        }
        if let comparison = run.baseline, !comparison.resolvedFindings.isEmpty {
            lines.append("")
            lines.append(bold("Resolved since the baseline") + " (\(comparison.file)\(comparison.baselineAsOf.map { ", as of \($0)" } ?? ""))")
            for resolved in comparison.resolvedFindings {
                let place = [resolved.itemId, resolved.recordKey].compactMap { $0 }.joined(separator: " ")
                lines.append("  \(green("✓ RESOLVED")) \(resolved.ruleId)\(place.isEmpty ? "" : " [\(place)]") (was \(resolved.grade.rawValue)): \(resolved.statement)")
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

    /// The footer: `RunCounts` in words. Waived findings are counted as waived, never under their grade.
    private func summary(_ run: AuditRun) -> String {
        let counts = RunCounts(run)
        var text = bold("Findings: ") + ReportText.grades(counts.findings) + ", \(counts.waived.total) waived"
        text += " · Results: " + ReportText.statuses(counts.results)
        if let baseline = counts.baseline, let comparison = run.baseline {
            text += "\n" + bold("Baseline: ") + ReportText.baseline(baseline) + " (against \(comparison.file))"
        }
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

    /// ` (new)` or ` (unchanged)` after a finding of a run compared with a baseline.
    private func baselineMark(_ finding: Finding) -> String {
        guard let state = finding.baseline else { return "" }
        return " " + (state == .new ? yellow("(new)") : dim("(unchanged)"))
    }

    private func waiverLine(_ finding: Finding) -> String {
        guard let waiver = finding.waiver else { return "" }
        return magenta("~ waived:") + " " + ReportText.waiver(waiver)
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
    private func magenta(_ text: String) -> String { style("35", text) }
    private func cyan(_ text: String) -> String { style("36", text) }
}

public import AuditModel
import CalendarDates
public import Foundation

/// Renders a short Markdown summary for a pull-request comment or a CI job
/// summary (`$GITHUB_STEP_SUMMARY`, GitLab notes): counts, the score, a table
/// of clause verdicts and the failing results, most serious first.
///
/// It stays under GitHub's 65,536-character comment limit whatever the size of
/// the run: findings are listed up to the context's list limit per result and
/// the list stops at `characterBudget` with a count of what was left out.
/// Every value from the evidence is escaped (`MarkdownText`).
public enum MarkdownSummary {
    /// Characters of finding lists after which the summary stops listing.
    public static let characterBudget = 50_000

    /// Renders the summary of `run` as Markdown (UTF-8), in memory.
    public static func render(_ run: AuditRun, context: ReportContext) -> Data {
        let index = RunIndex(run, context: context)
        let counts = index.counts
        var lines: [String] = []
        lines.append("## cxaudit: \(MarkdownText.escape(run.evidence.organization)) — as of \(run.asOf)")
        lines.append("")
        var headline = "**\(counts.findings.major) major · \(counts.findings.minor) minor · \(counts.findings.ofi) OFI** · \(counts.waived.total) waived"
        if let score = ConformityScore.percentage(of: run) {
            headline += " · conformity score **\(ReportText.number(score))%**"
        }
        headline += " · results: " + ReportText.statuses(counts.results)
        if let baseline = counts.baseline {
            headline += " · baseline: " + ReportText.baseline(baseline)
        }
        lines.append(headline)
        if run.isIncomplete {
            lines.append("")
            lines.append("> **The run is incomplete:** some inputs could not be read or evaluated (\(run.diagnostics.count) problems reported).")
        }
        lines.append("")
        lines.append("| Clause | Verdict | Findings |")
        lines.append("|---|---|---|")
        for clause in run.clauses {
            let findings = run.findings.filter { $0.rulesetId == clause.rulesetId && $0.clause == clause.number }
            var byGrade = Grade.allCases.compactMap { grade -> String? in
                let count = findings.count { $0.grade == grade && !$0.isWaived }
                return count == 0 ? nil : "\(count) \(grade.rawValue)"
            }
            let waived = findings.count(where: \.isWaived)
            if waived > 0 { byGrade.append("\(waived) waived") }
            lines.append(
                "| \(MarkdownText.escape(clause.number)) \(MarkdownText.escape(clause.title)) | \(symbol(clause.verdict)) \(clause.verdict.title)"
                    + (clause.systemic.map { " (\(MarkdownText.escape($0)))" } ?? "") + " | "
                    + "\(byGrade.isEmpty ? "–" : byGrade.joined(separator: ", ")) |")
        }
        lines += historyLines(run, history: context.history)

        let failing = index.rules.flatMap { rule in rule.results.filter { $0.status == .fail || $0.status == .error }.map { (rule, $0) } }
            .enumerated()
            .sorted { lhs, rhs in
                let left = rank(lhs.element.1)
                let right = rank(rhs.element.1)
                return left != right ? left < right : lhs.offset < rhs.offset
            }
            .map(\.element)
        if !failing.isEmpty {
            lines.append("")
            lines.append("### What to fix")
            lines.append("")
            var used = 0
            for (position, (rule, result)) in failing.enumerated() {
                let entry = entryLines(result, rule: rule, index: index)
                let size = entry.reduce(0) { $0 + $1.count + 1 }
                if used + size > characterBudget {
                    lines.append("- " + ReportText.more(failing.count - position, noun: "more failing results") + " (see the HTML report or JSON results)")
                    break
                }
                used += size
                lines += entry
            }
        }
        lines += waivedLines(index)
        lines += resolvedLines(index)
        lines += audit(AuditStatement(run))
        lines.append("")
        let rulesets = run.rulesets.map { "\(MarkdownText.escape($0.id)) \(MarkdownText.escape($0.version))" }.joined(separator: ", ")
        lines.append(
            "<sub>cxaudit \(MarkdownText.escape(run.tool.version)) · rulesets \(rulesets) · \(run.evidence.items.count) evidence items · generated \(context.generatedAt.iso8601)</sub>"
        )
        return Data((lines.joined(separator: "\n") + "\n").utf8)
    }

    /// The audit's objectives, scope, criteria, dates and basis (ISO 19011 6.5.1), after
    /// what to fix, so that a pull-request comment leads with the findings.
    private static func audit(_ statement: AuditStatement) -> [String] {
        func item(_ label: String, _ values: [String]) -> [String] {
            values.isEmpty ? [] : ["- **\(label):** " + values.map(MarkdownText.escape).joined(separator: "; ")]
        }
        return ["", "### About this audit", ""]
            + item("Auditee", [statement.auditee]) + item("Objectives", [statement.objectives]) + item("Scope", statement.scope)
            + item("Exclusions", statement.exclusions) + item("Sites", statement.sites) + item("Criteria", statement.criteria)
            + item("Audited against", statement.editions) + item("Crosswalks", statement.crosswalks)
            + item("Tailoring", statement.tailoring) + item("Audit date", [statement.auditDate])
            + item("Evidence period", statement.evidencePeriod.map { [$0] } ?? []) + item("Examined", [statement.examined])
            + item("Basis of the conclusions", [statement.basis])
    }

    /// Runs the summary's view over time shows, the most recent: a pull-request comment stays narrow.
    public static let historyRunLimit = 6

    /// The conformity score and each clause's verdict over the most recent recorded runs,
    /// oldest first, or how to start recording them.
    private static func historyLines(_ run: AuditRun, history: [RecordedRun]?) -> [String] {
        guard let history, !history.isEmpty else {
            return [
                "",
                "_No run history is recorded: record each run with `cxaudit check --history` (or `history = true` in cxaudit.toml) "
                    + "and this summary shows the score and each clause's verdict run by run._",
            ]
        }
        let runs = Array(history.suffix(historyRunLimit))
        let changes = runs.indices.map { index in index == 0 ? [] : runs[index].editionChanges(since: runs[index - 1]) }
        var lines = ["", "### Over time", ""]
        lines.append("| | " + runs.enumerated().map { (changes[$0.offset].isEmpty ? "" : "‖ ") + $0.element.label }.joined(separator: " | ") + " |")
        lines.append("|---|" + String(repeating: "---|", count: runs.count))
        lines.append("| Conformity score | " + runs.map { $0.conformityScore.map { "\(ReportText.short($0))%" } ?? "–" }.joined(separator: " | ") + " |")
        for clause in run.clauses {
            let verdicts = runs.map { $0.verdict(rulesetId: clause.rulesetId, clause: clause.number).map(symbol) ?? "–" }
            lines.append("| \(MarkdownText.escape(clause.number)) \(MarkdownText.escape(clause.title)) | " + verdicts.joined(separator: " | ") + " |")
        }
        lines.append("")
        var legend = "✅ conforming · 🔴 major · 🟠 minor · 🔵 OFI · ➖ not applicable · ❔ not assessed · – not assessed in that run"
        if history.count > runs.count {
            legend += " · the last \(runs.count) of \(history.count) recorded runs (the HTML report shows them all)"
        }
        let described = changes.flatMap { $0 }.map { "\($0.rulesetId): \($0.from) → \($0.to)" }
        if !described.isEmpty {
            legend += " · ‖ the edition audited against changed before that run (\(MarkdownText.escape(described.joined(separator: "; ")))): "
                + "verdicts either side judge different requirements and are not to be compared"
        }
        lines.append("<sub>\(legend)</sub>")
        return lines
    }

    /// One failing result and its active findings; waived findings are left to `waivedLines`.
    private static func entryLines(_ result: RuleResult, rule: RuleEntry, index: RunIndex) -> [String] {
        let label = result.status == .error ? "**Error**" : "**\(result.grade.title)**"
        let item = result.itemId.map { " \(MarkdownText.code($0))" } ?? ""
        let findings = index.activeFindings(of: result)
        // A lone finding that only repeats its result's statement is not listed again: its mark goes on the result's line.
        let lone = findings.count == 1 && findings[0].statement == result.statement ? findings.first : nil
        var lines = [
            "- \(result.status == .error ? "❗" : symbol(result.grade)) \(label) \(MarkdownText.code(result.ruleId))\(item) "
                + "(\(MarkdownText.escape(result.clause))): \(MarkdownText.escape(result.statement))" + (lone.map(baselineMark) ?? "")
        ]
        let limit = index.context.listLimit
        if lone == nil {
            for finding in findings.prefix(limit) {
                lines.append("  - \(MarkdownText.code(index.location(of: finding.evidence))) \(MarkdownText.escape(finding.statement))" + baselineMark(finding))
            }
            if findings.count > limit {
                lines.append("  - " + ReportText.more(findings.count - limit))
            }
        }
        if result.status == .fail, let remediation = findings.first?.remediation ?? rule.remediation, !remediation.isEmpty {
            lines.append("  - ➜ \(MarkdownText.escape(remediation))")
        }
        return lines
    }

    /// The findings an active waiver covers, each with the waiver's terms, up to the list limit.
    private static func waivedLines(_ index: RunIndex) -> [String] {
        let waived = index.waivedFindings
        guard !waived.isEmpty else { return [] }
        var lines = ["", "### Waived findings", "", "Not counted under their grade and not deciding the exit status, until the waiver expires.", ""]
        let limit = index.context.listLimit
        for finding in waived.prefix(limit) {
            guard let waiver = finding.waiver else { continue }
            let item = finding.evidence.itemId.map { " \(MarkdownText.code($0))" } ?? ""
            lines.append(
                "- ⏸️ \(finding.grade.title) \(MarkdownText.code(finding.ruleId))\(item) (\(MarkdownText.escape(finding.clause))) "
                    + "\(MarkdownText.code(index.location(of: finding.evidence))): \(MarkdownText.escape(finding.statement))" + baselineMark(finding))
            lines.append("  - Waived: \(MarkdownText.escape(ReportText.waiver(waiver)))")
        }
        if waived.count > limit {
            lines.append("- " + ReportText.more(waived.count - limit, noun: "more waived findings") + " (see the HTML report or JSON results)")
        }
        return lines
    }

    /// The baseline's findings that no longer occur, up to the list limit.
    private static func resolvedLines(_ index: RunIndex) -> [String] {
        guard let comparison = index.run.baseline, !comparison.resolvedFindings.isEmpty else { return [] }
        var lines = [
            "", "### Resolved since the baseline", "",
            "Compared with \(MarkdownText.code(comparison.file))\(comparison.baselineAsOf.map { " (as of \(MarkdownText.escape($0)))" } ?? "").", "",
        ]
        let limit = index.context.listLimit
        for resolved in comparison.resolvedFindings.prefix(limit) {
            let place = index.location(of: resolved)
            lines.append(
                "- ✅ \(MarkdownText.code(resolved.ruleId))\(place.isEmpty ? "" : " " + MarkdownText.code(place)) (was \(resolved.grade.rawValue)): "
                    + MarkdownText.escape(resolved.statement))
        }
        if comparison.resolvedFindings.count > limit {
            lines.append("- " + ReportText.more(comparison.resolvedFindings.count - limit, noun: "more resolved findings") + " (see the JSON results)")
        }
        return lines
    }

    /// ` · 🆕 new` or ` · unchanged` after a finding of a run compared with a baseline.
    private static func baselineMark(_ finding: Finding) -> String {
        switch finding.baseline {
        case .new: return " · 🆕 **new**"
        case .unchanged: return " · unchanged"
        case nil: return ""
        }
    }

    private static func rank(_ result: RuleResult) -> Int {
        result.status == .error ? 0 : 1 + result.grade.rank
    }

    private static func symbol(_ grade: Grade) -> String {
        switch grade {
        case .major: return "🔴"
        case .minor: return "🟠"
        case .ofi: return "🔵"
        }
    }

    private static func symbol(_ verdict: ClauseVerdict) -> String {
        switch verdict {
        case .conforming: return "✅"
        case .majorNonconformity: return "🔴"
        case .minorNonconformity: return "🟠"
        case .opportunityForImprovement: return "🔵"
        case .notApplicable: return "➖"
        case .notAssessed: return "❔"
        }
    }
}

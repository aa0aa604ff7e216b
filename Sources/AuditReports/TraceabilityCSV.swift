public import AuditModel
import CalendarDates
public import Foundation

/// Renders the traceability matrix, clause × rule × evidence item × result, as
/// CSV (RFC 4180: comma-separated, `"`-quoted, CRLF line ends, UTF-8 without BOM),
/// for the auditor's spreadsheet.
///
/// The matrix is complete: one row per rule result, one row for a rule with
/// no result, and one row for a clause with no rule, so gaps in coverage are
/// rows too. Waived findings and the waivers covering them, and each finding's state
/// against a baseline, are columns of their result's row; each finding of the baseline
/// that is resolved is a row of its own with result `resolved`. Cells starting with `=`, `+`, `-`, `@`, tab or carriage return are
/// prefixed with `'` so a spreadsheet never runs evidence text as a formula.
public enum TraceabilityCSV {
    /// The header row, in column order.
    public static let columns = [
        "ruleset", "clause", "clause_title", "clause_verdict", "rule_id", "rule_title", "rule_grade", "evidence_item", "evidence_type",
        "evidence_file", "evidence_sha256", "result", "statement", "records_checked", "records_failed", "findings", "finding_ids",
        "waived_finding_ids", "waiver_id", "waiver_approver", "waiver_expires", "waiver_justification", "new_finding_ids",
        "unchanged_finding_ids", "resolved_finding_ids",
    ]

    /// The cells after `finding_ids` of a row that is not about a result: all empty.
    private static let noWaiverOrBaseline = Array(repeating: "", count: 8)

    /// Renders the traceability matrix of `run` as CSV, in memory.
    public static func render(_ run: AuditRun, context: ReportContext) -> Data {
        let index = RunIndex(run, context: context)
        var text = row(columns)
        var covered: Set<RuleKey> = []
        for clause in run.clauses {
            let clauseCells = [clause.rulesetId, clause.number, clause.title, clause.verdict.rawValue]
            let rules = index.rules(of: clause)
            if rules.isEmpty {
                text += row(clauseCells + ["", "", "", "", "", "", "", "", "No rule in the ruleset tests this clause.", "", "", "0", ""] + noWaiverOrBaseline)
            }
            for rule in rules {
                covered.insert(rule.key)
                text += rows(for: rule, clauseCells: clauseCells, index: index)
            }
        }
        for rule in index.rules where !covered.contains(rule.key) {
            text += rows(for: rule, clauseCells: [rule.key.rulesetId, rule.clause, rule.clauseTitle, ""], index: index)
        }
        for resolved in run.baseline?.resolvedFindings ?? [] {
            text += row(resolvedCells(resolved, index: index))
        }
        return Data(text.utf8)
    }

    /// A finding of the baseline that no longer occurs, under its rule when the run has one
    /// rule of that id (a baseline names the rule, not its ruleset).
    private static func resolvedCells(_ resolved: BaselineComparison.ResolvedFinding, index: RunIndex) -> [String] {
        let candidates = index.rules.filter { $0.key.ruleId == resolved.ruleId }
        let rule = candidates.count == 1 ? candidates.first : nil
        let clause = rule.flatMap { rule in index.run.clauses.first { $0.rulesetId == rule.key.rulesetId && $0.number == rule.clause } }
        let item = resolved.itemId.flatMap { index.itemsById[$0] }
        return [
            rule?.key.rulesetId ?? "", rule?.clause ?? "", rule?.clauseTitle ?? "", clause?.verdict.rawValue ?? "", resolved.ruleId,
            rule?.title ?? "", resolved.grade.rawValue, resolved.itemId ?? "", item?.type ?? "", item?.file ?? "", item?.sha256 ?? "",
            "resolved", resolved.statement, "", "", "0", "", "", "", "", "", "", "", "", resolved.id,
        ]
    }

    private static func rows(for rule: RuleEntry, clauseCells: [String], index: RunIndex) -> String {
        let ruleCells = [rule.key.ruleId, rule.title ?? "", rule.grade.rawValue]
        guard !rule.results.isEmpty else {
            return row(clauseCells + ruleCells + ["", "", "", "", "", "No result was recorded for this rule.", "", "", "0", ""] + noWaiverOrBaseline)
        }
        var text = ""
        for result in rule.results {
            let item = result.itemId.flatMap { index.itemsById[$0] }
            let findings = index.findings(of: result)
            let waivers = index.waivers(of: result)
            // Several waivers of one result (record-level ones) are listed one per line, in the same order in each column.
            func waiverCell(_ value: (WaiverReference) -> String) -> String { waivers.map(value).joined(separator: "\n") }
            func ids(_ include: (Finding) -> Bool) -> String { findings.filter(include).map(\.id).joined(separator: " ") }
            text += row(
                clauseCells + ruleCells + [
                    result.itemId ?? "", result.evidenceType, item.map(\.file) ?? "", item?.sha256 ?? "", result.status.rawValue,
                    result.statement, result.recordsChecked.map(String.init) ?? "", result.recordsFailed.map(String.init) ?? "",
                    String(result.findingIds.count), result.findingIds.joined(separator: " "), ids(\.isWaived), waiverCell(\.id),
                    waiverCell(\.approver), waiverCell(\.expires.description), waiverCell(\.justification), ids { $0.baseline == .new },
                    ids { $0.baseline == .unchanged }, "",
                ])
        }
        return text
    }

    private static func row(_ cells: [String]) -> String {
        cells.map(cell).joined(separator: ",") + "\r\n"
    }

    /// One field: neutralised against formula injection, then quoted when needed.
    static func cell(_ value: String) -> String {
        var text = value
        if let first = text.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) {
            text = "'" + text
        }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

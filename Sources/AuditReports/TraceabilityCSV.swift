public import AuditModel
public import Foundation

/// Renders the traceability matrix, clause × rule × evidence item × result, as
/// CSV (RFC 4180: comma-separated, `"`-quoted, CRLF line ends, UTF-8 without BOM),
/// for the auditor's spreadsheet.
///
/// The matrix is complete: one row per rule result, one row for a rule with
/// no result, and one row for a clause with no rule, so gaps in coverage are
/// rows too. Cells starting with `=`, `+`, `-`, `@`, tab or carriage return are
/// prefixed with `'` so a spreadsheet never runs evidence text as a formula.
public enum TraceabilityCSV {
    /// The header row, in column order.
    public static let columns = [
        "ruleset", "clause", "clause_title", "clause_verdict", "rule_id", "rule_title", "rule_grade", "evidence_item", "evidence_type",
        "evidence_file", "evidence_sha256", "result", "statement", "records_checked", "records_failed", "findings", "finding_ids",
    ]

    /// Renders the traceability matrix of `run` as CSV, in memory.
    public static func render(_ run: AuditRun, context: ReportContext) -> Data {
        let index = RunIndex(run, context: context)
        var text = row(columns)
        var covered: Set<RuleKey> = []
        for clause in run.clauses {
            let clauseCells = [clause.rulesetId, clause.number, clause.title, clause.verdict.rawValue]
            let rules = index.rules(of: clause)
            if rules.isEmpty {
                text += row(clauseCells + ["", "", "", "", "", "", "", "", "No rule in the ruleset tests this clause.", "", "", "0", ""])
            }
            for rule in rules {
                covered.insert(rule.key)
                text += rows(for: rule, clauseCells: clauseCells, index: index)
            }
        }
        for rule in index.rules where !covered.contains(rule.key) {
            text += rows(for: rule, clauseCells: [rule.key.rulesetId, rule.clause, rule.clauseTitle, ""], index: index)
        }
        return Data(text.utf8)
    }

    private static func rows(for rule: RuleEntry, clauseCells: [String], index: RunIndex) -> String {
        let ruleCells = [rule.key.ruleId, rule.title ?? "", rule.grade.rawValue]
        guard !rule.results.isEmpty else {
            return row(clauseCells + ruleCells + ["", "", "", "", "", "No result was recorded for this rule.", "", "", "0", ""])
        }
        var text = ""
        for result in rule.results {
            let item = result.itemId.flatMap { index.itemsById[$0] }
            text += row(
                clauseCells + ruleCells + [
                    result.itemId ?? "", result.evidenceType, item.map(\.file) ?? "", item?.sha256 ?? "", result.status.rawValue,
                    result.statement, result.recordsChecked.map(String.init) ?? "", result.recordsFailed.map(String.init) ?? "",
                    String(result.findingIds.count), result.findingIds.joined(separator: " "),
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

public import AuditModel
import CalendarDates
public import Foundation

/// Renders the traceability matrix, clause × rule × evidence item × result, as
/// CSV (RFC 4180: comma-separated, `"`-quoted, CRLF line ends, UTF-8), by default for
/// the auditor's spreadsheet (`CSVDialect.spreadsheet`), else for a program (`.plain`).
///
/// The byte-order mark is what makes Excel (on opening the file) and LibreOffice's
/// import dialog read UTF-8 rather than a legacy code page, so `—` and names with
/// accents arrive intact; CSV readers that know UTF-8 skip it (`utf-8-sig`).
/// Clause ids are written as text formulas (`="9.2"`): a spreadsheet would otherwise
/// read `9.2` as a number and `9.10` as 9.1, or `8.5.1` as a date in some locales.
/// Machine readers unwrap the one column (`="…"` holds the id, quotes doubled), or ask for
/// the plain dialect, which writes neither the mark nor the formulas.
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
        let dialect = context.csvDialect
        var text = (dialect == .spreadsheet ? byteOrderMark : "") + columns.map(cell).joined(separator: ",") + "\r\n"
        var covered: Set<RuleKey> = []
        for clause in run.clauses {
            let clauseCells = [clause.rulesetId, clause.number, clause.title, clause.verdict.rawValue]
            let rules = index.rules(of: clause)
            if rules.isEmpty {
                text += row(clauseCells + ["", "", "", "", "", "", "", "", "No rule in the ruleset tests this clause.", "", "", "0", ""] + noWaiverOrBaseline, dialect)
            }
            for rule in rules {
                covered.insert(rule.key)
                text += rows(for: rule, clauseCells: clauseCells, index: index, dialect: dialect)
            }
        }
        for rule in index.rules where !covered.contains(rule.key) {
            text += rows(for: rule, clauseCells: [rule.key.rulesetId, rule.clause, rule.clauseTitle, ""], index: index, dialect: dialect)
        }
        for resolved in run.baseline?.resolvedFindings ?? [] {
            text += row(resolvedCells(resolved, index: index), dialect)
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

    private static func rows(for rule: RuleEntry, clauseCells: [String], index: RunIndex, dialect: CSVDialect) -> String {
        let ruleCells = [rule.key.ruleId, rule.title ?? "", rule.grade.rawValue]
        guard !rule.results.isEmpty else {
            return row(clauseCells + ruleCells + ["", "", "", "", "", "No result was recorded for this rule.", "", "", "0", ""] + noWaiverOrBaseline, dialect)
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
                ], dialect)
        }
        return text
    }

    /// U+FEFF, which UTF-8 encodes as EF BB BF at the start of the file.
    static let byteOrderMark = "\u{FEFF}"

    /// The column whose ids a spreadsheet would take for numbers or dates.
    private static let clauseColumn = columns.firstIndex(of: "clause") ?? 1

    /// One data row, every value through `cell`; for a spreadsheet, the clause id as a text formula.
    private static func row(_ cells: [String], _ dialect: CSVDialect) -> String {
        cells.enumerated().map { column, value in
            column == clauseColumn && dialect == .spreadsheet ? textFormula(value) : cell(value)
        }.joined(separator: ",") + "\r\n"
    }

    /// `value` as a formula whose result is the text itself, `="9.2"` (CSV-quoted), so a
    /// spreadsheet keeps it as text; a string literal with its quotes doubled, so no value
    /// can make it run anything. Empty stays empty.
    static func textFormula(_ value: String) -> String {
        value.isEmpty ? "" : quoted("=\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"")
    }

    /// One field: neutralised against formula injection, then quoted when needed.
    static func cell(_ value: String) -> String {
        var text = value
        if let first = text.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) {
            text = "'" + text
        }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return text }
        return quoted(text)
    }

    private static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

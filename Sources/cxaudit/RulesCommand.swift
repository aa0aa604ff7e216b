public import ArgumentParser
import AuditEngine
import AuditModel
import Foundation

extension Grade: ExpressibleByArgument {}
extension CheckKind: ExpressibleByArgument {}

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List the rules of one or more rulesets, optionally filtered.",
        discussion: """
            Prints one line per rule: clause, rule id, grade, kind of check, the evidence \
            types it reads, and its title. Clauses a ruleset deliberately leaves without \
            rules are listed as "not covered" unless you filter by grade, kind or evidence type. \
            Use `cxaudit explain RULE-ID` for everything about one rule.

            Examples:
              cxaudit rules --clause 9.1    # with 9.1.2, 9.1.3…
              cxaudit rules --grade major
              cxaudit rules --ruleset Rulesets/cx-starter.xml --kind trend

            Exit status:
              0  the rulesets were listed (also when no rule matches)
              2  usage error, or a ruleset that cannot be loaded (the
                 others are still listed)
            """
    )

    @OptionGroup var selection: RulesetSelection

    @Option(help: ArgumentHelp("Only this clause and its subclauses, e.g. 9.1 or 9.1.2.", valueName: "number"))
    var clause: String?

    @Option(help: "Only rules of this grade: major, minor or ofi.")
    var grade: Grade?

    @Option(help: "Only checks of this kind: presence, freshness, records, aggregate, trend or cross-reference.")
    var kind: CheckKind?

    @Option(help: ArgumentHelp("Only rules that read this evidence type.", valueName: "type"))
    var evidenceType: String?

    func run() throws {
        let locator = try AuthoringSupport.locate()
        let (rulesets, complete) = try selection.load(locator)
        let filter = RuleFilter(clause: clause, grade: grade, kind: kind, evidenceType: evidenceType)
        var sections: [String] = []
        var ruleCount = 0
        for ruleset in rulesets {
            let entries = ruleset.listing(matching: filter)
            let rows = entries.map { entry -> [String] in
                switch entry {
                case let .rule(rule):
                    ruleCount += 1
                    return [
                        rule.clause, rule.id, rule.grade.rawValue, rule.check.kind.rawValue,
                        Array(Set(rule.check.evidenceTypes)).sorted().joined(separator: ", "), rule.title,
                    ]
                case let .notCovered(clause, reason):
                    return [clause.number, "-", "-", "not covered", "-", "\(clause.title): \(reason)"]
                }
            }
            let heading = "\(ruleset.id) \(ruleset.version)  \(ruleset.title)  (\(ruleset.file))"
            let body = rows.isEmpty ? ["  no rule matches"] : Self.table([["CLAUSE", "RULE", "GRADE", "CHECK", "EVIDENCE", "TITLE"]] + rows)
            sections.append(([heading] + body).joined(separator: "\n"))
        }
        sections.append("\(AuthoringSupport.counted(ruleCount, "rule")) in \(AuthoringSupport.counted(rulesets.count, "ruleset"))")
        AuthoringSupport.print(sections.joined(separator: "\n\n"))
        if !complete { throw ExitStatus.incomplete }
    }

    /// Rows as left-aligned columns, indented by two spaces; the last column is not padded.
    static func table(_ rows: [[String]]) -> [String] {
        let columns = rows.map(\.count).max() ?? 0
        let widths = (0..<columns).map { column in rows.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0 }
        return rows.map { row in
            "  " + row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell.padding(toLength: widths[index] + 2, withPad: " ", startingAt: 0)
            }.joined()
        }
    }
}

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

            With --edition YEAR, a column gives each rule's clause in that edition, from the \
            ruleset's crosswalk (or the clause itself when the ruleset is of that edition); \
            entries taken from a draft are marked provisional, with the source they rest on.

            Examples:
              cxaudit rules --clause 9.1    # with 9.1.2, 9.1.3…
              cxaudit rules --grade major
              cxaudit rules --ruleset Rulesets/cx-starter.xml --kind trend
              cxaudit rules --edition 2026  # ISO 9001:2026 clause numbers (provisional)

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

    @Option(
        help: ArgumentHelp(
            "Show each rule's clause in this edition (a year such as 2026, or a name such as 'ISO 9001:2008'), from the crosswalk.",
            valueName: "edition"))
    var edition: String?

    func run() throws {
        let locator = try AuthoringSupport.locate()
        let (rulesets, complete) = try selection.load(locator)
        let filter = RuleFilter(clause: clause, grade: grade, kind: kind, evidenceType: evidenceType)
        var sections: [String] = []
        var ruleCount = 0
        for ruleset in rulesets {
            let entries = ruleset.listing(matching: filter)
            let editionView = edition.map { EditionView(ruleset: ruleset, edition: $0) }
            let rows = entries.map { entry -> [String] in
                switch entry {
                case let .rule(rule):
                    ruleCount += 1
                    let clause = ruleset.clauses.first { $0.number == rule.clause }
                    return [rule.clause] + (editionView.map { [$0.numbers(of: clause)] } ?? []) + [
                        rule.id, rule.grade.rawValue, rule.check.kind.rawValue,
                        Array(Set(rule.check.evidenceTypes)).sorted().joined(separator: ", "), rule.title,
                    ]
                case let .notCovered(clause, reason):
                    return [clause.number] + (editionView.map { [$0.numbers(of: clause)] } ?? [])
                        + ["-", "-", "not covered", "-", "\(clause.title): \(reason)"]
                }
            }
            let heading = "\(ruleset.id) \(ruleset.version)  \(ruleset.title)  (\(ruleset.file))"
            let header = ["CLAUSE"] + (editionView.map { [$0.columnTitle] } ?? []) + ["RULE", "GRADE", "CHECK", "EVIDENCE", "TITLE"]
            let body = rows.isEmpty ? ["  no rule matches"] : Self.table([header] + rows)
            sections.append(([heading] + (rows.isEmpty ? [] : editionView?.legend ?? []) + body).joined(separator: "\n"))
        }
        sections.append("\(AuthoringSupport.counted(ruleCount, "rule")) in \(AuthoringSupport.counted(rulesets.count, "ruleset"))")
        AuthoringSupport.print(sections.joined(separator: "\n\n"))
        if !complete { throw ExitStatus.incomplete }
    }

    /// A ruleset's clauses as numbered in another edition: the crosswalk entries to it, or
    /// the clause itself when the ruleset's own standard is of that edition.
    struct EditionView {
        let ruleset: Ruleset
        let edition: String
        /// True when the ruleset's own standard is the edition asked for.
        let isOwn: Bool
        /// True when some crosswalk entry of the ruleset is to the edition.
        let isMapped: Bool

        init(ruleset: Ruleset, edition: String) {
            self.ruleset = ruleset
            // `ISO 9001:2008` is named by its year in the column, as `--edition 2008` names it.
            self.edition = ruleset.clauses.lazy.flatMap { $0.crosswalk(toEdition: edition) }.first?.edition ?? edition
            let edition = self.edition
            isOwn = ruleset.standards.contains { $0.edition == edition || $0.title.lowercased().hasPrefix(edition.lowercased()) }
            isMapped = ruleset.clauses.contains { !$0.crosswalk(toEdition: edition).isEmpty }
        }

        /// `IN 2026` (or the edition as given when it is not a year).
        var columnTitle: String {
            "IN \(edition.uppercased())"
        }

        /// `6.1.2 6.1.3*`: the clause's numbers in the edition, `*` marking provisional ones; `-` when unmapped.
        func numbers(of clause: Clause?) -> String {
            guard let clause else { return "-" }
            let entries = clause.crosswalk(toEdition: edition)
            if entries.isEmpty { return isOwn ? clause.number : "-" }
            return entries.map { entry in
                entry.clauses.joined(separator: " ") + (entry.status == .provisional ? "*" : "")
            }.joined(separator: " ")
        }

        /// What the column is read from, and what a `*` means.
        var legend: [String] {
            let entries = ruleset.clauses.flatMap { $0.crosswalk(toEdition: edition) }
            guard isMapped else {
                return ["  " + (isOwn ? "Edition \(edition): the ruleset's own clauses." : "No crosswalk to edition \(edition): the column is empty.")]
            }
            let standards = Array(Set(entries.map(\.standard))).sorted().joined(separator: ", ")
            var lines = ["  Edition \(edition): \(standards), from the ruleset's crosswalk."]
            var sources: [String] = []
            for id in entries.filter({ $0.status == .provisional }).compactMap(\.source) where !sources.contains(id) {
                sources.append(id)
            }
            if entries.contains(where: { $0.status == .provisional }) {
                let described = sources.map { id in " Source (\(id))" + (ruleset.crosswalkSource(id).map { ": " + $0.description } ?? ".") }
                lines.append(
                    AuthoringSupport.wrap(
                        "* provisional: taken from a draft, to be checked against the published text." + described.joined(),
                        indent: 2, hanging: 4))
            }
            return lines
        }
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

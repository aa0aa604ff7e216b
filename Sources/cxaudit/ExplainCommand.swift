import ArgumentParser
import AuditEngine
import AuditEvidence
import AuditModel
import Foundation

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain one rule: its clause, what it reads and checks, its parameters, how to pass.",
        discussion: """
            Prints the clause the rule belongs to and its paraphrased intent, why the rule \
            exists, when it applies, the evidence types it reads, the check in plain words \
            (generated from the ruleset, so it says exactly what is evaluated), the \
            parameters it uses with the values in force, and how to pass.

            The rule is looked up in every selected ruleset (default: every ruleset shipped \
            in Rulesets/); a rule id found in several is explained once per ruleset. With \
            --profile, parameter values and deselections are the profile's.

            Examples:
              cxaudit explain CX-9.3-01
              cxaudit explain ISO9001-9.1.2-02 \\
                --profile Rulesets/profiles/iso9001-small-organization.xml

            Exit status:
              0  the rule was explained
              2  no selected ruleset has the rule, a ruleset or profile
                 cannot be loaded, or a usage error
            """
    )

    @Argument(
        help: ArgumentHelp("The rule id, e.g. CX-9.3-01 (`cxaudit rules` lists them).", valueName: "rule-id"),
        completion: .custom { _, _, _ in ExplainCommand.shippedRuleIds() })
    var ruleId: String

    @OptionGroup var selection: RulesetSelection

    @Option(
        help: ArgumentHelp("A profile (tailoring) whose parameter values and deselections apply.", valueName: "file"),
        completion: .file(extensions: ["xml"]))
    var profile: String?

    func run() throws {
        let locator = try AuthoringSupport.locate()
        let (rulesets, complete) = try selection.load(locator)
        var tailoring: Profile?
        if let profile {
            let url = URL(fileURLWithPath: profile)
            let profileLoader = try AuthoringSupport.orExit { () throws(RulesetError) in try ProfileLoader(schema: locator.profileSchema) }
            tailoring = try AuthoringSupport.orExit { () throws(RulesetError) in
                try profileLoader.load(locator.find(url, kind: "profile", displayName: profile), for: rulesets, displayName: CheckCommand.displayPath(url))
            }
        }
        let explanations = rulesets.compactMap { ruleset in
            RuleDescriber(ruleset: ruleset, profile: tailoring.flatMap { $0.rulesetId == ruleset.id ? $0 : nil }).explain(ruleId: ruleId)
        }
        guard !explanations.isEmpty else {
            let similar = NameSuggestion.ranked(ruleId, among: rulesets.flatMap(\.rules).map(\.id))
            let hint = similar.isEmpty ? " `cxaudit rules` lists the rule ids." : " Did you mean \(similar.joined(separator: ", "))?"
            CheckCommand.printError(
                "error: no rule '\(ruleId)' in \(rulesets.map(\.file).joined(separator: ", ")).\(hint)")
            throw ExitStatus.incomplete
        }
        AuthoringSupport.print(explanations.map(Self.render).joined(separator: "\n\n"))
        if !complete { throw ExitStatus.incomplete }
    }

    /// The explanation as text, each section headed and wrapped at 80 columns.
    static func render(_ explanation: RuleExplanation) -> String {
        func section(_ title: String, _ paragraphs: [String]) -> String {
            ([title] + paragraphs.map { AuthoringSupport.wrap($0, indent: 2, hanging: $0.hasPrefix("- ") ? 4 : 2) }).joined(separator: "\n")
        }
        func bullets(_ items: [String]) -> [String] {
            items.map { "- " + $0 }
        }
        let clause = explanation.clause
        var sections = [
            "\(explanation.ruleId)  \(explanation.title)",
            section(
                "Where it comes from",
                [
                    "Ruleset \(explanation.rulesetId) \(explanation.rulesetVersion) (\(explanation.location)).",
                    "Clause \(clause.number) \(clause.title)" + (clause.standard.map { ", \($0)" } ?? "") + ".",
                ]),
            section("What the clause asks (our paraphrase)", [clause.intent]),
        ]
        if !clause.crosswalk.isEmpty {
            sections.append(section("In other editions", bullets(clause.crosswalk)))
        }
        sections += [
            section("Why the rule exists", [explanation.rationale]),
            section(
                "When it fails",
                ["Graded \(explanation.grade.rawValue): \(explanation.grade.title.lowercased())."]),
            section(
                "When it applies",
                [explanation.applicability ?? "Always."] + (explanation.deselection.map { [$0 + " (reported as not checked)."] } ?? [])),
            section(
                "Evidence it looks at",
                bullets(explanation.evidence.map { "\($0.type): \($0.description ?? "(not declared in the ruleset)")" })),
            section(
                "The check",
                [explanation.check.summary] + bullets(explanation.check.steps) + [explanation.check.outcome]),
        ]
        if !explanation.parameters.isEmpty {
            sections.append(
                section(
                    "Parameters",
                    bullets(
                        explanation.parameters.map { parameter in
                            let origin = parameter.setBy.map { "set by profile \($0); default \(parameter.defaultValue)" } ?? "default"
                            let reading = parameter.reading == parameter.value ? "" : ", \(parameter.reading)"
                            return "$\(parameter.name) = \(parameter.value) (\(parameter.type.rawValue)\(reading), \(origin)): \(parameter.description)"
                        })))
        }
        sections.append(section("How to pass", bullets(explanation.howToPass)))
        if !explanation.references.isEmpty || !explanation.profileReferences.isEmpty {
            sections.append(section("References", bullets(explanation.references + explanation.profileReferences)))
        }
        return sections.joined(separator: "\n\n")
    }

    /// Rule ids of every shipped ruleset, for shell completion.
    static func shippedRuleIds() -> [String] {
        guard let locator = ResourceLocator.locate(), let loader = try? RulesetLoader(schema: locator.rulesetSchema) else { return [] }
        return locator.shippedRulesets.flatMap { url in (try? loader.load(url))?.rules.map(\.id) ?? [] }
    }
}

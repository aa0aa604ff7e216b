public import AuditModel
import CalendarDates

/// Explains rules in plain words, generated from the model so that `explain` says
/// exactly what the engine evaluates, for every kind of check.
public struct RuleDescriber: Sendable {
    /// The ruleset whose parameters and evidence-type declarations the explanations use.
    public let ruleset: Ruleset
    /// A tailoring of the ruleset, whose parameter values and deselections are the ones in force.
    public let profile: Profile?
    private let values: [String: ParameterValue]

    /// - Parameters:
    ///   - ruleset: The ruleset the explained rules belong to.
    ///   - profile: A profile of that ruleset, already checked against it by `ProfileLoader`.
    public init(ruleset: Ruleset, profile: Profile? = nil) {
        self.ruleset = ruleset
        self.profile = profile
        values = ParameterBindings(ruleset: ruleset, profile: profile).values
    }

    /// Explains the rule with id `ruleId`, or returns nil when the ruleset has none.
    public func explain(ruleId: String) -> RuleExplanation? {
        for clause in ruleset.clauses {
            if let rule = clause.rules.first(where: { $0.id == ruleId }) {
                return explain(rule, in: clause)
            }
        }
        return nil
    }

    /// Explains `rule`, which belongs to `clause`.
    public func explain(_ rule: Rule, in clause: Clause) -> RuleExplanation {
        let used = rule.parameterNames(in: ruleset)
        let declarations = Dictionary(ruleset.evidenceTypes.map { ($0.id, $0.description) }, uniquingKeysWith: { first, _ in first })
        var seen = Set<String>()
        let types = rule.check.evidenceTypes.filter { seen.insert($0).inserted }
        let standard = clause.standard.map { id in ruleset.standards.first { $0.id == id }?.title ?? id }
        return RuleExplanation(
            rulesetId: ruleset.id, rulesetVersion: ruleset.version, rulesetTitle: ruleset.title, location: rule.location,
            clause: RuleExplanation.ClauseText(
                number: clause.number, title: clause.title, standard: standard, intent: clause.intent,
                crosswalk: clause.crosswalk.map(crosswalkLine)),
            ruleId: rule.id, title: rule.title, grade: rule.grade, rationale: rule.rationale, references: rule.references,
            applicability: rule.applicability.map { applicability in
                "Only when: \(applicability.description) (tested on the evidence register: `\(applicability.test.expression)`). Otherwise the result is \u{201C}not applicable\u{201D}."
            },
            deselection: profile.flatMap { profile in
                profile.deselectionReason(rule: rule.id, clause: clause.number).map { "Deselected by profile \(profile.id): \($0)" }
            },
            evidence: types.map { RuleExplanation.EvidenceTypeText(type: $0, description: declarations[$0]) },
            check: describe(rule.check),
            parameters: ruleset.parameters.filter { used.contains($0.name) }.map { parameter in
                let value = values[parameter.name] ?? parameter.defaultValue
                return RuleExplanation.ParameterText(
                    name: parameter.name, type: parameter.type, value: value.text, reading: Self.reading(value),
                    defaultValue: parameter.defaultValue.text, setBy: value == parameter.defaultValue ? nil : profile?.id,
                    description: parameter.description)
            },
            howToPass: howToPass(rule.check) + ["Remediation given by the ruleset: \(rule.remediation)"],
            profileReferences: profile.map { profile in
                profile.settings.contains { used.contains($0.name) } ? profile.references.map { "\($0) (profile \(profile.id))" } : []
            } ?? [])
    }

    /// `ISO 9001:2026: 6.1.2, 6.1.3, provisional. Source (iso9001-2026-draft): …`.
    private func crosswalkLine(_ entry: Crosswalk) -> String {
        var line = "\(entry.standard): \(entry.clauses.joined(separator: ", ")), \(entry.status.rawValue)."
        if let note = entry.note { line += " " + Self.sentence(note) }
        if let id = entry.source {
            line += " Source (\(id))" + (ruleset.crosswalkSource(id).map { ": " + Self.sentence($0.description) } ?? ".")
        }
        return line
    }

    /// The text ending with a full stop.
    private static func sentence(_ text: String) -> String {
        text.hasSuffix(".") ? text : text + "."
    }

    /// The check in plain words.
    public func describe(_ check: RuleCheck) -> CheckDescription {
        check.definition.describe(check, self) ?? CheckDescription(kind: check.kind, summary: "", steps: [], outcome: "")
    }

    private func howToPass(_ check: RuleCheck) -> [String] {
        check.definition.howToPass(check, self)
    }

    /// How a failure is stated, when the check has its own message.
    func failureStatement(_ message: MessageTemplate?) -> [String] {
        message.map { ["States a failure as: \u{201C}\($0.text)\u{201D}"] } ?? []
    }

    /// What happens when the register has no item of the types.
    func noEvidence(_ types: [String]) -> String {
        let names = types.map { "`\($0)`" }.joined(separator: " or no ")
        return "When the register lists no \(names) item, the rule fails with \u{201C}No evidence\u{201D}."
    }

    /// A value attribute as read: a literal in words, or `$name (currently …)`.
    func reading(_ reference: ValueReference, _ type: ParameterType) -> String {
        switch reference {
        case let .literal(text):
            return type.parse(text).map(Self.reading) ?? text
        case let .parameter(name):
            guard let value = values[name] else { return "$\(name)" }
            return "$\(name) (currently \(Self.reading(value)))"
        }
    }

    /// A parameter value as a person reads it: durations spelled out, percentages with `%`.
    static func reading(_ value: ParameterValue) -> String {
        switch value {
        case let .duration(duration): return duration.spelledOut
        case .percentage: return value.text + "%"
        default: return value.text
        }
    }
}

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
                crosswalk: clause.crosswalk.map { "\($0.standard) \($0.clauses.joined(separator: ", "))" }),
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
            howToPass: howToPass(rule.check) + ["Remediation given by the ruleset: \(rule.remediation)"])
    }

    /// The check in plain words.
    public func describe(_ check: RuleCheck) -> CheckDescription {
        switch check {
        case let .presence(presence):
            let summary = presence.within.map { within in
                "Counts the `\(presence.evidenceType)` items in the evidence register dated within \(reading(within, .duration)) before the audit date (an item's date, else the end of its period); file contents are not read."
            } ?? "Counts every `\(presence.evidenceType)` item in the evidence register dated on or before the audit date, undated items included; file contents are not read."
            return CheckDescription(
                kind: .presence, summary: summary, steps: failureStatement(presence.message),
                outcome: "One result for the rule as a whole: pass when there are at least \(reading(presence.minimum, .integer)); otherwise fail, with one finding.")
        case let .freshness(freshness):
            return CheckDescription(
                kind: .freshness,
                summary: "Finds the newest `\(freshness.evidenceType)` item in the evidence register dated on or before the audit date (an item's date, else the end of its period); file contents are not read.",
                steps: failureStatement(freshness.message),
                outcome: "One result, naming the newest item: pass when it is dated no more than \(reading(freshness.maxAge, .duration)) before the audit date; otherwise fail, with one finding (also when no item is dated).")
        case let .records(records):
            let identified = records.key.map { ", identified by `\($0.expression)`," } ?? ""
            var steps = records.bindings.map { "Computes \($0.name) = `\($0.value.expression)`." }
            steps += records.assertions.map { assertion in
                let wanted = assertion.form == .assert ? "true" : "false"
                let graded = assertion.grade.map { " graded \($0.rawValue)" } ?? ""
                return "Requires `\(assertion.test.expression)` to be \(wanted); otherwise a finding\(graded): \u{201C}\(assertion.message.text)\u{201D}"
            }
            return CheckDescription(
                kind: .records,
                summary: "For each record selected by `\(records.select.expression)` in every `\(records.evidenceType)` item\(identified) checks the conditions below with the record as context.",
                steps: steps,
                outcome: "One result per `\(records.evidenceType)` item: pass when every record meets every condition (selecting no record is a pass); otherwise fail, with one finding per failing record and condition. \(noEvidence([records.evidenceType]))")
        case let .aggregate(aggregate):
            let steps = aggregate.measures.map { "Computes \($0.name) = `\($0.value.expression)`." }
                + aggregate.expectations.map { "Expects `\($0.test.expression)`; otherwise a finding: \u{201C}\($0.message.text)\u{201D}" }
            return CheckDescription(
                kind: .aggregate,
                summary: "For every `\(aggregate.evidenceType)` item, computes the measures below over the item's document and tests the expectations.",
                steps: steps,
                outcome: "One result per `\(aggregate.evidenceType)` item: pass when every expectation holds; otherwise fail, with one finding per unmet expectation. \(noEvidence([aggregate.evidenceType]))")
        case let .trend(trend):
            return describe(trend)
        case let .crossReference(reference):
            var steps: [String] = []
            if let recordKey = reference.recordKey {
                steps.append("Identifies each referencing record by `\(recordKey.expression)`.")
            }
            steps.append("Compares keys exactly, after trimming white space; an empty reference never resolves.")
            steps += reference.message.map { ["States each unresolved reference as: \u{201C}\($0.text)\u{201D}"] } ?? []
            return CheckDescription(
                kind: .crossReference,
                summary: "For each record selected by `\(reference.select.expression)` in every `\(reference.evidenceType)` item, takes its reference `\(reference.key.expression)` and looks it up among the keys `\(reference.targetKey.expression)` of the records selected by `\(reference.targetSelect.expression)` in every `\(reference.targetType)` item.",
                steps: steps,
                outcome: "One result per `\(reference.evidenceType)` item: pass when every reference resolves; otherwise fail, with one finding per unresolved reference. \(noEvidence([reference.evidenceType, reference.targetType]))")
        }
    }

    private func describe(_ trend: TrendCheck) -> CheckDescription {
        let source = trend.select.map { "`\(trend.value.expression)` of each record selected by `\($0.expression)`" }
            ?? "`\(trend.value.expression)` of each item's document"
        let dated = trend.date.map { "dated by `\($0.expression)`" } ?? "dated by the item's date in the register"
        let period = reading(trend.period, .string)
        var steps = ["Keeps the most recent \(reading(trend.window, .integer)) periods."]
        if trend.aggregate == .count || trend.aggregate == .sum {
            steps.append(
                "Leaves out periods the evidence covers only in part (the month a log starts in, the period still running): their \(Self.words(trend.aggregate)) would not be comparable.")
        }
        steps.append("Fits a least-squares line through the values per period; its slope is the trend.")
        steps.append("The slope \(requirement(trend)).")
        steps += failureStatement(trend.message)
        return CheckDescription(
            kind: .trend,
            summary: "Over all `\(trend.evidenceType)` items together, takes \(source), \(dated), groups the values by \(period) and takes the \(Self.words(trend.aggregate)) per period.",
            steps: steps,
            outcome: "One result for the rule as a whole: pass when the slope meets the requirement; otherwise fail, with one finding (also when fewer than 2 periods have data). If any `\(trend.evidenceType)` item cannot be read, the result is an error. \(noEvidence([trend.evidenceType]))")
    }

    private func requirement(_ trend: TrendCheck) -> String {
        let better = trend.better == .higher ? "higher is better" : "lower is better"
        switch trend.requirement {
        case .notDeclining:
            return "must not move in the wrong direction (\(better)) by more than \(reading(trend.tolerance, .decimal)) per period"
        case .improving:
            return "must move in the right direction (\(better)) by more than \(reading(trend.tolerance, .decimal)) per period"
        }
    }

    private func howToPass(_ check: RuleCheck) -> [String] {
        switch check {
        case let .presence(presence):
            let window = presence.within.map { " dated within \(reading($0, .duration)) before the audit date" } ?? ""
            return ["Have at least \(reading(presence.minimum, .integer)) `\(presence.evidenceType)` item(s) in the evidence register\(window)."]
        case let .freshness(freshness):
            return [
                "Have a `\(freshness.evidenceType)` item in the evidence register dated no more than \(reading(freshness.maxAge, .duration)) before the audit date."
            ]
        case let .records(records):
            return [
                "Make every record selected by `\(records.select.expression)` in every `\(records.evidenceType)` item meet the \(records.assertions.count) condition(s) above, and register at least one `\(records.evidenceType)` item."
            ]
        case let .aggregate(aggregate):
            return [
                "Make every expectation above hold in every `\(aggregate.evidenceType)` item, and register at least one `\(aggregate.evidenceType)` item."
            ]
        case let .trend(trend):
            let direction = trend.requirement == .improving ? "improve" : "not get worse"
            return [
                "Have data in at least 2 periods, and make the \(Self.words(trend.aggregate)) per \(reading(trend.period, .string)) \(direction) over the last \(reading(trend.window, .integer)) periods: the slope \(requirement(trend))."
            ]
        case let .crossReference(reference):
            return [
                "Give every selected `\(reference.evidenceType)` record a non-empty `\(reference.key.expression)` equal to the `\(reference.targetKey.expression)` of a record in a `\(reference.targetType)` item: correct the reference, or add the missing `\(reference.targetType)` record."
            ]
        }
    }

    private func failureStatement(_ message: MessageTemplate?) -> [String] {
        message.map { ["States a failure as: \u{201C}\($0.text)\u{201D}"] } ?? []
    }

    private func noEvidence(_ types: [String]) -> String {
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

    private static func words(_ aggregate: TrendCheck.Aggregate) -> String {
        switch aggregate {
        case .avg: return "average"
        case .sum: return "sum"
        case .count: return "count"
        case .min: return "minimum"
        case .max: return "maximum"
        case .median: return "median"
        }
    }
}

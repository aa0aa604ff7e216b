import AuditEvidence
import AuditModel
import LibXML

/// `<presence>`: at least `min` items of a type in the register, dated within `within`.
enum PresenceCheckKind: CheckKindDefinition {
    static let kind = CheckKind.presence

    static func unwrap(_ check: RuleCheck) -> PresenceCheck? {
        if case let .presence(check) = check { return check }
        return nil
    }

    static func read(_ element: XMLNode, _ reader: CheckElementReader) -> RuleCheck {
        .presence(
            PresenceCheck(
                evidenceType: reader.attribute(element, "evidence"), minimum: ValueReference(element.attribute("min") ?? "1"),
                within: element.attribute("within").map(ValueReference.init), message: reader.messageTemplate(element)))
    }

    static let variables: Set<String> = ["count", "min", "within", "newest"]

    static func validate(_ check: PresenceCheck, _ validation: inout RuleValidation) {
        validation.value(check.minimum, [.integer], "min", valid: RuleValidation.isCount)
        validation.value(check.within, [.duration], "within", valid: RuleValidation.isDuration)
        validation.message(check.message, validation.parameters.union(variables))
    }

    static func expressions(_ check: PresenceCheck, on type: String?) -> [XPathText] { [] }
    static func messages(_ check: PresenceCheck) -> [MessageTemplate] { check.message.map { [$0] } ?? [] }
    static let rendersMessagesOnItems = false
    static func values(_ check: PresenceCheck) -> [ValueReference] { [check.minimum] + (check.within.map { [$0] } ?? []) }

    static let readsItems = false

    static func partials(_ check: PresenceCheck, rule: RuleContext, item: LoadedItem) -> [ItemOutcome.Partial] { [] }

    static func combine(_ check: PresenceCheck, _ evidence: RuleEvidence) throws -> ([RuleResult], [Finding]) {
        let (result, findings) = try PresenceCheckEvaluator.evaluate(
            check, rule: evidence.rule, items: evidence.items(ofType: check.evidenceType), register: evidence.register.document)
        return ([result], findings)
    }

    static func describe(_ check: PresenceCheck, _ describer: RuleDescriber) -> CheckDescription {
        let summary = check.within.map { within in
            "Counts the `\(check.evidenceType)` items in the evidence register dated within \(describer.reading(within, .duration)) before the audit date (an item's date, else the end of its period); file contents are not read."
        } ?? "Counts every `\(check.evidenceType)` item in the evidence register dated on or before the audit date, undated items included; file contents are not read."
        return CheckDescription(
            kind: kind, summary: summary, steps: describer.failureStatement(check.message),
            outcome: "One result for the rule as a whole: pass when there are at least \(describer.reading(check.minimum, .integer)); otherwise fail, with one finding.")
    }

    static func howToPass(_ check: PresenceCheck, _ describer: RuleDescriber) -> [String] {
        let window = check.within.map { " dated within \(describer.reading($0, .duration)) before the audit date" } ?? ""
        return ["Have at least \(describer.reading(check.minimum, .integer)) `\(check.evidenceType)` item(s) in the evidence register\(window)."]
    }

    static let examples = [
        CheckExample(
            description: "two survey waves within a year pass; one is too few", check: #"<presence evidence="survey" min="2" within="P12M"/>"#,
            items: [CheckExample.Item(id: "S1", type: "survey", file: "s1.xml", format: "xml", date: "2026-02-01")],
            files: ["s1.xml": "<survey/>"], expected: [.fail], findings: 1),
        CheckExample(
            description: "two waves within a year", check: #"<presence evidence="survey" min="2" within="P12M"/>"#,
            items: [
                CheckExample.Item(id: "S1", type: "survey", file: "s1.xml", format: "xml", date: "2026-02-01"),
                CheckExample.Item(id: "S2", type: "survey", file: "s2.xml", format: "xml", date: "2025-09-01"),
            ],
            files: ["s1.xml": "<survey/>", "s2.xml": "<survey/>"], expected: [.pass], findings: 0),
    ]
}

import AuditEvidence
import AuditModel
import LibXML

/// `<freshness>`: the newest item of a type is no older than `max-age`.
enum FreshnessCheckKind: CheckKindDefinition {
    static let kind = CheckKind.freshness

    static func unwrap(_ check: RuleCheck) -> FreshnessCheck? {
        if case let .freshness(check) = check { return check }
        return nil
    }

    static func read(_ element: XMLNode, _ reader: CheckElementReader) -> RuleCheck {
        .freshness(
            FreshnessCheck(
                evidenceType: reader.attribute(element, "evidence"), maxAge: ValueReference(reader.attribute(element, "max-age")),
                message: reader.messageTemplate(element)))
    }

    static let variables: Set<String> = ["newest", "age-days", "max-age", "item"]

    static func validate(_ check: FreshnessCheck, _ validation: inout RuleValidation) {
        validation.value(check.maxAge, [.duration], "max-age", valid: RuleValidation.isDuration)
        validation.message(check.message, validation.parameters.union(variables))
    }

    static func expressions(_ check: FreshnessCheck, on type: String?) -> [XPathText] { [] }
    static func messages(_ check: FreshnessCheck) -> [MessageTemplate] { check.message.map { [$0] } ?? [] }
    static let rendersMessagesOnItems = false
    static func values(_ check: FreshnessCheck) -> [ValueReference] { [check.maxAge] }

    static let readsItems = false

    static func partials(_ check: FreshnessCheck, rule: RuleContext, item: LoadedItem) -> [ItemOutcome.Partial] { [] }

    static func combine(_ check: FreshnessCheck, _ evidence: RuleEvidence) throws -> ([RuleResult], [Finding]) {
        let (result, findings) = try FreshnessCheckEvaluator.evaluate(
            check, rule: evidence.rule, items: evidence.items(ofType: check.evidenceType), register: evidence.register.document)
        return ([result], findings)
    }

    static func describe(_ check: FreshnessCheck, _ describer: RuleDescriber) -> CheckDescription {
        CheckDescription(
            kind: kind,
            summary: "Finds the newest `\(check.evidenceType)` item in the evidence register dated on or before the audit date (an item's date, else the end of its period); file contents are not read.",
            steps: describer.failureStatement(check.message),
            outcome: "One result, naming the newest item: pass when it is dated no more than \(describer.reading(check.maxAge, .duration)) before the audit date; otherwise fail, with one finding (also when no item is dated).")
    }

    static func howToPass(_ check: FreshnessCheck, _ describer: RuleDescriber) -> [String] {
        [
            "Have a `\(check.evidenceType)` item in the evidence register dated no more than \(describer.reading(check.maxAge, .duration)) before the audit date."
        ]
    }

    static let examples = [
        CheckExample(
            description: "a review 4 months old passes a 12-month limit", check: #"<freshness evidence="review" max-age="P12M"/>"#,
            items: [CheckExample.Item(id: "R1", type: "review", file: "r.xml", format: "xml", date: "2026-02-27")],
            files: ["r.xml": "<review/>"], expected: [.pass], findings: 0),
        CheckExample(
            description: "a review 18 months old fails it", check: #"<freshness evidence="review" max-age="P12M"/>"#,
            items: [CheckExample.Item(id: "R1", type: "review", file: "r.xml", format: "xml", date: "2024-12-30")],
            files: ["r.xml": "<review/>"], expected: [.fail], findings: 1),
    ]
}

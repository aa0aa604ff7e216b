import AuditModel
import Foundation
import LibXML

/// `<records>`: every record selected in every item of a type satisfies each `assert`
/// and no `report`; one finding per failing record and assertion.
enum RecordsCheckKind: CheckKindDefinition {
    static let kind = CheckKind.records

    static func unwrap(_ check: RuleCheck) -> RecordCheck? {
        if case let .records(check) = check { return check }
        return nil
    }

    static func read(_ element: XMLNode, _ reader: CheckElementReader) -> RuleCheck {
        var assertions: [RecordAssertion] = []
        for child in element.childElements {
            guard let form = RecordAssertion.Form(rawValue: child.localName) else { continue }
            assertions.append(
                RecordAssertion(
                    form: form, test: reader.xpath(child, "test"), message: reader.text(child),
                    grade: child.attribute("grade").flatMap(Grade.init(rawValue:))))
        }
        return .records(
            RecordCheck(
                evidenceType: reader.attribute(element, "evidence"), select: reader.xpath(element, "select"),
                key: reader.optionalXPath(element, "key"), bindings: reader.bindings(element), assertions: assertions))
    }

    static let variables: Set<String> = ["record-key", "item"]

    static func validate(_ check: RecordCheck, _ validation: inout RuleValidation) {
        validation.xpath(check.select, validation.parameters, "select")
        validation.xpath(check.key, validation.parameters, "key")
        let bound = validation.bindings(check.bindings, validation.parameters.union(variables))
        for assertion in check.assertions {
            validation.xpath(assertion.test, bound, "\(assertion.form.rawValue) test")
            validation.message(assertion.message, bound)
        }
    }

    static func expressions(_ check: RecordCheck, on type: String?) -> [XPathText] {
        [check.select] + (check.key.map { [$0] } ?? []) + check.bindings.map(\.value) + check.assertions.map(\.test)
    }

    static func messages(_ check: RecordCheck) -> [MessageTemplate] { check.assertions.map(\.message) }

    static func partials(_ check: RecordCheck, rule: RuleContext, item: LoadedItem) throws -> [ItemOutcome.Partial] {
        let (result, findings) = try RecordCheckEvaluator.evaluate(check, rule: rule, item: item)
        return [.complete(result, findings)]
    }

    static func combine(_ check: RecordCheck, _ evidence: RuleEvidence) -> ([RuleResult], [Finding]) {
        evidence.resultsPerItem(of: check.evidenceType)
    }

    static func describe(_ check: RecordCheck, _ describer: RuleDescriber) -> CheckDescription {
        let identified = check.key.map { ", identified by `\($0.expression)`," } ?? ""
        var steps = check.bindings.map { "Computes \($0.name) = `\($0.value.expression)`." }
        steps += check.assertions.map { assertion in
            let wanted = assertion.form == .assert ? "true" : "false"
            let graded = assertion.grade.map { " graded \($0.rawValue)" } ?? ""
            return "Requires `\(assertion.test.expression)` to be \(wanted); otherwise a finding\(graded): \u{201C}\(assertion.message.text)\u{201D}"
        }
        return CheckDescription(
            kind: kind,
            summary: "For each record selected by `\(check.select.expression)` in every `\(check.evidenceType)` item\(identified) checks the conditions below with the record as context.",
            steps: steps,
            outcome: "One result per `\(check.evidenceType)` item: pass when every record meets every condition (selecting no record is a pass); otherwise fail, with one finding per failing record and condition. \(describer.noEvidence([check.evidenceType]))")
    }

    static func howToPass(_ check: RecordCheck, _ describer: RuleDescriber) -> [String] {
        [
            "Make every record selected by `\(check.select.expression)` in every `\(check.evidenceType)` item meet the \(check.assertions.count) condition(s) above, and register at least one `\(check.evidenceType)` item."
        ]
    }

    static func lint(_ check: RecordCheck, rule: Rule) -> [LintDiagnostic] {
        guard check.key == nil else { return [] }
        return [
            LintDiagnostic(
                .missingRecordKey, at: rule.checkLocation,
                "rule \(rule.id): the records check has no key, so its findings are identified by record position and change id when rows are added above; add key=\"…\" naming a unique field")
        ]
    }

    static let log = "complaint-id,resolved,root-cause\nC-1,2026-01-10,Printer jam\nC-2,2026-02-20,\nC-3,,\n"
    static let check = """
        <records evidence="complaints-log" select="/table/record[resolved != '']" key="complaint-id">
          <assert test="root-cause != ''">Complaint {complaint-id} was closed without a root cause.</assert>
        </records>
        """
    static let examples = [
        CheckExample(
            description: "a closed complaint without a root cause fails its record", check: check,
            items: [CheckExample.Item(id: "CL", type: "complaints-log", file: "log.csv", format: "csv", date: "2026-06-01")],
            files: ["log.csv": log], expected: [.fail], findings: 1),
        CheckExample(
            description: "every closed complaint with a root cause passes", check: check,
            items: [CheckExample.Item(id: "CL", type: "complaints-log", file: "log.csv", format: "csv", date: "2026-06-01")],
            files: ["log.csv": log.replacingOccurrences(of: "2026-02-20,", with: "2026-02-20,Courier")], expected: [.pass], findings: 0),
    ]
}

import AuditModel
import LibXML

/// `<cross-reference>`: each key in the records of one type resolves among the keys of
/// the records of another (complaint → corrective action).
enum CrossReferenceCheckKind: CheckKindDefinition {
    static let kind = CheckKind.crossReference

    static func unwrap(_ check: RuleCheck) -> CrossReferenceCheck? {
        if case let .crossReference(check) = check { return check }
        return nil
    }

    static func read(_ element: XMLNode, _ reader: CheckElementReader) -> RuleCheck {
        .crossReference(
            CrossReferenceCheck(
                evidenceType: reader.attribute(element, "evidence"), select: reader.xpath(element, "select"),
                key: reader.xpath(element, "key"), recordKey: reader.optionalXPath(element, "record-key"),
                targetType: reader.attribute(element, "target"), targetSelect: reader.xpath(element, "target-select"),
                targetKey: reader.xpath(element, "target-key"), message: reader.messageTemplate(element)))
    }

    static let variables: Set<String> = ["key", "record-key", "target", "item"]

    static func validate(_ check: CrossReferenceCheck, _ validation: inout RuleValidation) {
        let parameters = validation.parameters
        validation.xpath(check.select, parameters, "select")
        validation.xpath(check.key, parameters, "key")
        validation.xpath(check.recordKey, parameters, "record-key")
        validation.xpath(check.targetSelect, parameters, "target-select")
        validation.xpath(check.targetKey, parameters, "target-key")
        validation.message(check.message, parameters.union(variables))
    }

    static func expressions(_ check: CrossReferenceCheck, on type: String?) -> [XPathText] {
        var expressions: [XPathText] = []
        if type == nil || type == check.evidenceType {
            expressions += [check.select, check.key] + (check.recordKey.map { [$0] } ?? [])
        }
        if type == nil || type == check.targetType { expressions += [check.targetSelect, check.targetKey] }
        return expressions
    }

    static func messages(_ check: CrossReferenceCheck) -> [MessageTemplate] { check.message.map { [$0] } ?? [] }

    static func partials(_ check: CrossReferenceCheck, rule: RuleContext, item: LoadedItem) throws -> [ItemOutcome.Partial] {
        var partials: [ItemOutcome.Partial] = []
        if item.item.type == check.evidenceType {
            partials.append(.references(try CrossReferenceCheckEvaluator.references(check, rule: rule, item: item)))
        }
        if item.item.type == check.targetType {
            partials.append(.targetKeys(try CrossReferenceCheckEvaluator.targetKeys(check, rule: rule, item: item)))
        }
        return partials
    }

    /// One result per referencing item; a target item that could not be read makes the rule an error.
    static func combine(_ check: CrossReferenceCheck, _ evidence: RuleEvidence) -> ([RuleResult], [Finding]) {
        guard !evidence.items(ofType: check.evidenceType).isEmpty else { return evidence.noEvidence(check.evidenceType) }
        guard !evidence.items(ofType: check.targetType).isEmpty else { return evidence.noEvidence(check.targetType) }
        var targets = Set<String>()
        for outcome in evidence.outcomes(ofType: check.targetType) {
            if let loadError = outcome.loadErrorNamingItem {
                return ([evidence.errorResult(nil, loadError)], [])
            }
            for partial in evidence.partials(outcome) {
                if case let .targetKeys(keys) = partial { targets.formUnion(keys) }
                if case let .failed(message) = partial { return ([evidence.errorResult(outcome.item.id, message)], []) }
            }
        }
        var results: [RuleResult] = []
        var findings: [Finding] = []
        for outcome in evidence.outcomes(ofType: check.evidenceType) {
            if let loadError = outcome.loadError {
                results.append(evidence.errorResult(outcome.item.id, loadError))
                continue
            }
            if let shortfall = outcome.shortfall {
                let (shortfallResults, shortfallFindings) = evidence.shortfallResult(outcome, shortfall)
                results += shortfallResults
                findings += shortfallFindings
                continue
            }
            for partial in evidence.partials(outcome) {
                if case let .references(references) = partial {
                    let (result, itemFindings) = CrossReferenceCheckEvaluator.conclude(
                        check, rule: evidence.rule, itemId: outcome.item.id, references: references, targets: targets)
                    results.append(result)
                    findings += itemFindings
                }
                if case let .failed(message) = partial { results.append(evidence.errorResult(outcome.item.id, message)) }
            }
        }
        return (results, findings)
    }

    static func describe(_ check: CrossReferenceCheck, _ describer: RuleDescriber) -> CheckDescription {
        var steps: [String] = []
        if let recordKey = check.recordKey {
            steps.append("Identifies each referencing record by `\(recordKey.expression)`.")
        }
        steps.append("Compares keys exactly, after trimming white space; an empty reference never resolves.")
        steps += check.message.map { ["States each unresolved reference as: \u{201C}\($0.text)\u{201D}"] } ?? []
        return CheckDescription(
            kind: kind,
            summary: "For each record selected by `\(check.select.expression)` in every `\(check.evidenceType)` item, takes its reference `\(check.key.expression)` and looks it up among the keys `\(check.targetKey.expression)` of the records selected by `\(check.targetSelect.expression)` in every `\(check.targetType)` item.",
            steps: steps,
            outcome: "One result per `\(check.evidenceType)` item: pass when every reference resolves; otherwise fail, with one finding per unresolved reference. \(describer.noEvidence([check.evidenceType, check.targetType]))")
    }

    static func howToPass(_ check: CrossReferenceCheck, _ describer: RuleDescriber) -> [String] {
        [
            "Give every selected `\(check.evidenceType)` record a non-empty `\(check.key.expression)` equal to the `\(check.targetKey.expression)` of a record in a `\(check.targetType)` item: correct the reference, or add the missing `\(check.targetType)` record."
        ]
    }

    static func lint(_ check: CrossReferenceCheck, rule: Rule) -> [LintDiagnostic] {
        guard check.recordKey == nil else { return [] }
        return [
            LintDiagnostic(
                .missingRecordKey, at: rule.checkLocation,
                "rule \(rule.id): the cross-reference has no record-key, so its findings are identified by record position and change id when rows are added above; add record-key=\"…\" naming a unique field")
        ]
    }

    static let check = """
        <cross-reference evidence="complaints-log" select="/table/record[capa-ref != '']" key="capa-ref" record-key="complaint-id"
          target="corrective-actions" target-select="/table/record" target-key="capa-id"/>
        """
    static let items = [
        CheckExample.Item(id: "CL", type: "complaints-log", file: "log.csv", format: "csv", date: "2026-06-01"),
        CheckExample.Item(id: "CA", type: "corrective-actions", file: "capa.csv", format: "csv", date: "2026-06-01"),
    ]
    static let examples = [
        CheckExample(
            description: "every corrective-action reference resolves", check: check, items: items,
            files: ["log.csv": "complaint-id,capa-ref\nC-1,CA-7\nC-2,\n", "capa.csv": "capa-id\nCA-7\n"], expected: [.pass], findings: 0),
        CheckExample(
            description: "a reference to a corrective action that is not in the register fails", check: check, items: items,
            files: ["log.csv": "complaint-id,capa-ref\nC-1,CA-7\nC-2,CA-9\n", "capa.csv": "capa-id\nCA-7\n"], expected: [.fail], findings: 1),
    ]
}

import AuditModel
import LibXML

/// `<aggregate>`: measures computed over each item of a type, compared with thresholds.
enum AggregateCheckKind: CheckKindDefinition {
    static let kind = CheckKind.aggregate

    static func unwrap(_ check: RuleCheck) -> AggregateCheck? {
        if case let .aggregate(check) = check { return check }
        return nil
    }

    static func read(_ element: XMLNode, _ reader: CheckElementReader) -> RuleCheck {
        let expectations = element.childElements.filter { $0.localName == "expect" }.map { child in
            Expectation(test: reader.xpath(child, "test"), message: reader.text(child))
        }
        return .aggregate(
            AggregateCheck(evidenceType: reader.attribute(element, "evidence"), measures: reader.bindings(element), expectations: expectations))
    }

    static let variables: Set<String> = ["item"]

    static func validate(_ check: AggregateCheck, _ validation: inout RuleValidation) {
        let bound = validation.bindings(check.measures, validation.parameters.union(variables))
        for expectation in check.expectations {
            validation.xpath(expectation.test, bound, "expect test")
            validation.message(expectation.message, bound)
        }
    }

    static func expressions(_ check: AggregateCheck, on type: String?) -> [XPathText] {
        check.measures.map(\.value) + check.expectations.map(\.test)
    }

    static func messages(_ check: AggregateCheck) -> [MessageTemplate] { check.expectations.map(\.message) }

    static func partials(_ check: AggregateCheck, rule: RuleContext, item: LoadedItem) throws -> [ItemOutcome.Partial] {
        let (result, findings) = try AggregateCheckEvaluator.evaluate(check, rule: rule, item: item)
        return [.complete(result, findings)]
    }

    static func combine(_ check: AggregateCheck, _ evidence: RuleEvidence) -> ([RuleResult], [Finding]) {
        evidence.resultsPerItem(of: check.evidenceType)
    }

    static func describe(_ check: AggregateCheck, _ describer: RuleDescriber) -> CheckDescription {
        let steps = check.measures.map { "Computes \($0.name) = `\($0.value.expression)`." }
            + check.expectations.map { "Expects `\($0.test.expression)`; otherwise a finding: \u{201C}\($0.message.text)\u{201D}" }
        return CheckDescription(
            kind: kind,
            summary: "For every `\(check.evidenceType)` item, computes the measures below over the item's document and tests the expectations.",
            steps: steps,
            outcome: "One result per `\(check.evidenceType)` item: pass when every expectation holds; otherwise fail, with one finding per unmet expectation. \(describer.noEvidence([check.evidenceType]))")
    }

    static func howToPass(_ check: AggregateCheck, _ describer: RuleDescriber) -> [String] {
        ["Make every expectation above hold in every `\(check.evidenceType)` item, and register at least one `\(check.evidenceType)` item."]
    }

    static let check = """
        <aggregate evidence="survey">
          <let name="satisfied" value="count(/survey/response[@csat &gt;= 4]) div count(/survey/response) * 100"/>
          <expect test="$satisfied &gt;= 70">Only {$satisfied}% of respondents are satisfied.</expect>
        </aggregate>
        """
    static let examples = [
        CheckExample(
            description: "three of four satisfied meets 70%", check: check,
            items: [CheckExample.Item(id: "S", type: "survey", file: "s.xml", format: "xml", date: "2026-06-01")],
            files: ["s.xml": #"<survey><response csat="5"/><response csat="4"/><response csat="4"/><response csat="2"/></survey>"#],
            expected: [.pass], findings: 0),
        CheckExample(
            description: "one of two satisfied does not", check: check,
            items: [CheckExample.Item(id: "S", type: "survey", file: "s.xml", format: "xml", date: "2026-06-01")],
            files: ["s.xml": #"<survey><response csat="5"/><response csat="1"/></survey>"#], expected: [.fail], findings: 1),
    ]
}

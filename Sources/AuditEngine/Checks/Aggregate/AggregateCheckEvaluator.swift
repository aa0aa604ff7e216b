import AuditEvidence
import AuditModel
import LibXML

/// *Aggregates with thresholds*: measures computed over an item, each expectation
/// must hold. One finding per unmet expectation.
enum AggregateCheckEvaluator {
    static func evaluate(_ check: AggregateCheck, rule: RuleContext, item: LoadedItem) throws(XPathError) -> (RuleResult, [Finding]) {
        let context = rule.xpathContext(over: item.document.document)
        context.setVariable("item", .string(item.item.id))
        var measurements: [Measurement] = []
        for measure in check.measures {
            let value = try context.evaluate(measure.value.expression)
            context.setVariable(measure.name, value.variableValue)
            measurements.append(value.measurement(named: measure.name))
        }
        let factory = rule.factory
        var findings: [Finding] = []
        for (index, expectation) in check.expectations.enumerated() where !(try context.evaluate(expectation.test.expression).boolean) {
            let statement = try MessageRenderer.render(expectation.message, in: context)
            findings.append(
                factory.finding(
                    statement: statement, evidence: item.itemEvidence, measurements: measurements, discriminator: "expect#\(index)"))
        }
        let summary = measurements.map { "\($0.name) = \($0.value)" }.joined(separator: ", ")
        let result = findings.isEmpty
            ? factory.result(
                itemId: item.item.id, status: .pass, statement: "Thresholds met in \(item.item.file): \(summary).",
                measurements: measurements)
            : factory.result(
                itemId: item.item.id, status: .fail, statement: findings.map(\.statement).joined(separator: " "),
                measurements: measurements, findings: findings)
        return (result, findings)
    }
}

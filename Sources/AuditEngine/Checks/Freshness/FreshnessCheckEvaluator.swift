import AuditModel
import CalendarDates
import LibXML

/// *Freshness*: the newest item of a type is no older than `max-age` on the audit date.
enum FreshnessCheckEvaluator {
    static func evaluate(
        _ check: FreshnessCheck, rule: RuleContext, items: [EvidenceItem], register: XMLDocument
    ) throws(XPathError) -> (RuleResult, [Finding]) {
        let asOf = rule.environment.asOf
        let maxAge = rule.parameters.duration(check.maxAge) ?? ISODuration(months: 12)
        let dated = items.filter { ($0.effectiveDate.map { $0 <= asOf }) ?? false }
        let newestItem = dated.max { ($0.effectiveDate ?? asOf) < ($1.effectiveDate ?? asOf) }
        let factory = rule.factory
        guard let newestItem, let newest = newestItem.effectiveDate else {
            let statement = "No dated \(check.evidenceType) item on or before \(asOf) is in the evidence register, so its age cannot be shown."
            let finding = factory.finding(statement: statement, evidence: rule.typeEvidence(), measurements: [])
            return (factory.result(itemId: nil, status: .fail, statement: statement, findings: [finding]), [finding])
        }
        let age = newest.days(to: asOf)
        let measurements = [
            Measurement(name: "newest", value: newest.description),
            Measurement(name: "age-days", value: String(age), number: Double(age)),
            Measurement(name: "max-age", value: maxAge.description),
        ]
        let evidence = ObjectiveEvidence(itemId: newestItem.id, evidenceType: newestItem.type, file: newestItem.file)
        if newest >= asOf.subtracting(maxAge) {
            let statement = "The newest \(check.evidenceType) (\(newestItem.id), \(newest)) is \(age) days old, within \(maxAge.spelledOut)."
            return (factory.result(itemId: newestItem.id, status: .pass, statement: statement, measurements: measurements), [])
        }
        let statement: String
        if let message = check.message {
            let context = rule.xpathContext(over: register)
            context.setVariable("newest", .string(newest.description))
            context.setVariable("age-days", .number(Double(age)))
            context.setVariable("max-age", .string(maxAge.spelledOut))
            context.setVariable("item", .string(newestItem.id))
            statement = try MessageRenderer.render(message, in: context)
        } else {
            statement = "The newest \(check.evidenceType) (\(newestItem.id)) is dated \(newest), \(age) days before \(asOf); it must be no older than \(maxAge.spelledOut)."
        }
        let finding = factory.finding(statement: statement, evidence: evidence, measurements: measurements)
        return (
            factory.result(itemId: newestItem.id, status: .fail, statement: statement, measurements: measurements, findings: [finding]),
            [finding]
        )
    }
}

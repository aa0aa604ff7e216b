import AuditModel
import CalendarDates
import LibXML

/// *Presence*: at least `min` items of a type exist, dated within the look-back window.
enum PresenceCheckEvaluator {
    static func evaluate(
        _ check: PresenceCheck, rule: RuleContext, items: [EvidenceItem], register: XMLDocument
    ) throws(XPathError) -> (RuleResult, [Finding]) {
        let asOf = rule.environment.asOf
        let minimum = rule.parameters.integer(check.minimum) ?? 1
        let within = check.within.flatMap(rule.parameters.duration)
        let counted = items.filter { item in
            guard let within else { return item.effectiveDate.map { $0 <= asOf } ?? true }
            guard let date = item.effectiveDate else { return false }
            return date <= asOf && date >= asOf.subtracting(within)
        }
        let newest = counted.compactMap(\.effectiveDate).max()
        let measurements = [
            Measurement(name: "count", value: String(counted.count), number: Double(counted.count)),
            Measurement(name: "min", value: String(minimum), number: Double(minimum)),
        ] + (within.map { [Measurement(name: "within", value: $0.description)] } ?? [])
        let window = within.map { " dated within \($0.spelledOut) before \(asOf)" } ?? ""
        let factory = rule.factory
        if counted.count >= minimum {
            let statement = "\(counted.count) \(check.evidenceType) item(s)\(window) found; at least \(minimum) required."
            return (factory.result(itemId: nil, status: .pass, statement: statement, measurements: measurements), [])
        }
        let statement: String
        if let message = check.message {
            let context = rule.xpathContext(over: register)
            context.setVariable("count", .number(Double(counted.count)))
            context.setVariable("min", .number(Double(minimum)))
            context.setVariable("within", .string(within?.spelledOut ?? ""))
            context.setVariable("newest", .string(newest?.description ?? ""))
            statement = try MessageRenderer.render(message, in: context)
        } else {
            statement = "Only \(counted.count) \(check.evidenceType) item(s)\(window) are in the evidence register; at least \(minimum) are required."
        }
        let finding = factory.finding(statement: statement, evidence: rule.typeEvidence(), measurements: measurements)
        return (factory.result(itemId: nil, status: .fail, statement: statement, measurements: measurements, findings: [finding]), [finding])
    }
}

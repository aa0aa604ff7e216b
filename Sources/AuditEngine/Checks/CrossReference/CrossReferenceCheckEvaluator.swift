import AuditEvidence
import AuditModel
import LibXML

/// *Cross-references*: keys in records of one type must resolve among the keys of
/// another type (complaint → corrective action). Keys are joined through a hash
/// set, never pairwise.
enum CrossReferenceCheckEvaluator {
    /// A referencing record, with its statement prepared while its document is loaded.
    struct Reference: Sendable {
        let key: String
        let evidence: ObjectiveEvidence
        let statement: String
    }

    /// The referencing half, per item of the source type.
    static func references(_ check: CrossReferenceCheck, rule: RuleContext, item: LoadedItem) throws(XPathError) -> [Reference] {
        let context = rule.xpathContext(over: item.document.document)
        context.setVariable("item", .string(item.item.id))
        context.setVariable("target", .string(check.targetType))
        let records = try context.evaluate(check.select.expression).nodes
        let key = try context.compile(check.key.expression)
        let recordKey = try check.recordKey.map { text throws(XPathError) in try context.compile(text.expression) }
        var references: [Reference] = []
        for record in records {
            let value = try context.evaluate(key, at: record).string.trimmedKey
            let identity = try recordKey.map { compiled throws(XPathError) in try context.evaluate(compiled, at: record).string.trimmedKey }
            context.setVariable("key", .string(value))
            context.setVariable("record-key", .string(identity ?? ""))
            let evidence = item.recordEvidence(record, recordKey: identity)
            let statement: String
            if let message = check.message {
                statement = try MessageRenderer.render(message, in: context, at: record)
            } else {
                let who = identity.map { "Record \($0)" } ?? "The record at \(evidence.file ?? ""):\(evidence.line ?? 0)"
                statement = value.isEmpty
                    ? "\(who) has no reference to \(check.targetType)."
                    : "\(who) refers to \(value), which no \(check.targetType) record has."
            }
            references.append(Reference(key: value, evidence: evidence, statement: statement))
        }
        return references
    }

    /// The referenced half, per item of the target type.
    static func targetKeys(_ check: CrossReferenceCheck, rule: RuleContext, item: LoadedItem) throws(XPathError) -> Set<String> {
        let context = rule.xpathContext(over: item.document.document)
        context.setVariable("item", .string(item.item.id))
        let records = try context.evaluate(check.targetSelect.expression).nodes
        let key = try context.compile(check.targetKey.expression)
        var keys = Set<String>()
        for record in records {
            let value = try context.evaluate(key, at: record).string.trimmedKey
            if !value.isEmpty { keys.insert(value) }
        }
        return keys
    }

    /// Joins one source item's references against every target key.
    static func conclude(
        _ check: CrossReferenceCheck, rule: RuleContext, itemId: String, references: [Reference], targets: Set<String>
    ) -> (RuleResult, [Finding]) {
        let factory = rule.factory
        let unresolved = references.filter { $0.key.isEmpty || !targets.contains($0.key) }
        var occurrences: [String: Int] = [:]
        let findings = unresolved.map { reference in
            let identity = "\(reference.evidence.recordKey ?? reference.evidence.xpath ?? "")\u{1F}\(reference.key)"
            occurrences[identity, default: 0] += 1
            let occurrence = occurrences[identity, default: 1]
            return factory.finding(
                statement: reference.statement, evidence: reference.evidence,
                measurements: [Measurement(name: "key", value: reference.key)],
                discriminator: reference.key + (occurrence > 1 ? "@\(occurrence)" : ""))
        }
        let counts = [
            Measurement(name: "references", value: String(references.count), number: Double(references.count)),
            Measurement(name: "unresolved", value: String(unresolved.count), number: Double(unresolved.count)),
        ]
        if findings.isEmpty {
            return (
                factory.result(
                    itemId: itemId, status: .pass,
                    statement: references.count == 1
                        ? "The 1 reference resolves in \(check.targetType)." : "All \(references.count) references resolve in \(check.targetType).",
                    measurements: counts,
                    recordsChecked: references.count, recordsFailed: 0), []
            )
        }
        return (
            factory.result(
                itemId: itemId, status: .fail,
                statement: "\(unresolved.count) of \(references.count) references do not resolve in \(check.targetType).",
                measurements: counts, recordsChecked: references.count, recordsFailed: unresolved.count, findings: findings),
            findings
        )
    }
}

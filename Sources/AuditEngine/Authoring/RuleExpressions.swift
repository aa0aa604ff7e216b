import AuditModel
import LibXML

/// Everything a rule writes in XPath or as a value attribute, gathered in one place
/// so lint and explain agree on what a rule uses.
extension Rule {
    /// Every XPath expression of the rule: applicability, the check's expressions, and message placeholders.
    var xpathExpressions: [String] {
        var expressions: [XPathText] = applicability.map { [$0.test] } ?? []
        switch check {
        case .presence, .freshness:
            break
        case let .records(records):
            expressions += [records.select] + (records.key.map { [$0] } ?? [])
            expressions += records.bindings.map(\.value) + records.assertions.map(\.test)
        case let .aggregate(aggregate):
            expressions += aggregate.measures.map(\.value) + aggregate.expectations.map(\.test)
        case let .trend(trend):
            expressions += [trend.select, trend.date].compactMap { $0 } + [trend.value]
        case let .crossReference(reference):
            expressions += [reference.select, reference.key, reference.targetSelect, reference.targetKey]
            expressions += reference.recordKey.map { [$0] } ?? []
        }
        let placeholders = messageTemplates.flatMap { template in
            (template.parts ?? []).compactMap { part -> String? in
                if case let .expression(expression) = part { return expression }
                return nil
            }
        }
        return expressions.map(\.expression) + placeholders
    }

    /// The XPath the check evaluates on items of `type` (for cross-references, the
    /// referencing or the target side), with the placeholders of messages rendered on them.
    func checkExpressions(on type: String) -> [String] {
        var expressions: [XPathText]
        switch check {
        case .presence, .freshness:
            return []
        case let .records(records):
            expressions = [records.select] + (records.key.map { [$0] } ?? []) + records.bindings.map(\.value) + records.assertions.map(\.test)
        case let .aggregate(aggregate):
            expressions = aggregate.measures.map(\.value) + aggregate.expectations.map(\.test)
        case let .trend(trend):
            // A trend's message is rendered over the register, not the items.
            return ([trend.select, trend.date].compactMap { $0 } + [trend.value]).map(\.expression)
        case let .crossReference(reference):
            expressions = []
            if type == reference.targetType { expressions += [reference.targetSelect, reference.targetKey] }
            guard type == reference.evidenceType else { return expressions.map(\.expression) }
            expressions += [reference.select, reference.key] + (reference.recordKey.map { [$0] } ?? [])
        }
        let placeholders = messageTemplates.flatMap { template in
            (template.parts ?? []).compactMap { part -> String? in
                if case let .expression(expression) = part { return expression }
                return nil
            }
        }
        return expressions.map(\.expression) + placeholders
    }

    /// The element and attribute names the check reads on items of `type`; nil when an
    /// expression cannot be scanned.
    func namesRead(on type: String) -> XPathNames? {
        var names = XPathNames()
        for expression in checkExpressions(on: type) {
            guard let found = XPathExpressionCheck.referencedNames(in: expression) else { return nil }
            names = names.union(found)
        }
        return names
    }

    /// Whether the check reads `field` of `type`: named in its XPath, or possibly read
    /// through `*`, `node()`, `name()` or `local-name()` (fail closed).
    func reads(_ field: EvidenceContract.Field, of type: String) -> Bool {
        guard let names = namesRead(on: type) else { return true }
        return names.readsUnnamedNodes || (field.isAttribute ? names.attributes : names.elements).contains(field.name)
    }

    /// Every message template of the rule, in document order.
    var messageTemplates: [MessageTemplate] {
        switch check {
        case let .presence(presence): return presence.message.map { [$0] } ?? []
        case let .freshness(freshness): return freshness.message.map { [$0] } ?? []
        case let .records(records): return records.assertions.map(\.message)
        case let .aggregate(aggregate): return aggregate.expectations.map(\.message)
        case let .trend(trend): return trend.message.map { [$0] } ?? []
        case let .crossReference(reference): return reference.message.map { [$0] } ?? []
        }
    }

    /// The check's value attributes (`min`, `within`, `max-age`, `period`, `window`, `tolerance`).
    var valueReferences: [ValueReference] {
        switch check {
        case let .presence(presence): return [presence.minimum] + (presence.within.map { [$0] } ?? [])
        case let .freshness(freshness): return [freshness.maxAge]
        case let .trend(trend): return [trend.period, trend.window, trend.tolerance]
        case .records, .aggregate, .crossReference: return []
        }
    }

    /// Names of the ruleset parameters the rule refers to, as `$name` in XPath or in a value attribute.
    ///
    /// A `let` that shadows a parameter counts as a use: lint would rather miss an
    /// unused parameter than call a used one unused.
    func parameterNames(in ruleset: Ruleset) -> Set<String> {
        var names = Set(xpathExpressions.flatMap { XPathExpressionCheck.referencedVariables(in: $0) })
        for case let .parameter(name) in valueReferences { names.insert(name) }
        return names.intersection(ruleset.parameters.map(\.name))
    }
}

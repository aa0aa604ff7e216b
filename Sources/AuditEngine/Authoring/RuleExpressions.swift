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

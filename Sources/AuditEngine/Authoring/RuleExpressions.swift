import AuditModel
import LibXML

/// Everything a rule writes in XPath or as a value attribute, gathered in one place
/// so lint and explain agree on what a rule uses.
extension Rule {
    /// Every XPath expression of the rule: applicability, the check's expressions, and message placeholders.
    var xpathExpressions: [String] {
        let definition = check.definition
        let expressions = (applicability.map { [$0.test] } ?? []) + definition.expressions(check, on: nil)
        return expressions.map(\.expression) + Self.placeholders(definition.messages(check))
    }

    /// The XPath the check evaluates on items of `type` (for cross-references, the
    /// referencing or the target side), with the placeholders of messages rendered on them.
    func checkExpressions(on type: String) -> [String] {
        let definition = check.definition
        let placeholders = definition.rendersMessagesOnItems && type == check.evidenceType ? Self.placeholders(definition.messages(check)) : []
        return definition.expressions(check, on: type).map(\.expression) + placeholders
    }

    private static func placeholders(_ templates: [MessageTemplate]) -> [String] {
        templates.flatMap { template in
            (template.parts ?? []).compactMap { part -> String? in
                if case let .expression(expression) = part { return expression }
                return nil
            }
        }
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
    var messageTemplates: [MessageTemplate] { check.definition.messages(check) }

    /// The check's value attributes (`min`, `within`, `max-age`, `period`, `window`, `tolerance`).
    var valueReferences: [ValueReference] { check.definition.values(check) }

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

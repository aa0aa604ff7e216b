import AuditEvidence
import AuditModel
import LibXML

/// What evaluating one rule needs besides the evidence: the rule, its clause and
/// ruleset, the effective parameters, and the audit environment.
struct RuleContext: Sendable {
    let ruleset: Ruleset
    let clause: Clause
    let rule: Rule
    let parameters: ParameterBindings
    let environment: XPathEnvironment

    var factory: FindingFactory { FindingFactory(ruleset: ruleset, rule: rule, clause: clause) }

    /// A fresh XPath context over `document` with the ruleset's namespaces and parameters bound.
    func xpathContext(over document: XMLDocument) -> XPathContext {
        var environment = environment
        environment.namespaces = ruleset.namespaces
        let context = XPathContext(document: document, environment: environment)
        parameters.bind(into: context)
        return context
    }

    /// Evidence for a statement about an evidence type as a whole (no single item).
    func typeEvidence(_ type: String? = nil) -> ObjectiveEvidence {
        ObjectiveEvidence(itemId: nil, evidenceType: type ?? rule.check.evidenceType)
    }
}

/// One evidence item, loaded and ready for XPath: the per-item half of evaluation.
struct LoadedItem {
    let item: EvidenceItem
    let document: EvidenceDocument
    let sha256: String
    /// Threads a check may use on this item: more than one when there are fewer items than jobs.
    var workers = 1

    /// Evidence pointing at the item as a whole.
    var itemEvidence: ObjectiveEvidence {
        ObjectiveEvidence(itemId: item.id, evidenceType: item.type, file: item.file, sha256: sha256)
    }

    /// Evidence pointing at one record of the item.
    func recordEvidence(_ node: XMLNode, recordKey: String?, paths: XMLPathCache? = nil) -> ObjectiveEvidence {
        let origin = document.origin(of: node)
        return ObjectiveEvidence(
            itemId: item.id, evidenceType: item.type, file: item.file, line: origin.line,
            recordKey: recordKey.flatMap { $0.isEmpty ? nil : $0 }, xpath: paths?.path(of: node) ?? node.path,
            nativeLocator: origin.nativeLocator, sha256: sha256)
    }
}

extension XPathValue {
    /// The value bound as a variable for later expressions.
    var variableValue: XPathVariableValue {
        switch self {
        case let .nodes(nodes): return .nodes(nodes)
        case let .string(text): return .string(text)
        case let .number(number): return .number(number)
        case let .boolean(flag): return .boolean(flag)
        }
    }

    /// The value as a measurement shown in findings.
    func measurement(named name: String) -> Measurement {
        switch self {
        case let .number(number): return Measurement(name: name, value: XPathValue.format(number), number: number)
        case let .nodes(nodes) where nodes.count == 1:
            return Measurement(name: name, value: string, number: XPathValue.parseNumber(string))
        case let .nodes(nodes):
            return Measurement(name: name, value: "\(nodes.count) nodes", number: Double(nodes.count))
        default: return Measurement(name: name, value: MessageRenderer.display(self))
        }
    }
}

extension String {
    /// White space trimmed at both ends, as keys are compared.
    var trimmedKey: String {
        // Most keys have nothing to trim; telling so by two bytes avoids Unicode property lookups.
        if let first = utf8.first, let last = utf8.last, (0x21..<0x80).contains(first), (0x21..<0x80).contains(last) {
            return self
        }
        var slice = Substring(self)
        while let first = slice.first, first.isWhitespace { slice.removeFirst() }
        while let last = slice.last, last.isWhitespace { slice.removeLast() }
        return String(slice)
    }
}

import AuditModel
import LibXML

/// Lint's view of evidence contracts: every name a rule's XPath reads on an evidence type
/// must be a field of the type's contract or part of the view's structure, and every
/// required field must be read by some rule.
///
/// Names are taken from the XPath's name tests, so what lint sees is exact but partial:
/// an expression that reaches nodes without naming them (`*`, `node()`, `name()`,
/// `local-name()`) may read any field, and its type's fields are not reported as unused.
/// Prefixed names belong to other vocabularies and are not judged.
struct ContractLint {
    let ruleset: Ruleset

    /// Attributes the views put on records and values to locate them in the file.
    static let locatorAttributes: Set<String> = ["line", "number", "pointer", "ref", "row", "index", "name", "key", "null", "original"]

    func diagnostics(reportUnused: Bool) -> [LintDiagnostic] {
        var diagnostics: [LintDiagnostic] = []
        for declaration in ruleset.evidenceTypes {
            guard let contract = declaration.contract else { continue }
            let (elements, attributes) = vocabulary(of: contract)
            var readElements = Set<String>()
            var readAttributes = Set<String>()
            var readsUnnamed = false
            for rule in ruleset.rules where rule.check.evidenceTypes.contains(declaration.id) {
                guard let names = rule.namesRead(on: declaration.id) else { continue }
                readsUnnamed = readsUnnamed || names.readsUnnamedNodes
                readElements.formUnion(names.elements)
                readAttributes.formUnion(names.attributes)
                let unknown = names.elements.subtracting(elements).filter { !$0.contains(":") }.sorted().map { "'\($0)'" }
                    + names.attributes.subtracting(attributes).subtracting(Self.locatorAttributes).filter { !$0.contains(":") }.sorted()
                    .map { "'@\($0)'" }
                for name in unknown {
                    diagnostics.append(
                        LintDiagnostic(
                            .undeclaredField, at: rule.checkLocation,
                            "rule \(rule.id) reads \(name) of evidence type '\(declaration.id)', which its contract (line \(declaration.location.line ?? 0)) does not declare; declare the field, or correct the spelling (a misspelt field reads nothing and can pass on nothing)"))
                }
            }
            guard reportUnused, !readsUnnamed else { continue }
            for recordSet in contract.recordSets {
                for field in recordSet.fields where field.isRequired {
                    let read = field.isAttribute ? readAttributes.contains(field.name) : readElements.contains(field.name)
                    guard !read else { continue }
                    diagnostics.append(
                        LintDiagnostic(
                            .unusedField, at: declaration.location,
                            "evidence type '\(declaration.id)': field '\(field.name)' is required but no rule of this ruleset reads it, so items without it give errors for nothing; make it optional or remove it"))
                }
            }
        }
        return diagnostics
    }

    /// The element and attribute names an item of the contract may hold: its fields and the
    /// names its record sets' locations use (`table`, `record`, `survey`, `response`…).
    private func vocabulary(of contract: EvidenceContract) -> (elements: Set<String>, attributes: Set<String>) {
        var elements: Set<String> = []
        var attributes: Set<String> = []
        for recordSet in contract.recordSets {
            if let names = XPathExpressionCheck.referencedNames(in: recordSet.selectExpression) {
                elements.formUnion(names.elements)
                attributes.formUnion(names.attributes)
            }
            for field in recordSet.fields {
                if field.isAttribute { attributes.insert(field.name) } else { elements.insert(field.name) }
            }
        }
        return (elements, attributes)
    }
}

import AuditModel
import CalendarDates
import LibXML

/// The checks a schema cannot express: unique ids, defined and well-typed
/// parameters, XPath that compiles and refers only to what exists, and message
/// templates with balanced braces.
struct RulesetSemanticCheck {
    let ruleset: Ruleset

    func problems() -> [Diagnostic] {
        var problems: [Diagnostic] = []
        problems += Self.duplicates(ruleset.parameters.map { ($0.name, $0.location) }, what: "parameter")
        problems += Self.duplicates(ruleset.evidenceTypes.map { ($0.id, $0.location) }, what: "evidence type")
        problems += Self.duplicates(ruleset.clauses.map { ($0.number, $0.location) }, what: "clause")
        problems += Self.duplicates(ruleset.rules.map { ($0.id, $0.location) }, what: "rule id")
        problems += Self.duplicates(
            ruleset.crosswalkSources.map { ($0.id, $0.location ?? SourceLocation(file: ruleset.file)) }, what: "crosswalk source")
        for clause in ruleset.clauses {
            problems += check(clause.crosswalk, of: clause)
        }
        if let uri = ruleset.namespaces["cx"] {
            problems.append(
                Diagnostic(
                    location: SourceLocation(file: ruleset.file),
                    message: "namespace prefix 'cx' is reserved for cxaudit's functions (\(XPathEnvironment.functionNamespace)); bind \(uri) to another prefix"))
        }
        for declaration in ruleset.evidenceTypes {
            problems += check(declaration)
        }
        for rule in ruleset.rules {
            problems += check(rule)
        }
        return problems
    }

    /// A contract's fields: unique names and aliases per record set, enumerations with
    /// values and only they, record-set XPath that compiles.
    private func check(_ declaration: EvidenceTypeDeclaration) -> [Diagnostic] {
        guard let contract = declaration.contract else { return [] }
        var problems: [Diagnostic] = []
        func problem(_ message: String) {
            problems.append(Diagnostic(location: declaration.location, message: "evidence type '\(declaration.id)': \(message)"))
        }
        for recordSet in contract.recordSets {
            if case let .select(expression) = recordSet.location {
                for issue in XPathExpressionCheck.problems(in: expression, variables: [], prefixes: prefixes) {
                    problem("records select '\(expression)': \(issue)")
                }
            }
            var owner: [String: String] = [:]
            for field in recordSet.fields {
                if field.type == .enum && field.values.isEmpty {
                    problem("field '\(field.name)' is an enum without values; list them in values=\"…\"")
                }
                if field.type != .enum && !field.values.isEmpty {
                    problem("field '\(field.name)' has values=\"…\" but is of type \(field.type.rawValue); only enum fields take values")
                }
                for name in [field.name] + field.aliases.map(XMLName.sanitized) {
                    if let other = owner[name] {
                        problem(
                            other == field.name
                                ? "field '\(field.name)' is declared twice in its \(recordSet.label), or lists its own name as an alias"
                                : "'\(name)' names both field '\(other)' and field '\(field.name)' (as a name or an alias); a column can be read as one field only")
                    }
                    owner[name] = field.name
                }
            }
        }
        return problems
    }

    /// Each entry names a declared source, and a provisional entry names one: a forecast
    /// from a draft must say which draft, so it can be checked when the edition is published.
    private func check(_ crosswalk: [Crosswalk], of clause: Clause) -> [Diagnostic] {
        crosswalk.compactMap { entry in
            let location = entry.location ?? clause.location
            if let id = entry.source, ruleset.crosswalkSource(id) == nil {
                var declared: [String] = []
                for source in ruleset.crosswalkSources where !declared.contains(source.id) { declared.append(source.id) }
                return Diagnostic(
                    location: location,
                    message: "clause \(clause.number): crosswalk to \(entry.standard) names source '\(id)', which the ruleset does not declare"
                        + (declared.isEmpty ? "; declare it with <crosswalk-source id=\"\(id)\">…</crosswalk-source>" : " (declared: \(declared.joined(separator: ", ")))"))
            }
            if entry.status == .provisional && entry.source == nil {
                return Diagnostic(
                    location: location,
                    message: "clause \(clause.number): crosswalk to \(entry.standard) is provisional but names no source; add source=\"…\" naming the <crosswalk-source> (the draft) it was taken from")
            }
            return nil
        }
    }

    private var prefixes: Set<String> { Set(ruleset.namespaces.keys) }

    static func duplicates(_ entries: [(String, SourceLocation)], what: String) -> [Diagnostic] {
        var firstSeen: [String: SourceLocation] = [:]
        var problems: [Diagnostic] = []
        for (name, location) in entries {
            if let first = firstSeen[name] {
                problems.append(
                    Diagnostic(location: location, message: "duplicate \(what) '\(name)' (first declared at line \(first.line ?? 0))"))
            } else {
                firstSeen[name] = location
            }
        }
        return problems
    }

    /// The rule's applicability, then what its kind of check asks for.
    private func check(_ rule: Rule) -> [Diagnostic] {
        var validation = RuleValidation(rule: rule, ruleset: ruleset)
        validation.xpath(rule.applicability?.test, validation.parameters, "applies-if test")
        rule.check.definition.validate(rule.check, &validation)
        return validation.problems
    }
}

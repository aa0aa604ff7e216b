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
        problems += duplicates(ruleset.parameters.map { ($0.name, $0.location) }, what: "parameter")
        problems += duplicates(ruleset.evidenceTypes.map { ($0.id, $0.location) }, what: "evidence type")
        problems += duplicates(ruleset.clauses.map { ($0.number, $0.location) }, what: "clause")
        problems += duplicates(ruleset.rules.map { ($0.id, $0.location) }, what: "rule id")
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

    private var parameterNames: Set<String> { Set(ruleset.parameters.map(\.name)) }
    private var prefixes: Set<String> { Set(ruleset.namespaces.keys) }

    private func duplicates(_ entries: [(String, SourceLocation)], what: String) -> [Diagnostic] {
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

    private func check(_ rule: Rule) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        let base = parameterNames
        func xpath(_ text: XPathText?, _ variables: Set<String>, _ role: String) {
            guard let text else { return }
            for problem in XPathExpressionCheck.problems(in: text.expression, variables: variables, prefixes: prefixes) {
                problems.append(Diagnostic(location: text.location, message: "rule \(rule.id): \(role) '\(text.expression)': \(problem)"))
            }
        }
        func message(_ template: MessageTemplate?, _ variables: Set<String>) {
            guard let template else { return }
            guard let parts = template.parts else {
                problems.append(
                    Diagnostic(location: template.location, message: "rule \(rule.id): message has an unbalanced '{' or '}' (write {{ or }} for a literal brace)"))
                return
            }
            for case let .expression(expression) in parts {
                xpath(XPathText(expression, location: template.location), variables, "message expression")
            }
        }
        func value(
            _ reference: ValueReference?, _ accepted: [ParameterType], _ role: String, expected: String? = nil,
            valid: (String) -> Bool
        ) {
            guard let reference else { return }
            switch reference {
            case let .parameter(name):
                guard let parameter = ruleset.parameter(named: name) else {
                    problems.append(Diagnostic(location: rule.checkLocation, message: "rule \(rule.id): \(role) refers to undefined parameter $\(name)"))
                    return
                }
                if !accepted.contains(parameter.type) {
                    problems.append(
                        Diagnostic(
                            location: rule.checkLocation,
                            message: "rule \(rule.id): \(role) needs \(accepted.map { Self.article($0.rawValue) }.joined(separator: " or ")) but $\(name) is \(Self.article(parameter.type.rawValue))"))
                }
            case let .literal(text):
                if !valid(text) {
                    let wanted = expected ?? "a valid \(accepted[0].rawValue)\(RulesetReader.example(for: accepted[0]))"
                    problems.append(
                        Diagnostic(location: rule.checkLocation, message: "rule \(rule.id): \(role) '\(text)' is not \(wanted)"))
                }
            }
        }
        let isDuration: (String) -> Bool = { ISODuration(iso: $0) != nil }
        let isCount: (String) -> Bool = { Int($0).map { $0 >= 0 } ?? false }
        let isNumber: (String) -> Bool = { Double($0) != nil }

        xpath(rule.applicability?.test, base, "applies-if test")
        switch rule.check {
        case let .presence(check):
            value(check.minimum, [.integer], "min", valid: isCount)
            value(check.within, [.duration], "within", valid: isDuration)
            message(check.message, base.union(CheckVariables.presence))
        case let .freshness(check):
            value(check.maxAge, [.duration], "max-age", valid: isDuration)
            message(check.message, base.union(CheckVariables.freshness))
        case let .records(check):
            xpath(check.select, base, "select")
            xpath(check.key, base, "key")
            var variables = base.union(CheckVariables.records)
            problems += duplicates(check.bindings.map { ($0.name, $0.value.location) }, what: "let")
            for binding in check.bindings {
                xpath(binding.value, variables, "let \(binding.name)")
                variables.insert(binding.name)
            }
            for assertion in check.assertions {
                xpath(assertion.test, variables, "\(assertion.form.rawValue) test")
                message(assertion.message, variables)
            }
        case let .aggregate(check):
            var variables = base.union(CheckVariables.aggregate)
            problems += duplicates(check.measures.map { ($0.name, $0.value.location) }, what: "let")
            for measure in check.measures {
                xpath(measure.value, variables, "let \(measure.name)")
                variables.insert(measure.name)
            }
            for expectation in check.expectations {
                xpath(expectation.test, variables, "expect test")
                message(expectation.message, variables)
            }
        case let .trend(check):
            xpath(check.select, base, "select")
            xpath(check.value, base, "value")
            xpath(check.date, base, "date")
            value(check.period, [.string], "period", expected: "one of month, quarter, half, year") { PeriodUnit(rawValue: $0) != nil }
            if case let .parameter(name) = check.period, let parameter = ruleset.parameter(named: name),
                PeriodUnit(rawValue: parameter.defaultValue.text) == nil
            {
                problems.append(
                    Diagnostic(location: parameter.location, message: "parameter '\(name)' is used as a trend period but '\(parameter.defaultValue.text)' is not one of month, quarter, half, year"))
            }
            value(check.window, [.integer], "window", expected: "an integer of at least 2") { Int($0).map { $0 >= 2 } ?? false }
            if case let .parameter(name) = check.window, let parameter = ruleset.parameter(named: name),
                case let .integer(count) = parameter.defaultValue, count < 2
            {
                problems.append(
                    Diagnostic(location: parameter.location, message: "parameter '\(name)' is used as a trend window but \(count) is less than 2"))
            }
            value(check.tolerance, [.decimal, .integer, .percentage], "tolerance", valid: isNumber)
            message(check.message, base.union(CheckVariables.trend))
        case let .crossReference(check):
            xpath(check.select, base, "select")
            xpath(check.key, base, "key")
            xpath(check.recordKey, base, "record-key")
            xpath(check.targetSelect, base, "target-select")
            xpath(check.targetKey, base, "target-key")
            message(check.message, base.union(CheckVariables.crossReference))
        }
        return problems
    }

    /// "an integer", "a duration".
    static func article(_ word: String) -> String {
        (word.first.map { "aeiou".contains($0) } ?? false ? "an " : "a ") + word
    }
}

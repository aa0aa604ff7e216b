import AuditModel
import CalendarDates
import LibXML

/// The checks of one rule that a schema cannot make, as each check kind asks for them:
/// XPath that compiles and refers only to what exists, messages with balanced braces,
/// value attributes of the right type. Problems are collected in `problems`.
struct RuleValidation {
    let rule: Rule
    let ruleset: Ruleset
    /// The ruleset's parameter names: variables every expression may use.
    let parameters: Set<String>
    private(set) var problems: [Diagnostic] = []

    init(rule: Rule, ruleset: Ruleset) {
        self.rule = rule
        self.ruleset = ruleset
        parameters = Set(ruleset.parameters.map(\.name))
    }

    private var prefixes: Set<String> { Set(ruleset.namespaces.keys) }

    mutating func report(_ location: SourceLocation, _ message: String) {
        problems.append(Diagnostic(location: location, message: message))
    }

    /// An XPath expression, given the variables bound where it runs.
    mutating func xpath(_ text: XPathText?, _ variables: Set<String>, _ role: String) {
        guard let text else { return }
        for problem in XPathExpressionCheck.problems(in: text.expression, variables: variables, prefixes: prefixes) {
            report(text.location, "rule \(rule.id): \(role) '\(text.expression)': \(problem)")
        }
    }

    /// A message template: balanced braces, and placeholders that are valid XPath.
    mutating func message(_ template: MessageTemplate?, _ variables: Set<String>) {
        guard let template else { return }
        guard let parts = template.parts else {
            report(template.location, "rule \(rule.id): message has an unbalanced '{' or '}' (write {{ or }} for a literal brace)")
            return
        }
        for case let .expression(expression) in parts {
            xpath(XPathText(expression, location: template.location), variables, "message expression")
        }
    }

    /// `let`s in order, each seeing the ones before it; returns the variables bound after the last.
    mutating func bindings(_ bindings: [Binding], _ variables: Set<String>) -> Set<String> {
        problems += RulesetSemanticCheck.duplicates(bindings.map { ($0.name, $0.value.location) }, what: "let")
        var bound = variables
        for binding in bindings {
            xpath(binding.value, bound, "let \(binding.name)")
            bound.insert(binding.name)
        }
        return bound
    }

    /// A value attribute: a `$parameter` of an accepted type, or a literal `valid` accepts.
    mutating func value(
        _ reference: ValueReference?, _ accepted: [ParameterType], _ role: String, expected: String? = nil, valid: (String) -> Bool
    ) {
        guard let reference else { return }
        switch reference {
        case let .parameter(name):
            guard let parameter = ruleset.parameter(named: name) else {
                report(rule.checkLocation, "rule \(rule.id): \(role) refers to undefined parameter $\(name)")
                return
            }
            if !accepted.contains(parameter.type) {
                report(
                    rule.checkLocation,
                    "rule \(rule.id): \(role) needs \(accepted.map { Self.article($0.rawValue) }.joined(separator: " or ")) but $\(name) is \(Self.article(parameter.type.rawValue))")
            }
        case let .literal(text):
            if !valid(text) {
                let wanted = expected ?? "a valid \(accepted[0].rawValue)\(RulesetReader.example(for: accepted[0]))"
                report(rule.checkLocation, "rule \(rule.id): \(role) '\(text)' is not \(wanted)")
            }
        }
    }

    static func isDuration(_ text: String) -> Bool { ISODuration(iso: text) != nil }
    static func isCount(_ text: String) -> Bool { Int(text).map { $0 >= 0 } ?? false }
    static func isNumber(_ text: String) -> Bool { Double(text) != nil }

    /// "an integer", "a duration".
    static func article(_ word: String) -> String {
        (word.first.map { "aeiou".contains($0) } ?? false ? "an " : "a ") + word
    }
}

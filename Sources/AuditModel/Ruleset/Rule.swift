/// One testable requirement: what evidence it reads, the check, and how an
/// auditor grades a failure.
public struct Rule: Sendable, Hashable {
    public var id: String
    public var title: String
    /// Grade of a failure of this rule.
    public var grade: Grade
    /// Why the rule exists: the auditor's reasoning.
    public var rationale: String
    /// What to do to conform.
    public var remediation: String
    /// References to standards, guidance or internal procedures.
    public var references: [String]
    /// When set, the rule applies only if this condition holds for the organization.
    public var applicability: Applicability?
    public var check: RuleCheck
    /// Number of the clause the rule belongs to.
    public var clause: String
    /// Where the rule starts.
    public var location: SourceLocation
    /// Where its check element starts, for problems with the check's attributes.
    public var checkLocation: SourceLocation

    public init(
        id: String, title: String, grade: Grade, rationale: String, remediation: String, references: [String],
        applicability: Applicability?, check: RuleCheck, clause: String, location: SourceLocation,
        checkLocation: SourceLocation? = nil
    ) {
        self.id = id
        self.title = title
        self.grade = grade
        self.rationale = rationale
        self.remediation = remediation
        self.references = references
        self.applicability = applicability
        self.check = check
        self.clause = clause
        self.location = location
        self.checkLocation = checkLocation ?? location
    }
}

/// A condition, as XPath over the evidence register, under which a rule applies
/// (e.g. the organization declares design and development in its scope).
public struct Applicability: Sendable, Hashable {
    public var test: XPathText
    /// The condition in words, shown when the rule does not apply.
    public var description: String

    public init(test: XPathText, description: String) {
        self.test = test
        self.description = description
    }
}

/// An XPath expression with the place it was written, for error messages.
public struct XPathText: Sendable, Hashable {
    public var expression: String
    public var location: SourceLocation

    public init(_ expression: String, location: SourceLocation) {
        self.expression = expression
        self.location = location
    }
}

/// Text with `{xpath}` placeholders, evaluated when a result is stated
/// ("{$late} of {$total} complaints were closed late"). `{{` and `}}` are literal braces.
public struct MessageTemplate: Sendable, Hashable {
    public var text: String
    public var location: SourceLocation

    public init(_ text: String, location: SourceLocation) {
        self.text = text
        self.location = location
    }

    /// A piece of a template: literal text or an expression.
    public enum Part: Sendable, Hashable {
        case text(String)
        case expression(String)
    }

    /// The template split into parts, or nil when a brace is unbalanced.
    public var parts: [Part]? {
        var parts: [Part] = []
        var literal = ""
        var expression: String?
        var characters = text[...]
        while let character = characters.popFirst() {
            if var current = expression {
                if character == "}" {
                    parts.append(.expression(current))
                    expression = nil
                } else {
                    current.append(character)
                    expression = current
                }
                continue
            }
            if character == "{" {
                if characters.first == "{" {
                    characters.removeFirst()
                    literal.append("{")
                    continue
                }
                if !literal.isEmpty { parts.append(.text(literal)) }
                literal = ""
                expression = ""
            } else if character == "}" {
                guard characters.first == "}" else { return nil }
                characters.removeFirst()
                literal.append("}")
            } else {
                literal.append(character)
            }
        }
        guard expression == nil else { return nil }
        if !literal.isEmpty { parts.append(.text(literal)) }
        return parts
    }
}

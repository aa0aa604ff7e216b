import AuditModel
import LibXML

/// One kind of check of the ruleset language, in one place: how its element is read and
/// validated, which variables it binds, what it evaluates per item and across items, how
/// `explain` and `lint` speak of it, and examples of evidence it passes and fails, which a
/// test runs. `CheckKinds` lists the kinds; nothing else switches on them.
///
/// Adding a kind: its folder under `Checks/` (this definition and its evaluator), a case
/// in `CheckKind` and a line in `CheckKinds`, its element in `ruleset-1.rng`, its section
/// in docs/ruleset-language.md.
protocol CheckKindDefinition {
    /// The model's value for a check of this kind.
    associatedtype Check: Sendable

    static var kind: CheckKind { get }
    /// The check of this kind inside `check`; nil when `check` is of another kind.
    static func unwrap(_ check: RuleCheck) -> Check?

    /// Reads a schema-valid check element.
    static func read(_ element: XMLNode, _ reader: CheckElementReader) -> RuleCheck
    /// Variables bound for the check's expressions and messages, besides the ruleset's
    /// parameters and the check's own `let`s (documented in docs/ruleset-language.md).
    static var variables: Set<String> { get }
    /// What the schema cannot check: XPath, messages, value attributes.
    static func validate(_ check: Check, _ validation: inout RuleValidation)

    /// The XPath the check evaluates on items of `type` (nil: on any type), messages excluded.
    static func expressions(_ check: Check, on type: String?) -> [XPathText]
    /// The check's message templates, in document order.
    static func messages(_ check: Check) -> [MessageTemplate]
    /// Whether the messages are rendered on the items (else on the register).
    static var rendersMessagesOnItems: Bool { get }
    /// Its value attributes (`min`, `max-age`, `window`…).
    static func values(_ check: Check) -> [ValueReference]

    /// Whether evaluation reads the items' files (presence and freshness read only the register).
    static var readsItems: Bool { get }
    /// The check's partial results on one item.
    static func partials(_ check: Check, rule: RuleContext, item: LoadedItem) throws -> [ItemOutcome.Partial]
    /// The rule's results, once every item is evaluated.
    static func combine(_ check: Check, _ evidence: RuleEvidence) throws -> ([RuleResult], [Finding])

    /// The check in plain words, for `explain`.
    static func describe(_ check: Check, _ describer: RuleDescriber) -> CheckDescription
    /// What the auditee must do for the rule to pass.
    static func howToPass(_ check: Check, _ describer: RuleDescriber) -> [String]
    /// Likely mistakes `lint` reports for this kind.
    static func lint(_ check: Check, rule: Rule) -> [LintDiagnostic]

    /// Evidence the check passes and fails, run by `CheckKindExamplesTests`.
    static var examples: [CheckExample] { get }
}

extension CheckKindDefinition {
    static var rendersMessagesOnItems: Bool { true }
    static func values(_ check: Check) -> [ValueReference] { [] }
    static func lint(_ check: Check, rule: Rule) -> [LintDiagnostic] { [] }
    static var readsItems: Bool { true }

    // The same, for a check of any kind: what the registry's callers use.

    static func validate(_ check: RuleCheck, _ validation: inout RuleValidation) {
        if let check = unwrap(check) { validate(check, &validation) }
    }

    static func expressions(_ check: RuleCheck, on type: String?) -> [XPathText] {
        unwrap(check).map { expressions($0, on: type) } ?? []
    }

    static func messages(_ check: RuleCheck) -> [MessageTemplate] {
        unwrap(check).map(messages) ?? []
    }

    static func values(_ check: RuleCheck) -> [ValueReference] {
        unwrap(check).map(values) ?? []
    }

    static func partials(_ check: RuleCheck, rule: RuleContext, item: LoadedItem) throws -> [ItemOutcome.Partial] {
        guard let check = unwrap(check) else { return [] }
        return try partials(check, rule: rule, item: item)
    }

    static func combine(_ check: RuleCheck, _ evidence: RuleEvidence) throws -> ([RuleResult], [Finding]) {
        guard let check = unwrap(check) else { return ([], []) }
        return try combine(check, evidence)
    }

    static func describe(_ check: RuleCheck, _ describer: RuleDescriber) -> CheckDescription? {
        unwrap(check).map { describe($0, describer) }
    }

    static func howToPass(_ check: RuleCheck, _ describer: RuleDescriber) -> [String] {
        unwrap(check).map { howToPass($0, describer) } ?? []
    }

    static func lint(_ check: RuleCheck, rule: Rule) -> [LintDiagnostic] {
        unwrap(check).map { lint($0, rule: rule) } ?? []
    }
}

/// The kinds of check, each with its definition. The switch is exhaustive: a new
/// `CheckKind` does not compile until it is listed here.
enum CheckKinds {
    static func definition(for kind: CheckKind) -> any CheckKindDefinition.Type {
        switch kind {
        case .presence: PresenceCheckKind.self
        case .freshness: FreshnessCheckKind.self
        case .records: RecordsCheckKind.self
        case .aggregate: AggregateCheckKind.self
        case .trend: TrendCheckKind.self
        case .crossReference: CrossReferenceCheckKind.self
        }
    }

    /// Every kind's examples, in the order `CheckKind` lists the kinds.
    static var examples: [CheckExample] {
        CheckKind.allCases.flatMap { kind in definition(for: kind).examples }
    }
}

extension RuleCheck {
    /// The definition of this check's kind.
    var definition: any CheckKindDefinition.Type { CheckKinds.definition(for: kind) }
}

/// Evidence a check kind passes or fails, as an example beside its definition: the check
/// element, the register items and files, and the result expected.
struct CheckExample: Sendable, CustomStringConvertible {
    /// One item of the example's register.
    struct Item: Sendable {
        var id: String
        var type: String
        var file: String
        var format: String
        var date: String?
    }

    let description: String
    /// The check element, as written inside a `<rule>`.
    let check: String
    let items: [Item]
    /// File name → contents.
    let files: [String: String]
    /// The status of every result the rule gives, in order.
    let expected: [ResultStatus]
    /// How many findings the rule gives.
    let findings: Int
    /// The audit date.
    var asOf = "2026-06-30"
}

/// What a rule checks, one case per kind of check the ruleset language has.
public enum RuleCheck: Sendable, Hashable {
    case presence(PresenceCheck)
    case freshness(FreshnessCheck)
    case records(RecordCheck)
    case aggregate(AggregateCheck)
    case trend(TrendCheck)
    case crossReference(CrossReferenceCheck)

    public var kind: CheckKind {
        switch self {
        case .presence: return .presence
        case .freshness: return .freshness
        case .records: return .records
        case .aggregate: return .aggregate
        case .trend: return .trend
        case .crossReference: return .crossReference
        }
    }

    /// The evidence type the rule is about (the referencing side for cross-references).
    public var evidenceType: String {
        switch self {
        case let .presence(check): return check.evidenceType
        case let .freshness(check): return check.evidenceType
        case let .records(check): return check.evidenceType
        case let .aggregate(check): return check.evidenceType
        case let .trend(check): return check.evidenceType
        case let .crossReference(check): return check.evidenceType
        }
    }

    /// Every evidence type the check reads.
    public var evidenceTypes: [String] {
        if case let .crossReference(check) = self { return [check.evidenceType, check.targetType] }
        return [evidenceType]
    }
}

/// The kinds of check, by their element name in the ruleset language.
public enum CheckKind: String, Sendable, Hashable, Codable, CaseIterable {
    case presence
    case freshness
    case records
    case aggregate
    case trend
    case crossReference = "cross-reference"
}

/// A number or duration written literally or as `$parameter`.
public enum ValueReference: Sendable, Hashable, CustomStringConvertible {
    case literal(String)
    case parameter(String)

    /// Reads `$name` as a parameter reference and anything else as a literal.
    public init(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlinesSet)
        if trimmed.hasPrefix("$") {
            self = .parameter(String(trimmed.dropFirst()))
        } else {
            self = .literal(trimmed)
        }
    }

    public var description: String {
        switch self {
        case let .literal(text): return text
        case let .parameter(name): return "$" + name
        }
    }
}

/// *Presence*: at least `minimum` items of a type, dated within `within` of the audit date.
public struct PresenceCheck: Sendable, Hashable {
    public var evidenceType: String
    public var minimum: ValueReference
    /// Look-back window; nil counts every item regardless of date.
    public var within: ValueReference?
    public var message: MessageTemplate?

    public init(evidenceType: String, minimum: ValueReference, within: ValueReference?, message: MessageTemplate?) {
        self.evidenceType = evidenceType
        self.minimum = minimum
        self.within = within
        self.message = message
    }
}

/// *Freshness*: the newest item of a type is no older than `maxAge`.
public struct FreshnessCheck: Sendable, Hashable {
    public var evidenceType: String
    public var maxAge: ValueReference
    public var message: MessageTemplate?

    public init(evidenceType: String, maxAge: ValueReference, message: MessageTemplate?) {
        self.evidenceType = evidenceType
        self.maxAge = maxAge
        self.message = message
    }
}

/// A named XPath value (`<let name="…" value="…"/>`), bound as `$name`.
public struct Binding: Sendable, Hashable {
    public var name: String
    public var value: XPathText

    public init(name: String, value: XPathText) {
        self.name = name
        self.value = value
    }
}

/// An assertion over a record: `assert` fails when the test is false, `report`
/// fails when it is true (Schematron's two forms).
public struct RecordAssertion: Sendable, Hashable {
    public enum Form: String, Sendable, Hashable {
        case assert
        case report
    }

    public var form: Form
    public var test: XPathText
    public var message: MessageTemplate
    /// Overrides the rule's grade for this assertion.
    public var grade: Grade?

    public init(form: Form, test: XPathText, message: MessageTemplate, grade: Grade?) {
        self.form = form
        self.test = test
        self.message = message
        self.grade = grade
    }
}

/// *Record assertions*: each record selected in each item must satisfy every assertion.
public struct RecordCheck: Sendable, Hashable {
    public var evidenceType: String
    /// Selects the records (e.g. `/table/record[status='closed']`).
    public var select: XPathText
    /// Identifies a record stably (e.g. `complaint-id`); findings are fingerprinted on it.
    public var key: XPathText?
    public var bindings: [Binding]
    public var assertions: [RecordAssertion]

    public init(evidenceType: String, select: XPathText, key: XPathText?, bindings: [Binding], assertions: [RecordAssertion]) {
        self.evidenceType = evidenceType
        self.select = select
        self.key = key
        self.bindings = bindings
        self.assertions = assertions
    }
}

/// A condition on measured values, with the statement made when it does not hold.
public struct Expectation: Sendable, Hashable {
    public var test: XPathText
    public var message: MessageTemplate

    public init(test: XPathText, message: MessageTemplate) {
        self.test = test
        self.message = message
    }
}

/// *Aggregates with thresholds*: metrics over an item's records compared with thresholds.
public struct AggregateCheck: Sendable, Hashable {
    public var evidenceType: String
    /// The metrics, in order; later ones may use earlier ones.
    public var measures: [Binding]
    public var expectations: [Expectation]

    public init(evidenceType: String, measures: [Binding], expectations: [Expectation]) {
        self.evidenceType = evidenceType
        self.measures = measures
        self.expectations = expectations
    }
}

/// *Trends*: a metric per period, over all items of a type, must not decline (or must improve).
public struct TrendCheck: Sendable, Hashable {
    public enum Better: String, Sendable, Hashable, CaseIterable {
        case higher
        case lower
    }

    public enum Requirement: String, Sendable, Hashable, CaseIterable {
        /// The fitted slope is not worse than `-tolerance` per period.
        case notDeclining = "not-declining"
        /// The fitted slope is better than `tolerance` per period.
        case improving
    }

    public enum Aggregate: String, Sendable, Hashable, CaseIterable {
        case avg, sum, count, min, max, median
    }

    public var evidenceType: String
    /// Records carrying the values; nil to use one value per item.
    public var select: XPathText?
    /// The value of one record (or of the item, when `select` is nil).
    public var value: XPathText
    /// The date of one record; nil to use the item's date from the register.
    public var date: XPathText?
    public var period: ValueReference
    public var aggregate: Aggregate
    public var better: Better
    public var requirement: Requirement
    /// Number of most recent periods considered.
    public var window: ValueReference
    /// Allowed movement per period in the wrong direction.
    public var tolerance: ValueReference
    /// What the values are counted or measured in (`days`, `%`, `points (0-10)`), as the ruleset
    /// writes it; nil when the ruleset does not say. A number on a chart or in a message means
    /// little to an auditor without it, and only the ruleset's author knows it: nothing in the
    /// evidence or the XPath tells days from complaints.
    public var unit: String?
    public var message: MessageTemplate?

    public init(
        evidenceType: String, select: XPathText?, value: XPathText, date: XPathText?, period: ValueReference,
        aggregate: Aggregate, better: Better, requirement: Requirement, window: ValueReference, tolerance: ValueReference,
        unit: String? = nil, message: MessageTemplate?
    ) {
        self.evidenceType = evidenceType
        self.select = select
        self.value = value
        self.date = date
        self.period = period
        self.aggregate = aggregate
        self.better = better
        self.requirement = requirement
        self.window = window
        self.tolerance = tolerance
        self.unit = unit
        self.message = message
    }
}

/// *Cross-references*: each key in records of one type must resolve in records of another
/// (complaint → corrective action).
public struct CrossReferenceCheck: Sendable, Hashable {
    public var evidenceType: String
    public var select: XPathText
    public var key: XPathText
    /// Identifies the referencing record in findings (defaults to nothing: XPath only).
    public var recordKey: XPathText?
    public var targetType: String
    public var targetSelect: XPathText
    public var targetKey: XPathText
    public var message: MessageTemplate?

    public init(
        evidenceType: String, select: XPathText, key: XPathText, recordKey: XPathText?, targetType: String,
        targetSelect: XPathText, targetKey: XPathText, message: MessageTemplate?
    ) {
        self.evidenceType = evidenceType
        self.select = select
        self.key = key
        self.recordKey = recordKey
        self.targetType = targetType
        self.targetSelect = targetSelect
        self.targetKey = targetKey
        self.message = message
    }
}

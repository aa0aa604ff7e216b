/// A clause of a standard, in cxaudit's own words, with the rules that test it.
public struct Clause: Sendable, Hashable {
    /// Clause number, e.g. `9.1.2`.
    public var number: String
    public var title: String
    /// Id of the `Standard` the clause belongs to.
    public var standard: String?
    /// Our paraphrase of the clause's intent (never the standard's wording).
    public var intent: String
    /// Corresponding clauses in other editions or standards.
    public var crosswalk: [Crosswalk]
    /// Why the clause has no rule, when it deliberately has none.
    public var notCoveredReason: String?
    public var rules: [Rule]
    public var location: SourceLocation

    public init(
        number: String, title: String, standard: String?, intent: String, crosswalk: [Crosswalk],
        notCoveredReason: String?, rules: [Rule], location: SourceLocation
    ) {
        self.number = number
        self.title = title
        self.standard = standard
        self.intent = intent
        self.crosswalk = crosswalk
        self.notCoveredReason = notCoveredReason
        self.rules = rules
        self.location = location
    }
}

/// A pointer from a clause to the matching clauses of another edition.
public struct Crosswalk: Sendable, Hashable, Codable {
    /// The other edition, e.g. `ISO 9001:2008`.
    public var standard: String
    /// Its clause numbers, e.g. `["7.2.3", "8.2.1"]`.
    public var clauses: [String]

    public init(standard: String, clauses: [String]) {
        self.standard = standard
        self.clauses = clauses
    }
}

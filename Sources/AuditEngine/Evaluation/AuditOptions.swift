public import CalendarDates

/// How a run is carried out.
public struct AuditOptions: Sendable {
    /// The audit date all date computations count from.
    public var asOf: CalendarDate
    /// Evidence items evaluated at once; 1 evaluates serially.
    public var parallelism: Int
    /// The version written into results.
    public var toolVersion: String
    /// Called as evidence items are parsed and finish, for a progress display; never
    /// concurrently, on whichever thread reads an item.
    public var progress: (@Sendable (AuditProgress) -> Void)?
    /// Evidence types that rulesets other than the selected ones declare (the shipped ones):
    /// an item of such a type that no selected rule reads is expected, not a misspelt type.
    public var knownEvidenceTypes: Set<String> = []

    public init(asOf: CalendarDate, parallelism: Int = 2, toolVersion: String = CXAuditVersion.current) {
        self.asOf = asOf
        self.parallelism = max(1, parallelism)
        self.toolVersion = toolVersion
    }
}

/// cxaudit's version.
public enum CXAuditVersion {
    public static let current = "0.1.0"
}

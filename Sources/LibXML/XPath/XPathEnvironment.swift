public import CalendarDates

/// What every XPath evaluation of one run shares: the audit date that date
/// functions count from, the namespace prefixes rules may use, and a cost bound.
public struct XPathEnvironment: Sendable, Hashable {
    /// "Today" for `cx:age-days`, `cx:within` and `cx:as-of`; an input of the run so
    /// results are reproducible.
    public var asOf: CalendarDate
    /// Prefix → namespace URI, in addition to `cx` (`XPathEnvironment.functionNamespace`).
    public var namespaces: [String: String]
    /// Upper bound on XPath operations per evaluation, against runaway expressions;
    /// 0 or less means no bound (libxml2's convention).
    public var operationLimit: Int

    /// The namespace of cxaudit's extension functions, bound to the prefix `cx`.
    public static let functionNamespace = "urn:cxaudit:xpath:1"

    public init(asOf: CalendarDate, namespaces: [String: String] = [:], operationLimit: Int = 200_000_000) {
        self.asOf = asOf
        self.namespaces = namespaces
        self.operationLimit = operationLimit
    }
}

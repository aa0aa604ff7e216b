public import CalendarDates

/// An approved, time-limited exception for a rule, optionally narrowed to one
/// evidence item, site or record (as InSpec waivers and Conftest exceptions do).
///
/// A waived result still shows its real outcome; an expired waiver stops applying.
public struct Waiver: Sendable, Hashable, Codable, Identifiable {
    public var id: String
    /// Ruleset of the rule; nil matches the rule id in any loaded ruleset.
    public var rulesetId: String?
    public var ruleId: String
    public var itemId: String?
    public var site: String?
    /// Record key (as the rule's `key` gives it) the waiver is limited to.
    public var recordKey: String?
    public var justification: String
    public var approver: String
    public var approved: CalendarDate?
    /// Last day on which the waiver applies (inclusive, UTC date).
    public var expires: CalendarDate
    public var location: SourceLocation

    public init(
        id: String, rulesetId: String?, ruleId: String, itemId: String?, site: String?, recordKey: String?,
        justification: String, approver: String, approved: CalendarDate?, expires: CalendarDate, location: SourceLocation
    ) {
        self.id = id
        self.rulesetId = rulesetId
        self.ruleId = ruleId
        self.itemId = itemId
        self.site = site
        self.recordKey = recordKey
        self.justification = justification
        self.approver = approver
        self.approved = approved
        self.expires = expires
        self.location = location
    }

    /// Whether the waiver still applies on the audit date.
    public func isActive(on date: CalendarDate) -> Bool {
        date <= expires
    }
}

/// What a waived finding carries: which waiver, and its terms.
public struct WaiverReference: Sendable, Hashable, Codable {
    public var id: String
    public var justification: String
    public var approver: String
    public var expires: CalendarDate
    public var file: String

    public init(id: String, justification: String, approver: String, expires: CalendarDate, file: String) {
        self.id = id
        self.justification = justification
        self.approver = approver
        self.expires = expires
        self.file = file
    }
}

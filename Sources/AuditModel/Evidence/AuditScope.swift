/// What the audit covers, as the organization's register declares it: the activities it
/// performs, those it excludes and why, and its sites — the scope an audit report states
/// (ISO 19011:2018 6.5.1), and what applicability conditions test.
public struct AuditScope: Sendable, Hashable, Codable {
    /// An activity the organization declares it does not perform, with its justification.
    public struct Exclusion: Sendable, Hashable, Codable {
        public var activity: String
        public var justification: String

        public init(activity: String, justification: String) {
            self.activity = activity
            self.justification = justification
        }
    }

    /// A site of the organization.
    public struct Site: Sendable, Hashable, Codable {
        public var id: String
        public var name: String

        public init(id: String, name: String) {
            self.id = id
            self.name = name
        }
    }

    /// Activities the organization declares it performs: applicability conditions test them.
    public var activities: [String]
    /// Activities it declares it does not perform, each with why (ISO 9001 4.3).
    public var exclusions: [Exclusion]
    public var sites: [Site]

    public init(activities: [String] = [], exclusions: [Exclusion] = [], sites: [Site] = []) {
        self.activities = activities
        self.exclusions = exclusions
        self.sites = sites
    }
}

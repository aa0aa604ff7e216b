/// One site a plan visits, and why it was chosen.
public struct SiteVisit: Sendable, Hashable, Codable {
    /// How a site came into the plan.
    public enum Selection: String, Sendable, Hashable, Codable {
        /// The central function, audited every time and not counted in the sample.
        case central
        /// The sample is as large as the number of sites: every site is visited.
        case all
        /// Drawn at random with the plan's seed.
        case random
        /// Chosen by risk, from the sites not drawn.
        case risk
    }

    public var site: Site
    public var selection: Selection
    /// The reason in words, as the plan prints it.
    public var reason: String
    /// What history said of the site; nil when it has no recorded run (or for the central function).
    public var risk: SiteRisk?

    public init(site: Site, selection: Selection, reason: String, risk: SiteRisk? = nil) {
        self.site = site
        self.selection = selection
        self.reason = reason
        self.risk = risk
    }
}

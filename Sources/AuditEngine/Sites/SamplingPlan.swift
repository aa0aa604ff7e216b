/// The sites one audit of a multi-site organization visits: the central function, then the
/// random draw, then the sites chosen by risk, each with its reason; and the sites left out.
public struct SamplingPlan: Sendable, Hashable, Codable {
    public var sampleSize: SampleSize
    /// The seed the random draw used: the same sites file, stage, seed and history give the same plan.
    public var seed: UInt64
    public var visits: [SiteVisit]
    /// The sites not visited this time, by id.
    public var notVisited: [Site]

    public init(sampleSize: SampleSize, seed: UInt64, visits: [SiteVisit], notVisited: [Site]) {
        self.sampleSize = sampleSize
        self.seed = seed
        self.visits = visits
        self.notVisited = notVisited
    }

    public var stage: AuditStage { sampleSize.stage }
}

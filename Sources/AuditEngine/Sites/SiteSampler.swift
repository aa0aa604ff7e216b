import Foundation

/// Chooses the sites an audit of a multi-site organization visits, after IAF MD 1: the
/// central function always; of the other x sites, y = ⌈c·√x⌉ (c = 1 initial, 0.6 surveillance,
/// 0.8 recertification); at least a quarter of y drawn at random, the rest chosen by risk.
/// docs/site-sampling.md says what of MD 1 this covers and what it leaves to the auditor.
///
/// Pure: the same sites, stage, seed and risks give the same plan on every machine. The
/// random part is drawn first, from all the sites but the central function, so a site's
/// history cannot keep it out of the draw; the sites chosen by risk come from the rest.
public enum SiteSampler {
    /// The plan for one audit.
    ///
    /// - Parameters:
    ///   - sites: The organization's sites, the central function (at most one) among them.
    ///   - stage: The audit of the certification cycle; it sets the coefficient of √x.
    ///   - seed: Seeds the random draw (`SplitMix64`).
    ///   - risks: What history says of each site, by site id; a site missing here has no
    ///     recorded run and ranks as risky.
    /// - Returns: The central function, the random draw in the order drawn, the risk choices
    ///   in risk order, and the sites left out.
    public static func plan(sites: [Site], stage: AuditStage, seed: UInt64, risks: [String: SiteRisk]) -> SamplingPlan {
        let pool = sites.filter { !$0.isCentral }.sorted { $0.id < $1.id }
        let size = SampleSize(stage: stage, siteCount: pool.count)
        var visits = sites.filter(\.isCentral).map {
            SiteVisit(site: $0, selection: .central, reason: "central function: always audited, not counted in y")
        }
        if size.coversAllSites {
            visits += pool.map {
                SiteVisit(
                    site: $0, selection: .all, reason: "every site: the rule's y (\(size.ruleSize)) is not less than x (\(size.siteCount))",
                    risk: risks[$0.id])
            }
            return SamplingPlan(sampleSize: size, seed: seed, visits: visits, notVisited: [])
        }
        var generator = SplitMix64(seed: seed)
        var undrawn = pool
        for _ in 0..<size.randomCount {
            let site = undrawn.remove(at: Int(generator.next(below: UInt64(undrawn.count))))
            visits.append(SiteVisit(site: site, selection: .random, reason: "random (seed \(seed))", risk: risks[site.id]))
        }
        let ranked = undrawn.sorted { ranksBefore($0, $1, risks: risks) }
        for site in ranked.prefix(size.riskCount) {
            visits.append(SiteVisit(site: site, selection: .risk, reason: reason(for: risks[site.id]), risk: risks[site.id]))
        }
        let notVisited = ranked.dropFirst(size.riskCount).sorted { $0.id < $1.id }
        return SamplingPlan(sampleSize: size, seed: seed, visits: visits, notVisited: notVisited)
    }

    /// Risk tiers, riskiest first. A site without history comes before the sites whose runs
    /// show no open major and no fall: unknown is not safe.
    enum Tier: Int, Comparable {
        case openMajors
        case worsening
        case unknown
        case lower

        init(_ risk: SiteRisk?) {
            guard let risk else {
                self = .unknown
                return
            }
            if risk.openMajors > 0 {
                self = .openMajors
            } else if let trend = risk.scoreTrend, trend < 0 {
                self = .worsening
            } else {
                self = .lower
            }
        }

        static func < (lhs: Tier, rhs: Tier) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// Risk order: open majors (most first), then the worst score trend, then sites without
    /// history, then the rest; ties by site id, so the order is total.
    static func ranksBefore(_ lhs: Site, _ rhs: Site, risks: [String: SiteRisk]) -> Bool {
        let left = risks[lhs.id]
        let right = risks[rhs.id]
        let (leftTier, rightTier) = (Tier(left), Tier(right))
        if leftTier != rightTier { return leftTier < rightTier }
        let (leftMajors, rightMajors) = (left?.openMajors ?? 0, right?.openMajors ?? 0)
        if leftMajors != rightMajors { return leftMajors > rightMajors }
        // No trend counts as no change.
        let (leftTrend, rightTrend) = (left?.scoreTrend ?? 0, right?.scoreTrend ?? 0)
        if leftTrend != rightTrend { return leftTrend < rightTrend }
        return lhs.id < rhs.id
    }

    /// Why a site was chosen by risk, in words.
    static func reason(for risk: SiteRisk?) -> String {
        guard let risk else { return "risk: no recorded runs — unknown risk" }
        let trend = trendWords(risk)
        switch Tier(risk) {
        case .openMajors:
            let majors = risk.openMajors == 1 ? "1 open major nonconformity" : "\(risk.openMajors) open major nonconformities"
            return "risk: \(majors)" + ((risk.scoreTrend ?? 0) < 0 ? ", and \(trend)" : "")
        case .worsening:
            return "risk: \(trend)"
        case .unknown, .lower:
            return "risk: next in risk order (no open major nonconformity; \(trend))"
        }
    }

    private static func trendWords(_ risk: SiteRisk) -> String {
        guard let trend = risk.scoreTrend else { return "too few scored runs for a trend" }
        let points = String(format: "%.1f", trend.magnitude)
        let over = "over the last \(risk.trendRuns) runs"
        if trend == 0 { return "score unchanged \(over)" }
        return "score \(trend < 0 ? "fell" : "rose") \(points == "0.0" ? "less than 0.1" : points) points \(over)"
    }
}

import AuditEngine
import AuditHistory
import AuditModel

extension SiteRisk {
    /// How many runs back a site's score trend looks: the latest scored run against the one
    /// this many scored runs before it, or the earliest there is.
    static let trendDepth = 3

    /// Each site's risk as its recorded runs show it, by site id: the major findings open at
    /// its latest run, and the change in score from `trendDepth` scored runs before the
    /// latest to the latest, within the latest run's editions (scores judged against another
    /// edition do not compare, as `cxaudit history` shows).
    ///
    /// Pure, and independent of the order of `runs`: a site's runs are ordered by when they
    /// were recorded, then by id.
    static func fromHistory(_ runs: [RunSummary]) -> [String: SiteRisk] {
        var bySite: [String: [RunSummary]] = [:]
        for run in runs {
            bySite[run.site, default: []].append(run)
        }
        var risks: [String: SiteRisk] = [:]
        for (site, runs) in bySite {
            let ordered = runs.sorted { ($0.recordedAt, $0.id.rawValue) < ($1.recordedAt, $1.id.rawValue) }
            guard let latest = ordered.last else { continue }
            let editions = Self.editions(of: latest)
            let comparable = ordered.reversed().prefix { Self.editions(of: $0) == editions }.reversed()
            let scored = comparable.compactMap { run in run.conformityScore.map { (run: run, score: $0) } }
            var trend: Double?
            var trendRuns = 0
            if scored.count >= 2, let last = scored.last {
                let window = scored.suffix(trendDepth + 1)
                trend = last.score - (window.first?.score ?? last.score)
                trendRuns = window.count
            }
            risks[site] = SiteRisk(
                siteId: site, openMajors: latest.findings.major, scoreTrend: trend, trendRuns: trendRuns,
                lastRun: LastRun(id: latest.id.rawValue, asOf: latest.asOf))
        }
        return risks
    }

    /// What a run's scores judge: each ruleset's id with the editions it audits against.
    private static func editions(of run: RunSummary) -> [String] {
        run.rulesets.map { "\($0.id) \($0.edition ?? "")" }
    }
}

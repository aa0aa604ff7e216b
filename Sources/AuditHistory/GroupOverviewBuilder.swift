import AuditModel
public import Foundation

extension GroupOverview {
    /// Reads the overview from a store.
    ///
    /// - Parameters:
    ///   - history: The store (SQLite or PostgreSQL: the overview is the same for the same runs).
    ///   - store: How messages and the report name the store.
    ///   - expectedSites: Sites that should report, with their names (a sites file): those never
    ///     recorded are listed as missing. Sites found in the history are always included.
    ///   - now: The clock the window and periods count back from.
    ///   - windowDays: A site whose latest run is older than this many days is missing.
    ///   - periodDays: Days per trend period; `periods` periods are shown.
    public static func read(
        from history: any RunHistory, store: String, expectedSites: [(id: String, name: String?)] = [], now: Date, windowDays: Int = 7,
        periodDays: Int = 7, periods: Int = 8
    ) throws(HistoryError) -> GroupOverview {
        let runs = try history.runs(limit: nil, site: nil)
        let day: TimeInterval = 86_400
        let windowStart = now.addingTimeInterval(-Double(windowDays) * day)
        // Newest first, so the first run seen of a site is its latest.
        var latest: [String: RunSummary] = [:]
        for run in runs where latest[run.site] == nil {
            latest[run.site] = run
        }
        var names: [String: String] = [:]
        var order: [String] = []
        for site in expectedSites where names[site.id] == nil && !order.contains(site.id) {
            order.append(site.id)
            if let name = site.name { names[site.id] = name }
        }
        order += latest.keys.filter { !order.contains($0) }.sorted()

        var sites: [Site] = []
        for id in order {
            let run = latest[id]
            let status: SiteStatus = run.map { $0.recordedAt >= windowStart ? .reporting : .stale } ?? .neverReported
            var findings: [RecordedFinding] = []
            if status == .reporting, let run { findings = try history.findings(of: run.id) }
            sites.append(Site(id: id, name: names[id], status: status, latestRun: run, findings: findings))
        }

        // Each period's runs: every site's latest run recorded in it.
        let periodStarts = (0..<periods).reversed().map { now.addingTimeInterval(-Double(($0 + 1) * periodDays) * day) }
        var periodRuns: [[String: RunID]] = Array(repeating: [:], count: periods)
        for run in runs {
            guard let index = periodStarts.lastIndex(where: { run.recordedAt >= $0 }),
                run.recordedAt < periodStarts[index].addingTimeInterval(Double(periodDays) * day),
                periodRuns[index][run.site] == nil
            else { continue }
            periodRuns[index][run.site] = run.id
        }
        let currentRuns = sites.compactMap { $0.status == .reporting ? $0.latestRun?.id : nil }
        let wanted = Array(Set(currentRuns + periodRuns.flatMap(\.values)))
        var verdicts: [RunID: [String: ClauseVerdict]] = [:]
        var titles: [String: (rulesetId: String, clause: String, title: String)] = [:]
        for point in try history.clauses(of: wanted) {
            let key = "\(point.rulesetId)\u{0}\(point.clause)"
            verdicts[point.run, default: [:]][key] = point.verdict
            titles[key] = (point.rulesetId, point.clause, point.title)
        }

        let keys = titles.keys.sorted {
            let (left, right) = (titles[$0]!, titles[$1]!)
            return (left.rulesetId, ClauseNumber(left.clause)) < (right.rulesetId, ClauseNumber(right.clause))
        }
        let clauses = keys.map { key in
            let clause = titles[key]!
            let row = sites.map { site -> ClauseVerdict? in
                guard site.status == .reporting, let run = site.latestRun else { return nil }
                return verdicts[run.id]?[key]
            }
            let trend = periodStarts.indices.map { index in
                let assessed = periodRuns[index].values.compactMap { verdicts[$0]?[key] }.filter { $0 != .notAssessed && $0 != .notApplicable }
                return TrendPoint(
                    start: Self.day(periodStarts[index]), end: Self.day(periodStarts[index].addingTimeInterval(Double(periodDays) * day - 1)),
                    assessed: assessed.count, conforming: assessed.filter { $0 == .conforming }.count,
                    silent: sites.count - periodRuns[index].count)
            }
            return ClauseRow(rulesetId: clause.rulesetId, clause: clause.clause, title: clause.title, verdicts: row, trend: trend)
        }
        return GroupOverview(
            store: store, generatedAt: now, windowDays: windowDays, periodDays: periodDays, sites: sites, clauses: clauses)
    }

    private static func day(_ date: Date) -> String {
        String(date.formatted(Date.ISO8601FormatStyle().year().month().day()))
    }
}

import ArgumentParser
import AuditEngine
import AuditEvidence
import AuditHistory
import AuditModel
import AuditReports
import Foundation

/// `cxaudit history --format`.
enum HistoryFormat: String, CaseIterable, ExpressibleByArgument {
    case text
    case json
    /// The group report as a self-contained page (with --group only).
    case html
}

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Show recorded runs, a clause's score over runs, or one run's findings.",
        discussion: """
            Runs are recorded by `cxaudit check --history` (or history = true in cxaudit.toml) \
            into EVIDENCE_DIR/.cxaudit/history.sqlite, or the store given (docs/history.md).

              cxaudit history                      runs, newest first
              cxaudit history --clause 9.1.2       that clause's score run by run, oldest first
              cxaudit history --run 12             the findings of run #12
              cxaudit history --group --store postgres://db.example/cx
                                                   every site's clauses, trends and missing sites (docs/multi-site.md)

            Exit status: 0 shown; 2 the store is missing, unreadable or newer than this cxaudit, \
            or no such run.
            """
    )

    @Argument(help: "The evidence folder whose history to show. Default: the shipped sample.")
    var evidenceFolder: String?

    @Option(
        help: ArgumentHelp(
            "The history store: a file or a postgres://HOST/DATABASE address. Default: EVIDENCE_DIR/.cxaudit/history.sqlite.",
            valueName: "path-or-address"))
    var store: String?

    @Option(help: "Only this site's runs (the site each run was recorded for: check --site, cxaudit.toml's site, else the organization).")
    var site: String?

    @Flag(help: "The group view: a clause × site matrix of the latest verdicts, each clause's trend across the sites, and the sites that have not reported.")
    var group = false

    @Option(help: ArgumentHelp("With --group: a site whose latest run is older than this many days is missing.", valueName: "days"))
    var within = 7

    @Option(help: ArgumentHelp("With --group: days per period of the group trend.", valueName: "days"))
    var period = 7

    @Option(
        help: ArgumentHelp(
            "With --group: the sites that should report (the sites file of sample-sites: site, name, central), so a site that never reported is listed as missing.",
            valueName: "file"))
    var sites: String?

    @Option(help: ArgumentHelp("Write to this file (atomically) instead of standard output.", valueName: "file"))
    var output: String?

    @Option(help: "How many of the most recent runs to show.")
    var limit = 20

    @Option(help: ArgumentHelp("Show the trend of this clause's score over the runs, e.g. 9.1.2.", valueName: "number"))
    var clause: String?

    @Option(help: ArgumentHelp("With --clause: only the clause of this ruleset (when several rulesets number a clause alike).", valueName: "id"))
    var ruleset: String?

    @Option(name: .customLong("run"), help: ArgumentHelp("Show the findings of this run.", valueName: "id"))
    var runId: Int64?

    @Option(help: "Output format: text or json.")
    var format: HistoryFormat = .text

    mutating func validate() throws {
        if limit < 1 { throw ValidationError("--limit must be at least 1") }
        if clause != nil && runId != nil { throw ValidationError("give either --clause or --run, not both") }
        if ruleset != nil && clause == nil { throw ValidationError("--ruleset narrows --clause; give --clause too") }
        if group && (clause != nil || runId != nil || site != nil) { throw ValidationError("--group shows every site and clause; leave out --clause, --run and --site") }
        if !group && (sites != nil) { throw ValidationError("--sites lists the sites of the group view; add --group") }
        if format == .html && !group { throw ValidationError("--format html is the group report; add --group (or use text or json)") }
        if within < 1 || period < 1 { throw ValidationError("--within and --period must be at least 1 day") }
    }

    func run() throws {
        let location = try storeLocation()
        let history = try Console.loadOrExit { () throws(HistoryError) in try RunHistories.open(location, create: false) }
        let view = HistoryView(store: Console.displayLocation(location), format: format)
        let output: String
        if group {
            let expected = try expectedSites()
            let overview = try Console.loadOrExit { () throws(HistoryError) in
                try GroupOverview.read(
                    from: history, store: view.store, expectedSites: expected.map { ($0.id, $0.name) }, now: Date(), windowDays: within,
                    periodDays: period)
            }
            output = format == .html ? GroupReport.html(overview) : try view.group(overview)
        } else if let clause {
            let points = try Console.loadOrExit { () throws(HistoryError) in
                try history.clauseTrend(rulesetId: ruleset, clause: clause, limit: limit, site: site)
            }
            output = try view.trend(clause: clause, rulesetId: ruleset, points: points)
        } else if let runId {
            let id = RunID(rawValue: runId)
            let summary = try Console.loadOrExit { () throws(HistoryError) in try history.run(id) }
            let findings = try Console.loadOrExit { () throws(HistoryError) in try history.findings(of: id) }
            output = try view.findings(of: summary, findings)
        } else {
            output = try view.runs(try Console.loadOrExit { () throws(HistoryError) in try history.runs(limit: limit, site: site) })
        }
        if let path = self.output {
            try Console.loadOrExit { () throws(ArtifactWriter.WriteError) in try ArtifactWriter.write(Data(output.utf8), to: URL(fileURLWithPath: path)) }
        } else {
            FileHandle.standardOutput.write(Data(output.utf8))
        }
    }

    /// The sites `--sites` lists; none without it.
    private func expectedSites() throws -> [(id: String, name: String?)] {
        guard let sites else { return [] }
        let url = URL(fileURLWithPath: sites)
        return try Console.loadOrExit { () throws(SitesFileError) in
            try SitesFile.read(url, displayName: Console.displayPath(url)).map { ($0.id, $0.name) }
        }
    }

    private func storeLocation() throws -> HistoryLocation {
        if let store {
            let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            return try Console.loadOrExit { () throws(HistoryLocationError) in try HistoryLocation(store, relativeTo: here) }
        }
        guard let folder = evidenceFolder.map({ URL(fileURLWithPath: $0) }) ?? ResourceLocator.locate()?.defaultEvidence else {
            Console.error("error: no evidence folder given and the shipped sample cannot be found; pass EVIDENCE_DIR or --store.")
            throw ExitStatus.incomplete
        }
        return .file(HistoryStore.defaultURL(forEvidenceFolder: folder))
    }
}

/// Renders what `cxaudit history` shows, as text for people or versioned JSON for scripts.
struct HistoryView {
    /// Version of the JSON documents `cxaudit history --format json` prints.
    static let jsonVersion = "1"
    /// Width of a 100% bar in the clause trend.
    static let barWidth = 20

    let store: String
    let format: HistoryFormat

    func runs(_ runs: [RunSummary]) throws -> String {
        if format == .json { return try PlainText.json(RunsDocument(schemaVersion: Self.jsonVersion, store: store, runs: runs)) }
        guard !runs.isEmpty else { return "No runs recorded in \(store) yet.\n" }
        var lines = ["Runs recorded in \(store), newest first:", ""]
        // The site is shown when the runs are of several: a shared store.
        let sites = Set(runs.map(\.site)).count > 1
        let siteWidth = sites ? max(4, runs.map(\.site.count).max() ?? 0) : 0
        lines.append("  run   recorded (UTC)       as of       \(sites ? PlainText.pad("site", siteWidth) + "  " : "")score   major minor  ofi waived  rulesets")
        for run in runs {
            let rulesets = run.rulesets.map { "\($0.id) \($0.version)" }
                + run.profiles.map { "profile \($0.id) \($0.version)" }
            lines.append(
                "  \(PlainText.pad("#\(run.id)", 4, right: true))  \(Self.time(run.recordedAt))  \(run.asOf)  \(sites ? PlainText.pad(run.site, siteWidth) + "  " : "")"
                    + "\(PlainText.pad(Self.score(run.conformityScore), 6, right: true))"
                    + "  \(PlainText.pad("\(run.findings.major)", 5, right: true)) \(PlainText.pad("\(run.findings.minor)", 5, right: true))"
                    + " \(PlainText.pad("\(run.findings.ofi)", 4, right: true)) \(PlainText.pad("\(run.waivedFindings)", 6, right: true))  \(rulesets.joined(separator: ", "))"
                    + (run.incomplete ? "  (incomplete)" : ""))
        }
        lines += ["", "major, minor, ofi: active findings; waived: findings an active waiver covered, counted there only."]
        if runs.contains(where: \.incomplete) {
            lines += ["", "(incomplete): some input could not be read or evaluated; the score may overstate conformity."]
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func trend(clause: String, rulesetId: String?, points: [ClausePoint]) throws -> String {
        if format == .json {
            let breaks = points.map(\.rulesetId).uniqued().flatMap { id in EditionBreak.breaks(in: points.filter { $0.rulesetId == id }) }
            return try PlainText.json(
                TrendDocument(
                    schemaVersion: Self.jsonVersion, store: store, clause: clause, rulesetId: rulesetId, points: points, editionBreaks: breaks))
        }
        guard !points.isEmpty else {
            return "No recorded run in \(store) assessed clause \(clause)\(rulesetId.map { " of \($0)" } ?? "").\n"
        }
        var sections: [String] = []
        for rulesetId in points.map(\.rulesetId).uniqued() {
            let series = points.filter { $0.rulesetId == rulesetId }
            let title = series.last?.title ?? ""
            var lines = ["Clause \(clause) \(title) (\(rulesetId)): share of its evaluated rules that conform, oldest run first"]
            let breaks = EditionBreak.breaks(in: series)
            let breakRuns = Set(breaks.map(\.run))
            // Scores are compared within the current edition only: across a break they judge different requirements.
            let current = breaks.last.map { last in Array(series.drop { $0.run != last.run }) } ?? series
            let scores = current.compactMap(\.score)
            if let first = scores.first, let last = scores.last {
                let sparkline = series.map { (breakRuns.contains($0.run) ? "┊" : "") + Self.sparkline([$0.score]) }.joined()
                lines.append(
                    "  \(sparkline)  \(Self.score(first)) → \(Self.score(last))"
                        + (breaks.last.map { " since the edition changed at #\($0.run)" } ?? ""))
            }
            lines.append("")
            for point in series {
                if let change = breaks.first(where: { $0.run == point.run }) {
                    lines.append("  ┄┄ edition changed: \(change.from) → \(change.to); the scores before and after judge different requirements ┄┄")
                }
                let bar = point.score.map { String(repeating: "█", count: Int(($0 / 100 * Double(Self.barWidth)).rounded())) } ?? ""
                lines.append(
                    "  \(PlainText.pad("#\(point.run)", 4, right: true))  as of \(point.asOf)  \(PlainText.pad(Self.score(point.score), 6, right: true))"
                        + "  \(PlainText.pad(bar, Self.barWidth))  \(point.verdict.title)")
            }
            sections.append(lines.joined(separator: "\n"))
        }
        let editions = Set(points.compactMap(\.edition))
        if points.map(\.rulesetId).uniqued().count > 1 && editions.count > 1 {
            sections.append(
                "Clause \(clause) is assessed by rulesets of different editions (\(editions.sorted().joined(separator: ", "))): "
                    + "each is shown apart, and their scores do not compare.")
        }
        return sections.joined(separator: "\n\n") + "\n"
    }

    /// The group view as a clause × site table, then the missing sites.
    func group(_ overview: GroupOverview) throws -> String {
        if format == .json { return try PlainText.json(GroupDocument(schemaVersion: Self.jsonVersion, group: overview)) }
        guard !overview.sites.isEmpty else { return "No runs recorded in \(store) yet.\n" }
        let columns = overview.sites.map { max($0.id.count, 7) }
        let label = max(24, overview.clauses.map { "\($0.rulesetId) \($0.clause)".count }.max() ?? 0)
        var lines = [
            "Group view of \(store): \(overview.sites.count) sites, latest run of each within \(overview.windowDays) days, as of \(Self.time(overview.generatedAt)) UTC",
            "",
            "  " + PlainText.pad("clause", label) + "  " + zip(overview.sites, columns).map { PlainText.pad($0.id, $1) }.joined(separator: "  ") + "  trend (conforming/assessed per \(overview.periodDays) days)",
        ]
        for row in overview.clauses {
            let cells = zip(row.verdicts, zip(overview.sites, columns)).map { verdict, site in
                PlainText.pad(site.0.status == .reporting ? Self.cell(verdict) : "MISSING", site.1)
            }
            let trend = row.trend.map { $0.assessed == 0 ? "–" : "\($0.conforming)/\($0.assessed)" }.joined(separator: " ")
            lines.append("  " + PlainText.pad("\(row.rulesetId) \(row.clause)", label) + "  " + cells.joined(separator: "  ") + "  " + trend)
        }
        lines.append("")
        lines.append("ok conforming, major/minor/ofi the worst finding, n/a not applicable, – not assessed; MISSING: no run within \(overview.windowDays) days.")
        let missing = overview.missingSites
        if missing.isEmpty {
            lines.append("Every site reported within \(overview.windowDays) days.")
        } else {
            lines.append("")
            lines.append("Missing sites (no verdict shown; they are not counted as conforming):")
            for site in missing {
                let last = site.latestRun.map { "last run #\($0.id) recorded \(Self.time($0.recordedAt)) UTC" } ?? "never reported"
                lines.append("  \(site.id)\(site.name.map { " (\($0))" } ?? ""): \(last)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func cell(_ verdict: ClauseVerdict?) -> String {
        switch verdict {
        case .conforming: "ok"
        case .majorNonconformity: "major"
        case .minorNonconformity: "minor"
        case .opportunityForImprovement: "ofi"
        case .notApplicable: "n/a"
        case .notAssessed, nil: "–"
        }
    }

    func findings(of run: RunSummary, _ findings: [RecordedFinding]) throws -> String {
        if format == .json {
            return try PlainText.json(FindingsDocument(schemaVersion: Self.jsonVersion, store: store, run: run, findings: findings))
        }
        var lines = [
            "Run #\(run.id), recorded \(Self.time(run.recordedAt)) UTC, as of \(run.asOf), score \(Self.score(run.conformityScore)): "
                + "\(run.findings.major) major, \(run.findings.minor) minor, \(run.findings.ofi) ofi"
                + (run.waivedFindings > 0 ? ", \(run.waivedFindings) waived" : "")
        ]
        if findings.isEmpty { lines.append("  no findings") }
        for finding in findings {
            let place = [finding.itemId, finding.recordKey].compactMap { $0 }.joined(separator: " ")
            lines.append(
                "  \(PlainText.pad(finding.grade.rawValue, 5)) \(PlainText.pad(finding.clause, 7)) \(finding.ruleId)\(place.isEmpty ? "" : " [\(place)]")"
                    + "\(finding.waived ? " (waived)" : ""): \(finding.statement)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One character per run, from ▁ to █ by score; a space where the clause was not assessed.
    static func sparkline(_ scores: [Double?]) -> String {
        let levels = Array("▁▂▃▄▅▆▇█")
        return String(scores.map { score in
            guard let score else { return " " }
            return levels[min(levels.count - 1, max(0, Int((score / 100 * Double(levels.count - 1)).rounded())))]
        })
    }

    static func score(_ score: Double?) -> String {
        score.map { String(format: "%.1f%%", $0) } ?? "–"
    }

    static func time(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(dateTimeSeparator: .space))
            .replacingOccurrences(of: "Z", with: "")
    }

    struct RunsDocument: Encodable {
        let schemaVersion: String
        let store: String
        let runs: [RunSummary]
    }

    struct TrendDocument: Encodable {
        let schemaVersion: String
        let store: String
        let clause: String
        let rulesetId: String?
        let points: [ClausePoint]
        /// Where the edition a ruleset audits against changed between two of its points.
        let editionBreaks: [EditionBreak]
    }

    struct GroupDocument: Encodable {
        let schemaVersion: String
        let group: GroupOverview
    }

    struct FindingsDocument: Encodable {
        let schemaVersion: String
        let store: String
        let run: RunSummary
        let findings: [RecordedFinding]
    }
}

extension Sequence where Element: Hashable {
    /// The elements in first-seen order, each once.
    fileprivate func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}

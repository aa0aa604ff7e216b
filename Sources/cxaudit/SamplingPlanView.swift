import AuditEngine
import Foundation

/// Renders what `cxaudit sample-sites` prints: a table for the auditor, or versioned JSON
/// for scripts.
struct SamplingPlanView {
    /// Version of the JSON document `cxaudit sample-sites --format json` prints.
    static let jsonVersion = "1"

    /// Where the sites' risk was read.
    enum RiskSource: Equatable {
        /// No history store was given.
        case none
        case store(path: String, runs: Int, sitesWithRuns: Int, unlistedSites: [String])
    }

    let sitesFile: String
    let riskSource: RiskSource
    /// The seed came from --seed, rather than being chosen by this run.
    let seedGiven: Bool

    func text(_ plan: SamplingPlan) -> String {
        let size = plan.sampleSize
        let central = plan.visits.contains { $0.selection == .central }
        var lines = ["Sites to visit at the \(plan.stage.rawValue) audit, after IAF MD 1 (docs/site-sampling.md)", ""]
        lines.append("  sites:    x = \(size.siteCount)\(central ? ", the central function not counted" : "; no central function marked")")
        lines.append("  sample:   \(size.formula)\(size.coversAllSites ? ": every site is visited" : "")")
        if !size.coversAllSites {
            lines.append("  random:   \(size.randomCount) (at least 25 % of y, rounded up), seed \(plan.seed)\(seedGiven ? "" : " (chosen by this run)")")
            lines.append("  by risk:  \(size.riskCount) (open majors, then the worst fall in score, then sites with no recorded run)")
        }
        lines.append("  history:  \(historyLine(plan))")
        if plan.stage == .recertification {
            lines.append(
                "  note:     0.8 × √x is MD 1's reduced recertification sample, for a management system that proved effective over"
            )
            lines.append("            the cycle; otherwise recertification samples as many sites as an initial audit (--stage initial).")
        }
        lines.append("")
        let idWidth = max(4, plan.visits.map(\.site.id.count).max() ?? 0)
        let nameWidth = max(4, plan.visits.map { ($0.site.name ?? "").count }.max() ?? 0)
        lines.append("  \(PlainText.pad("site", idWidth))  \(PlainText.pad("name", nameWidth))  reason")
        for visit in plan.visits {
            lines.append("  \(PlainText.pad(visit.site.id, idWidth))  \(PlainText.pad(visit.site.name ?? "", nameWidth))  \(visit.reason)")
        }
        if !plan.notVisited.isEmpty {
            lines += ["", "Not visited this time: \(plan.notVisited.map(\.id).joined(separator: ", "))."]
        }
        if !seedGiven && !size.coversAllSites {
            lines += ["", "To draw the same sites again: --seed \(plan.seed)."]
        }
        return lines.map { $0.replacingOccurrences(of: #"\s+$"#, with: "", options: .regularExpression) }.joined(separator: "\n") + "\n"
    }

    private func historyLine(_ plan: SamplingPlan) -> String {
        switch riskSource {
        case .none:
            return "none given (--history): every site's risk is unknown"
        case let .store(path, runs, sitesWithRuns, unlisted):
            var words = ["\(path): \(runs) run\(runs == 1 ? "" : "s")"]
            words.append("\(sitesWithRuns) of the \(plan.sampleSize.siteCount) sites with recorded runs")
            if !unlisted.isEmpty { words.append("runs of sites not in the file: \(unlisted.joined(separator: ", "))") }
            return words.joined(separator: "; ")
        }
    }

    func json(_ plan: SamplingPlan) throws -> String {
        let size = plan.sampleSize
        let history: HistoryDocument? =
            switch riskSource {
            case .none: nil
            case let .store(path, runs, sitesWithRuns, unlisted):
                HistoryDocument(store: path, runs: runs, sitesWithRuns: sitesWithRuns, unlistedSites: unlisted)
            }
        let document = Document(
            schemaVersion: Self.jsonVersion, source: "IAF MD 1 (docs/site-sampling.md)", sitesFile: sitesFile, stage: plan.stage.rawValue,
            siteCount: size.siteCount, sampleSize: size.size, formula: size.formula, coversAllSites: size.coversAllSites,
            randomCount: size.coversAllSites ? 0 : size.randomCount, riskCount: size.coversAllSites ? 0 : size.riskCount,
            seed: plan.seed, seedGiven: seedGiven, history: history,
            visits: plan.visits.map {
                Visit(site: $0.site.id, name: $0.site.name, central: $0.site.isCentral, selection: $0.selection.rawValue, reason: $0.reason, risk: $0.risk)
            },
            notVisited: plan.notVisited.map { SiteName(site: $0.id, name: $0.name) })
        return try PlainText.json(document)
    }

    struct Document: Encodable {
        let schemaVersion: String
        let source: String
        let sitesFile: String
        let stage: String
        /// x: the sites sampled from, the central function not counted.
        let siteCount: Int
        /// y, capped at x: the sites visited besides the central function.
        let sampleSize: Int
        let formula: String
        let coversAllSites: Bool
        let randomCount: Int
        let riskCount: Int
        let seed: UInt64
        let seedGiven: Bool
        let history: HistoryDocument?
        let visits: [Visit]
        let notVisited: [SiteName]
    }

    struct HistoryDocument: Encodable {
        let store: String
        let runs: Int
        /// Sites of the file, the central function aside, that have recorded runs.
        let sitesWithRuns: Int
        /// Sites runs name that the sites file does not list (a renamed site, or a typo).
        let unlistedSites: [String]
    }

    struct Visit: Encodable {
        let site: String
        let name: String?
        let central: Bool
        /// central, all, random or risk.
        let selection: String
        let reason: String
        let risk: SiteRisk?
    }

    struct SiteName: Encodable {
        let site: String
        let name: String?
    }
}

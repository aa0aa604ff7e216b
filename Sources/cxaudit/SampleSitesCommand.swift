public import ArgumentParser
import AuditEngine
import AuditHistory
import AuditModel
import Foundation

extension AuditStage: ExpressibleByArgument {}

/// `cxaudit sample-sites --format`.
enum SamplingPlanFormat: String, CaseIterable, ExpressibleByArgument {
    case text
    case json
}

struct SampleSitesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample-sites",
        abstract: "Choose the sites of a multi-site organization to visit, after IAF MD 1.",
        discussion: """
            Reads the sites file (CSV: site, and optionally name and central) and prints the sites \
            one audit visits, each with its reason: the central function always; of the other x sites, \
            y = sqrt(x) at an initial audit, 0.6 sqrt(x) at surveillance, 0.8 sqrt(x) at recertification, \
            rounded up; \
            at least a quarter of y (rounded up) drawn at random, the rest chosen by risk from --history: \
            open major nonconformities first, then the worst fall in score, then sites with no recorded \
            run. The same file, stage, seed and history give the same plan; without --seed a seed is \
            chosen and printed. What of MD 1 this covers, and what it leaves to the auditor: \
            docs/site-sampling.md.

            Exit status: 0 the plan was printed; 2 the sites file or the history store cannot be used.
            """
    )

    @Option(
        help: ArgumentHelp("The sites file (CSV with a header: site, name, central).", valueName: "file"),
        completion: .file(extensions: ["csv"]))
    var sites: String

    @Option(help: ArgumentHelp("The audit of the certification cycle: initial, surveillance or recertification.", valueName: "stage"))
    var stage: AuditStage

    @Option(help: ArgumentHelp("Seed of the random draw, to repeat a plan. Default: chosen at random and printed.", valueName: "n"))
    var seed: UInt64?

    @Option(
        help: ArgumentHelp("A history store (docs/history.md) whose runs name their site: the risk of each site.", valueName: "path"),
        completion: .file(extensions: ["sqlite"]))
    var history: String?

    @Option(help: "Output format: text or json.")
    var format: SamplingPlanFormat = .text

    func run() throws {
        let sitesURL = URL(fileURLWithPath: sites)
        let siteList = try Console.loadOrExit { () throws(SitesFileError) in
            try SitesFile.read(sitesURL, displayName: Console.displayPath(sitesURL))
        }
        var source = SamplingPlanView.RiskSource.none
        var risks: [String: SiteRisk] = [:]
        if let history {
            let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            let location = try Console.loadOrExit { () throws(HistoryLocationError) in try HistoryLocation(history, relativeTo: here) }
            let store = try Console.loadOrExit { () throws(HistoryError) in try RunHistories.open(location, create: false) }
            let runs = try Console.loadOrExit { () throws(HistoryError) in try store.runs(limit: nil, site: nil) }
            risks = SiteRisk.fromHistory(runs)
            let listed = Set(siteList.map(\.id))
            source = .store(
                path: Console.displayLocation(location), runs: runs.count,
                sitesWithRuns: siteList.count { !$0.isCentral && risks[$0.id] != nil },
                unlistedSites: risks.keys.filter { !listed.contains($0) }.sorted())
        }
        let plan = SiteSampler.plan(sites: siteList, stage: stage, seed: seed ?? UInt64.random(in: 0..<1_000_000_000), risks: risks)
        let view = SamplingPlanView(sitesFile: Console.displayPath(sitesURL), riskSource: source, seedGiven: seed != nil)
        let output = format == .json ? try view.json(plan) : view.text(plan)
        FileHandle.standardOutput.write(Data(output.utf8))
    }
}

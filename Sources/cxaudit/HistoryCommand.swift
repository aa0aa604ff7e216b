import ArgumentParser
import AuditEngine
import AuditHistory
import Foundation

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Show recorded runs and the trend of a clause's score.",
        discussion: """
            Runs are recorded by `cxaudit check --history` (or history = true in cxaudit.toml) \
            into EVIDENCE_DIR/.cxaudit/history.sqlite, or the --store given (docs/history.md).

            Exit status: 0 shown; 2 the store is missing or unreadable.
            """
    )

    @Argument(help: "The evidence folder whose history to show. Default: the shipped sample.")
    var evidenceFolder: String?

    @Option(help: "The history store. Default: EVIDENCE_DIR/.cxaudit/history.sqlite.")
    var store: String?

    @Option(help: "Show the trend of this clause's score over the runs, e.g. 9.1.2.")
    var clause: String?

    @Option(help: "Runs to list, newest first.")
    var limit = 20

    @Option(help: "Output: text or json.")
    var format: Format = .text

    enum Format: String, ExpressibleByArgument {
        case text
        case json
    }

    func run() throws {
        let url: URL
        if let store {
            url = URL(fileURLWithPath: store)
        } else {
            guard let folder = evidenceFolder.map({ URL(fileURLWithPath: $0) }) ?? ResourceLocator.locate()?.defaultEvidence else {
                Console.error("error: no evidence folder given and the shipped sample cannot be found; pass EVIDENCE_DIR or --store.")
                throw ExitStatus.incomplete
            }
            url = HistoryStore.defaultURL(forEvidenceFolder: folder)
        }
        let history = try Console.loadOrExit { () throws(HistoryError) in try HistoryStore(url: url, create: false) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        if let clause {
            let trend = try Console.loadOrExit { () throws(HistoryError) in try history.clauseTrend(clause: clause) }
            if format == .json {
                FileHandle.standardOutput.write((try encoder.encode(trend)) + Data("\n".utf8))
                return
            }
            print("Clause \(clause): score per run (share of its evaluated rules that conform)")
            for point in trend {
                let score = point.score.map { String(format: "%5.1f%%", $0) } ?? "    –"
                let bar = String(repeating: "█", count: Int(((point.score ?? 0) / 5).rounded()))
                print("  #\(point.runId)  as of \(point.asOf)  \(score)  \(point.verdict.padding(toLength: 13, withPad: " ", startingAt: 0)) \(bar)")
            }
            if trend.isEmpty { print("  no recorded run has this clause") }
            return
        }
        let runs = try Console.loadOrExit { () throws(HistoryError) in try history.runs(limit: limit) }
        if format == .json {
            FileHandle.standardOutput.write((try encoder.encode(runs)) + Data("\n".utf8))
            return
        }
        print("Runs recorded in \(Console.displayPath(url)), newest first:")
        for run in runs {
            let score = run.score.map { String(format: "%5.1f%%", $0) } ?? "    –"
            print(
                "  #\(run.id)  \(run.recordedAt)  as of \(run.asOf)  score \(score)  \(run.major) major, \(run.minor) minor, \(run.ofi) ofi  \(run.rulesets)\(run.incomplete ? "  (incomplete)" : "")")
        }
        if runs.isEmpty { print("  none yet") }
    }
}

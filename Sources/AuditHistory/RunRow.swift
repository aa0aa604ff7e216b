import AuditModel
import CalendarDates
import Foundation

/// What both stores write for one run, computed once from the run: its scalar columns and
/// each clause's verdict and score.
struct RunRow {
    struct Clause {
        let rulesetId: String
        let number: String
        let title: String
        let verdict: ClauseVerdict
        let score: Double?
    }

    /// The job's clock to the whole second: both stores keep it to the second, so the same
    /// runs read back alike from either.
    let recordedAt: Date
    let asOf: String
    let toolVersion: String
    let evidenceFolder: String
    let organization: String
    let site: String
    let score: Double?
    /// major, minor, ofi, waived findings, then passed, failed, errors, not applicable,
    /// not checked and waived results: the columns in that order.
    let counts: [Int]
    let incomplete: Bool
    let clauses: [Clause]

    init(_ run: AuditRun, recordedAt: Date, evidenceFolder: String, site: String?) {
        let tally = RunCounts(run)
        self.recordedAt = Date(timeIntervalSince1970: recordedAt.timeIntervalSince1970.rounded(.down))
        asOf = run.asOf.description
        toolVersion = run.tool.version
        self.evidenceFolder = evidenceFolder
        organization = run.evidence.organization
        self.site = site ?? run.evidence.organization
        score = run.conformityScore
        counts = [
            tally.findings.major, tally.findings.minor, tally.findings.ofi, tally.waived.total, tally.results.pass, tally.results.fail,
            tally.results.error, tally.results.notApplicable, tally.results.notChecked, tally.results.waived,
        ]
        incomplete = run.isIncomplete
        clauses = run.clauses.map { summary in
            Clause(
                rulesetId: summary.rulesetId, number: summary.number, title: summary.title, verdict: summary.verdict,
                score: run.conformityScore(rulesetId: summary.rulesetId, ruleIds: summary.ruleIds))
        }
    }
}

/// The counts of one run, defined once: every report, the exit status, the history and the
/// evidence pack's index take their numbers from here, so no two of them can tell a
/// different story about the same run.
///
/// A finding an active waiver covers is counted as waived, never under its grade: it does not
/// decide the exit status and its clause may be conforming. A waiver that expired covers
/// nothing, so its findings count under their grades again.
public struct RunCounts: Sendable, Hashable {
    /// Findings no active waiver covers, per grade: what `--fail-on` looks at.
    public var findings: GradeCounts
    /// Findings an active waiver covers, per grade of the finding.
    public var waived: GradeCounts
    /// Rule results per status, waived and not checked included.
    public var results: StatusCounts
    /// Clauses per verdict; every verdict is present, most with 0.
    public var clauses: [ClauseVerdict: Int]
    /// How the findings compare with the baseline; nil when the run was not compared with one.
    public var baseline: Baseline?

    /// The findings of a run compared with a baseline run, by fingerprint.
    public struct Baseline: Sendable, Hashable {
        /// Findings not in the baseline, waived ones included.
        public var new: Int
        /// Findings in the baseline too, waived ones included.
        public var unchanged: Int
        /// Findings of the baseline that no longer occur.
        public var resolved: Int
        /// The new findings no active waiver covers, per grade: what `--fail-on-new` looks at.
        public var newFindings: GradeCounts

        public init(new: Int, unchanged: Int, resolved: Int, newFindings: GradeCounts) {
            self.new = new
            self.unchanged = unchanged
            self.resolved = resolved
            self.newFindings = newFindings
        }
    }

    /// Counts `run` as it stands (after waivers and the baseline comparison, when applied).
    public init(_ run: AuditRun) {
        let active = run.findings.filter { !$0.isWaived }
        findings = GradeCounts(counting: active.map(\.grade))
        waived = GradeCounts(counting: run.findings.filter(\.isWaived).map(\.grade))
        results = StatusCounts(counting: run.results.map(\.status))
        var clauses = Dictionary(uniqueKeysWithValues: ClauseVerdict.allCases.map { ($0, 0) })
        for clause in run.clauses { clauses[clause.verdict, default: 0] += 1 }
        self.clauses = clauses
        baseline = run.baseline.map { comparison in
            Baseline(
                new: run.findings.count { $0.baseline == .new }, unchanged: run.findings.count { $0.baseline == .unchanged },
                resolved: comparison.resolvedFindings.count,
                newFindings: GradeCounts(counting: active.filter { $0.baseline == .new }.map(\.grade)))
        }
    }

    /// The active findings that fail a run at `threshold`: those at or above it, and only the new
    /// ones when `onlyNew` and the run was compared with a baseline. 0 without a threshold
    /// (`--fail-on never`).
    public func failing(threshold: Grade?, onlyNew: Bool) -> Int {
        guard let threshold else { return 0 }
        if onlyNew, let baseline { return baseline.newFindings.atLeast(threshold) }
        return findings.atLeast(threshold)
    }
}

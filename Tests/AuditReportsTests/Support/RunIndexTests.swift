import AuditModel
import CalendarDates
import Testing

@testable import AuditReports

@Suite("Run index")
struct RunIndexTests {
    static func result(_ rule: String, _ status: ResultStatus, item: String? = nil, clause: String = "9.1.2", grade: Grade = .minor, findings: [String] = [])
        -> RuleResult
    {
        RuleResult(
            rulesetId: "rs", ruleId: rule, clause: clause, itemId: item, evidenceType: "t", status: status, grade: grade, statement: rule,
            findingIds: findings)
    }

    static func entry(_ statuses: [ResultStatus]) -> RuleEntry {
        RuleEntry(
            key: RuleKey(rulesetId: "rs", ruleId: "R"), clause: "1", clauseTitle: "", title: nil, grade: .minor, rationale: nil, remediation: nil,
            requirement: nil, references: [], results: statuses.map { result("R", $0) })
    }

    @Test("a rule's status over its items: any error, else any failure, else pass, waived, not applicable, not checked", arguments: [
        ([ResultStatus.pass, .fail, .error], ResultStatus.error),
        ([.pass, .fail, .waived], .fail),
        ([.waived, .pass], .pass),
        ([.waived, .notapplicable], .waived),
        ([.notapplicable, .notchecked], .notapplicable),
        ([.notchecked], .notchecked),
        ([], .notchecked),
    ])
    func ruleStatus(statuses: [ResultStatus], status: ResultStatus) {
        #expect(Self.entry(statuses).status == status)
    }

    @Test("a rule without a known title is shown by its id")
    func displayTitle() {
        #expect(Self.entry([]).displayTitle == "R")
    }

    /// Clause 9.1.2 lists R-2 then R-1; R-3 has results and a finding but no clause; R-1 is described in the context.
    static var index: RunIndex {
        var run = sampleRun()
        run.clauses = [
            ClauseSummary(rulesetId: "rs", number: "9.1.2", title: "Satisfaction", intent: "", crosswalk: [], verdict: .minorNonconformity, ruleIds: ["R-2", "R-1"])
        ]
        run.findings[0].ruleId = "R-3"
        run.results = [
            result("R-1", .pass, item: "S-1"), result("R-3", .fail, item: "S-1", clause: "8.5", findings: ["f0"]), result("R-1", .fail, item: "S-2", grade: .major),
        ]
        run.evidence.items = [
            EvidenceItemInfo(id: "S-1", type: "survey", file: "surveys/s1.xml", format: .xml, date: nil, site: nil, owner: nil, sha256: nil, bytes: nil),
            EvidenceItemInfo(id: "S-2", type: "survey", file: "surveys/s2.xml", format: .xml, date: nil, site: nil, owner: nil, sha256: nil, bytes: nil),
            EvidenceItemInfo(id: "CL", type: "complaints-log", file: "log.csv", format: .csv, date: nil, site: nil, owner: nil, sha256: nil, bytes: nil),
        ]
        let context = ReportContext(
            generatedAt: ReportTimestamp(secondsSinceEpoch: 0), evidenceFolder: "orgs/acme/",
            rules: [
                RuleDescription(
                    rulesetId: "rs", id: "R-1", clause: "9.1.2", title: "Surveys are analysed", grade: .ofi, rationale: "Why.", remediation: "Analyse.",
                    references: ["ISO 9001 9.1.3"], checkKind: .records)
            ])
        return RunIndex(run, context: context)
    }

    @Test("rules come in clause order, then rules with results but no clause, each once")
    func ruleOrder() {
        #expect(Self.index.rules.map(\.key.ruleId) == ["R-2", "R-1", "R-3"])
        #expect(Self.index.rules(of: Self.index.run.clauses[0]).map(\.key.ruleId) == ["R-2", "R-1"])
    }

    @Test("a rule is described from the context's catalog, else from its first finding; its grade is its results' own")
    func descriptions() throws {
        let described = try #require(Self.index.rule(RuleKey(rulesetId: "rs", ruleId: "R-1")))
        #expect(described.title == "Surveys are analysed")
        #expect(described.references == ["ISO 9001 9.1.3"])
        #expect(described.grade == .minor, "the first result's grade wins over the catalog's")
        #expect(described.results.map(\.itemId) == ["S-1", "S-2"])
        #expect(described.status == .fail)
        let fromFinding = try #require(Self.index.rule(RuleKey(rulesetId: "rs", ruleId: "R-3")))
        #expect(fromFinding.title == "Acknowledge complaints", "the finding's rule title")
        #expect(fromFinding.remediation == "Acknowledge within 2 days.")
        #expect(fromFinding.clause == "8.5")
        #expect(fromFinding.clauseTitle == "", "no clause summary for 8.5")
        let unknown = try #require(Self.index.rule(RuleKey(rulesetId: "rs", ruleId: "R-2")))
        #expect(unknown.results.isEmpty && unknown.title == nil)
        #expect(Self.index.rule(RuleKey(rulesetId: "other", ruleId: "R-1")) == nil)
    }

    @Test("the index's counts are the run's RunCounts")
    func counts() {
        #expect(Self.index.counts == RunCounts(Self.index.run))
        #expect(Self.index.counts.findings == GradeCounts(minor: 1))
        #expect(Self.index.counts.results == StatusCounts(pass: 1, fail: 2))
    }

    @Test("findings, items and files are looked up by id")
    func lookups() throws {
        let index = Self.index
        let failing = try #require(index.run.results.first { $0.ruleId == "R-3" })
        #expect(index.findings(of: failing).map(\.id) == ["f0"])
        #expect(index.file(of: failing) == "surveys/s1.xml")
        #expect(index.file(of: ObjectiveEvidence(itemId: "S-2", evidenceType: "survey")) == "surveys/s2.xml", "the item's file when the finding cites none")
        #expect(index.file(of: ObjectiveEvidence(itemId: nil, evidenceType: "survey")) == nil)
        #expect(index.items(ofType: "survey").map(\.id) == ["S-1", "S-2"])
    }

    @Test("evidence files are cited from where cxaudit ran, under the evidence folder as named")
    func evidencePaths() {
        func path(_ folder: String?) -> String {
            RunIndex(sampleRun(), context: ReportContext(generatedAt: ReportTimestamp(secondsSinceEpoch: 0), evidenceFolder: folder))
                .path(ofEvidenceFile: "log.csv")
        }
        #expect(path("orgs/acme//") == "orgs/acme/log.csv")
        #expect(path(nil) == "log.csv")
        #expect(path("") == "log.csv")
        #expect(path(".") == "log.csv")
    }

    @Test("an evidence folder outside the working directory is never cited: files are relative to it, absolute files by name")
    func hostIndependentPaths() {
        let index = RunIndex(
            sampleRun(), context: ReportContext(generatedAt: ReportTimestamp(secondsSinceEpoch: 0), evidenceFolder: "/srv/evidence/leeds"))
        #expect(index.workingDirectoryPrefix == nil)
        #expect(index.path(ofEvidenceFile: "complaints/log.csv") == "complaints/log.csv")
        #expect(index.path(ofEvidenceFile: "/home/qm/rulesets/extra.xml") == "extra.xml")
        #expect(RunIndex(sampleRun(), context: ReportContext(generatedAt: ReportTimestamp(secondsSinceEpoch: 0), evidenceFolder: "/"))
            .path(ofEvidenceFile: "log.csv") == "log.csv")
        #expect(RunIndex.hostIndependent("Rulesets/a.xml") == "Rulesets/a.xml")
    }

    @Test("a location reads file:line [key], or the evidence type when no file is cited")
    func location() {
        let index = Self.index
        #expect(index.location(of: ObjectiveEvidence(itemId: "CL", evidenceType: "complaints-log", file: "log.csv", line: 12, recordKey: "C-7")) == "log.csv:12 [C-7]")
        #expect(index.location(of: ObjectiveEvidence(itemId: "S-1", evidenceType: "survey")) == "surveys/s1.xml")
        #expect(index.location(of: ObjectiveEvidence(itemId: nil, evidenceType: "management-review")) == "management-review")
    }

    @Test("numbers, statuses and outcomes read the same way in every human-oriented report")
    func reportText() {
        #expect(ReportText.number(50) == "50")
        #expect(ReportText.number(27.3) == "27.3")
        #expect(ReportText.short(4.4567) == "4.46")
        #expect(ResultStatus.allCases.map(ReportText.status) == ["Pass", "Fail", "Error", "Not applicable", "Not checked", "Waived"])
        #expect(ReportText.outcome(Self.result("R", .fail, grade: .major)) == "Fail (major)")
        #expect(ReportText.outcome(Self.result("R", .waived, grade: .major)) == "Waived")
        #expect(ReportText.more(12) == "… and 12 more")
        #expect(ReportText.more(3, noun: "more items") == "… and 3 more items")
    }
}

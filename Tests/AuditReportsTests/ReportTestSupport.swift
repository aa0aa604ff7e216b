import AuditModel
import AuditReports
import CalendarDates
import Foundation
import Testing

/// A run and the context it is rendered in: what every reporter test renders, in any
/// format, and reads back the way the format's consumer would.
struct ReportInput {
    var run: AuditRun
    var context: ReportContext

    /// The sample organization's frozen run (`NorthwindFixture`), as `cxaudit check` renders it from a checkout.
    static var northwind: ReportInput { ReportInput(run: NorthwindFixture.run, context: NorthwindFixture.context) }

    /// Every awkward case a report must survive (`edgeCaseRun()`), in a folder with a space and a list limit of 3.
    static var edgeCases: ReportInput { ReportInput(run: edgeCaseRun(), context: edgeCaseContext) }

    /// The small run (`sampleRun(findingCount:)`) at the fixed generation time.
    static func sample(findingCount: Int = 1) -> ReportInput { ReportInput(run: sampleRun(findingCount: findingCount), context: fixedContext) }

    /// `largeRun(rules:items:)` generated at the epoch, with the default list limit.
    static func large(rules: Int, items: Int) -> ReportInput {
        ReportInput(run: largeRun(rules: rules, items: items), context: ReportContext(generatedAt: ReportTimestamp(secondsSinceEpoch: 0)))
    }

    /// The run rendered in `format`.
    func rendered(_ format: ReportFormat) throws -> Data {
        try format.render(run, context: context)
    }

    /// The rendering as text.
    func text(_ format: ReportFormat) throws -> String {
        String(decoding: try rendered(format), as: UTF8.self)
    }

    /// The rendering parsed as a JSON object.
    func json(_ format: ReportFormat, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: rendered(format)) as? [String: Any], sourceLocation: sourceLocation)
    }

    /// The rendering parsed as XML: its root element.
    func xml(_ format: ReportFormat, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> XMLTree {
        try #require(XMLTree.parse(rendered(format)), "not well-formed XML", sourceLocation: sourceLocation)
    }

    /// The rendering parsed as RFC 4180 CSV, as a spreadsheet imports it: the UTF-8
    /// byte-order mark is read as the encoding, not as text of the first cell.
    func csv(_ format: ReportFormat) throws -> [[String]] {
        let text = try text(format)
        return parseCSV(text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text)
    }
}

/// A fixed generation time, 2026-11-30T08:00:00Z, so rendered bytes do not depend on the clock.
let fixedContext = ReportContext(generatedAt: ReportTimestamp(secondsSinceEpoch: 1_796_025_600))

/// A small, fully specified run for reporter tests.
func sampleRun(findingCount: Int = 1) -> AuditRun {
    let evidence = ObjectiveEvidence(
        itemId: "CL", evidenceType: "complaints-log", file: "log.csv", line: 12, recordKey: "C-7", xpath: "/table/record[11]",
        nativeLocator: "record 11", sha256: String(repeating: "a", count: 64))
    let findings = (0..<findingCount).map { index in
        Finding(
            id: "f\(index)", grade: .minor, rulesetId: "rs", clause: "8.2.1", clauseTitle: "Customer communication", ruleId: "R-1",
            ruleTitle: "Acknowledge complaints", statement: "Complaint C-\(index) was acknowledged late.",
            requirement: "Respond promptly.", evidence: evidence, measurements: [Measurement(name: "days", value: "5", number: 5)],
            remediation: "Acknowledge within 2 days.")
    }
    let results = [
        RuleResult(
            rulesetId: "rs", ruleId: "R-1", clause: "8.2.1", itemId: "CL", evidenceType: "complaints-log", status: .fail, grade: .minor,
            statement: "\(findingCount) of 40 records do not conform.", recordsChecked: 40, recordsFailed: findingCount,
            findingIds: findings.map(\.id)),
        RuleResult(
            rulesetId: "rs", ruleId: "R-2", clause: "9.3", itemId: nil, evidenceType: "management-review", status: .pass, grade: .major,
            statement: "Reviewed 30 days ago."),
    ]
    return AuditRun(
        tool: ToolInfo(version: "9.9.9"), asOf: CalendarDate(year: 2026, month: 11, day: 30)!,
        rulesets: [RulesetInfo(id: "rs", version: "1.0.0", title: "RS", file: "rs.xml", sha256: "b")],
        evidence: EvidenceInfo(organization: "Org", register: "evidence-register.xml", items: []),
        clauses: [
            ClauseSummary(rulesetId: "rs", number: "8.2.1", title: "Customer communication", intent: "i", crosswalk: [], verdict: .minorNonconformity, ruleIds: ["R-1"]),
            ClauseSummary(rulesetId: "rs", number: "9.3", title: "Management review", intent: "i", crosswalk: [], verdict: .conforming, ruleIds: ["R-2"]),
        ],
        results: results, findings: findings, diagnostics: [])
}

/// A run with every awkward case a report must survive: markup and formula
/// text in the evidence, an evaluation error, a not-applicable result, a clause
/// with no rule, a finding about missing evidence, an unreadable file, input
/// diagnostics and a trend series; and as `cxaudit check --waivers --baseline` leaves
/// a run: a rule-level waiver covering a whole result (waived), a record-level
/// waiver covering one of a failing result's two findings, an expired waiver that
/// covers nothing (its finding counts again, with a warning), and a baseline
/// comparison with new, unchanged and resolved findings.
func edgeCaseRun() -> AuditRun {
    let hostile = "<script>alert(\"x\")</script> & =HYPERLINK(\"http://evil\") | *bold* [link](x) \u{0007}"
    let log = EvidenceItemInfo(
        id: "CL&1", type: "complaints-log", file: "complaints/log <2026>.csv", format: .csv, date: CalendarDate(iso: "2026-11-20"),
        site: "leeds", owner: "=cmd|' /C calc'!A0", sha256: String(repeating: "c", count: 64), bytes: 1234)
    let broken = EvidenceItemInfo(
        id: "MR-1", type: "management-review", file: "reviews/mr 1.xml", format: .xml, date: CalendarDate(iso: "2026-10-01"),
        site: nil, owner: nil, sha256: nil, bytes: nil)
    var findings = [
        Finding(
            id: "0a1b2c3d4e5f60718293a4b5c6d7e8f9", grade: .major, rulesetId: "edge", clause: "8.2.1", clauseTitle: "Communication & \"feedback\"",
            ruleId: "E-1", ruleTitle: "Complaints <acknowledged>", statement: "Complaint \(hostile) was not acknowledged.",
            requirement: "Respond to customers; \"promptly\" means < 2 days.",
            evidence: ObjectiveEvidence(
                itemId: "CL&1", evidenceType: "complaints-log", file: "complaints/log <2026>.csv", line: 7, recordKey: "-C-1",
                xpath: "/table/record[5]", nativeLocator: "record 5", sha256: String(repeating: "c", count: 64)),
            measurements: [Measurement(name: "ack after", value: "<5>", number: 5)], remediation: "+Acknowledge @ once."),
        Finding(
            id: "1b2c3d4e5f60718293a4b5c6d7e8f90a", grade: .major, rulesetId: "edge", clause: "8.2.1", clauseTitle: "Communication & \"feedback\"",
            ruleId: "E-1", ruleTitle: "Complaints <acknowledged>", statement: "Complaint C-2 was not acknowledged.",
            requirement: "Respond to customers; \"promptly\" means < 2 days.",
            evidence: ObjectiveEvidence(
                itemId: "CL&1", evidenceType: "complaints-log", file: "complaints/log <2026>.csv", line: 9, recordKey: "C-2",
                xpath: "/table/record[7]", nativeLocator: "record 7", sha256: String(repeating: "c", count: 64)),
            measurements: [], remediation: "+Acknowledge @ once."),
        Finding(
            id: "ffeeddccbbaa99887766554433221100", grade: .ofi, rulesetId: "edge", clause: "9.1.2", clauseTitle: "Satisfaction",
            ruleId: "E-4", ruleTitle: "CSAT does not decline", statement: "CSAT fell from 4.4 to 3.8.",
            requirement: "Satisfaction is monitored.", evidence: ObjectiveEvidence(itemId: nil, evidenceType: "satisfaction-survey"),
            measurements: [], remediation: "Analyse the decline."),
        Finding(
            id: "5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e", grade: .minor, rulesetId: "edge", clause: "9.1.2", clauseTitle: "Satisfaction",
            ruleId: "E-5", ruleTitle: "Enough survey responses", statement: "=HYPERLINK(\"http://evil\") only 12 responses; waived until 2027-01-31.",
            requirement: "At least 30 responses a quarter.", evidence: ObjectiveEvidence(itemId: nil, evidenceType: "satisfaction-survey"),
            measurements: [Measurement(name: "responses", value: "12", number: 12)], remediation: "Survey more customers."),
    ]
    findings[1].waiver = WaiverReference(
        id: "W-REC", justification: "Acknowledged by post <2026-11-02>; the log was not updated | =SUM(A1)", approver: "Rajesh Iyer & Co",
        expires: CalendarDate(year: 2027, month: 1, day: 31)!, file: "waivers/edge waivers.xml")
    findings[3].waiver = WaiverReference(
        id: "W-RULE", justification: "Survey paused during the *system* migration.", approver: "Helen Marsh",
        expires: CalendarDate(year: 2027, month: 1, day: 31)!, file: "waivers/edge waivers.xml")
    let states: [BaselineState] = [.unchanged, .new, .unchanged, .unchanged]
    for (index, state) in states.enumerated() { findings[index].baseline = state }
    let results = [
        RuleResult(
            rulesetId: "edge", ruleId: "E-1", clause: "8.2.1", itemId: "CL&1", evidenceType: "complaints-log", status: .fail, grade: .major,
            statement: "2 of 3 records do not conform: \(hostile)", recordsChecked: 3, recordsFailed: 2, findingIds: [findings[0].id, findings[1].id]),
        RuleResult(
            rulesetId: "edge", ruleId: "E-2", clause: "9.3", itemId: "MR-1", evidenceType: "management-review", status: .error, grade: .major,
            statement: "reviews/mr 1.xml:2: DOCTYPE not allowed"),
        RuleResult(
            rulesetId: "edge", ruleId: "E-3", clause: "8.3", itemId: nil, evidenceType: "design-review", status: .notapplicable, grade: .major,
            statement: "Not applicable: design is out of scope."),
        RuleResult(
            rulesetId: "edge", ruleId: "E-4", clause: "9.1.2", itemId: nil, evidenceType: "satisfaction-survey", status: .fail, grade: .ofi,
            statement: "CSAT fell from 4.4 to 3.8.", findingIds: [findings[2].id],
            series: [SeriesPoint(period: "2026-Q1", value: 4.4), SeriesPoint(period: "2026-Q2", value: 4.1), SeriesPoint(period: "2026-Q3", value: 3.8)]),
        RuleResult(
            rulesetId: "edge", ruleId: "E-5", clause: "9.1.2", itemId: nil, evidenceType: "satisfaction-survey", status: .waived, grade: .minor,
            statement: "=HYPERLINK(\"http://evil\") only 12 responses; waived until 2027-01-31.", findingIds: [findings[3].id]),
    ]
    var run = AuditRun(
        tool: ToolInfo(version: "9.9.9"), asOf: CalendarDate(year: 2026, month: 11, day: 30)!,
        rulesets: [
            RulesetInfo(
                id: "edge", version: "0.1.0", title: "Edge <cases>", file: "Rulesets/edge cases.xml", sha256: String(repeating: "e", count: 64),
                standards: [Standard(id: "iso9001-2015", title: "ISO 9001:2015 <QMS> & \"requirements\"", amendment: "Amd 1:2024")],
                crosswalkSources: [CrosswalkSource(id: "draft", status: .provisional, description: "ISO/FDIS 9001 <as summarised> & \"unchecked\".")])
        ],
        evidence: EvidenceInfo(organization: "Acme & Sons <Ltd>", register: "evidence-register.xml", items: [log, broken]),
        clauses: [
            ClauseSummary(
                rulesetId: "edge", number: "8.2.1", title: "Communication & \"feedback\"", intent: "Talk <with> customers.",
                crosswalk: [
                    Crosswalk(standard: "ISO 9001:2008", clauses: ["7.2.3"]),
                    Crosswalk(standard: "ISO 9001:2026", clauses: ["8.2"], status: .provisional, source: "draft", note: "Parent clause <unconfirmed>."),
                ], verdict: .majorNonconformity, ruleIds: ["E-1"]),
            ClauseSummary(rulesetId: "edge", number: "8.3", title: "Design", intent: "Control design.", crosswalk: [], verdict: .notApplicable, ruleIds: ["E-3"]),
            ClauseSummary(rulesetId: "edge", number: "8.5.3", title: "Customer property", intent: "Care for it.", crosswalk: [], verdict: .notAssessed, ruleIds: []),
            ClauseSummary(
                rulesetId: "edge", number: "9.1.2", title: "Satisfaction", intent: "Monitor perception.", crosswalk: [], verdict: .opportunityForImprovement,
                ruleIds: ["E-4", "E-5"]),
            ClauseSummary(rulesetId: "edge", number: "9.3", title: "Management review", intent: "Review.", crosswalk: [], verdict: .notAssessed, ruleIds: ["E-2"]),
        ],
        results: results, findings: findings,
        diagnostics: [
            Diagnostic(severity: .error, location: SourceLocation(file: "reviews/mr 1.xml", line: 2), message: "DOCTYPE not allowed <!DOCTYPE>"),
            Diagnostic(severity: .warning, location: SourceLocation(file: "complaints/log <2026>.csv", line: 9), message: "record 8 has 6 fields, the header has 5"),
            Diagnostic(
                severity: .warning, location: SourceLocation(file: "waivers/edge waivers.xml", line: 10),
                message: "waiver W-OLD expired on 2026-10-31; its 1 finding(s) for E-4 count again. Renew it (with approval) or fix the findings"),
        ])
    run.waivers = [
        Waiver(
            id: "W-RULE", rulesetId: "edge", ruleId: "E-5", itemId: nil, site: nil, recordKey: nil,
            justification: "Survey paused during the *system* migration.", approver: "Helen Marsh", approved: CalendarDate(iso: "2026-11-02"),
            expires: CalendarDate(year: 2027, month: 1, day: 31)!, location: SourceLocation(file: "waivers/edge waivers.xml", line: 2, column: 3)),
        Waiver(
            id: "W-REC", rulesetId: nil, ruleId: "E-1", itemId: "CL&1", site: nil, recordKey: "C-2",
            justification: "Acknowledged by post <2026-11-02>; the log was not updated | =SUM(A1)", approver: "Rajesh Iyer & Co", approved: nil,
            expires: CalendarDate(year: 2027, month: 1, day: 31)!, location: SourceLocation(file: "waivers/edge waivers.xml", line: 6, column: 3)),
        Waiver(
            id: "W-OLD", rulesetId: nil, ruleId: "E-4", itemId: nil, site: "leeds", recordKey: nil, justification: "Expired: the decline was to be analysed by October.",
            approver: "Helen Marsh", approved: CalendarDate(iso: "2026-07-01"), expires: CalendarDate(year: 2026, month: 10, day: 31)!,
            location: SourceLocation(file: "waivers/edge waivers.xml", line: 10, column: 3)),
    ]
    run.baseline = BaselineComparison(
        file: "baselines/previous results.json", baselineAsOf: "2026-10-31", newFindings: [findings[1].id],
        unchangedFindings: [findings[0].id, findings[2].id, findings[3].id],
        resolvedFindings: [
            BaselineComparison.ResolvedFinding(
                id: "9a9a9a9a9a9a9a9a9a9a9a9a9a9a9a9a", ruleId: "E-1", grade: .major, itemId: "CL&1", recordKey: "=C-0",
                statement: "Complaint <C-0> was not acknowledged | *late*.")
        ],
        waiverChanged: [findings[3].id])
    return run
}

/// The edge-case run's context: generated 2026-11-30T08:00:00Z, evidence in a folder with a space.
let edgeCaseContext = ReportContext(
    generatedAt: ReportTimestamp(secondsSinceEpoch: 1_796_025_600), evidenceFolder: "orgs/acme & sons",
    rules: [
        RuleDescription(
            rulesetId: "edge", id: "E-1", clause: "8.2.1", title: "Complaints <acknowledged>", grade: .major, rationale: "Why <not>?",
            remediation: "+Acknowledge @ once.", references: ["ISO 10002 8.3"], checkKind: .records)
    ], listLimit: 3)

/// A run with `rules` rules failing on each of `items` items, one finding per
/// result: the 100,000-result scale the reports must stay usable at.
func largeRun(rules ruleCount: Int, items itemCount: Int) -> AuditRun {
    let items = (0..<itemCount).map { index in
        EvidenceItemInfo(
            id: "S-\(index)", type: "survey", file: "surveys/s-\(index).xml", format: .xml, date: CalendarDate(iso: "2026-01-01"), site: nil,
            owner: nil, sha256: String(repeating: "d", count: 64), bytes: 100)
    }
    var results: [RuleResult] = []
    var findings: [Finding] = []
    results.reserveCapacity(ruleCount * itemCount)
    findings.reserveCapacity(ruleCount * itemCount)
    for rule in 0..<ruleCount {
        for item in 0..<itemCount {
            let id = "f-\(rule)-\(item)"
            findings.append(
                Finding(
                    id: id, grade: .minor, rulesetId: "big", clause: "9.1.2", clauseTitle: "Satisfaction", ruleId: "B-\(rule)", ruleTitle: "Rule \(rule)",
                    statement: "Survey S-\(item) misses target \(rule).", requirement: "Meet the target.",
                    evidence: ObjectiveEvidence(itemId: "S-\(item)", evidenceType: "survey", file: "surveys/s-\(item).xml", line: 3, xpath: "/survey"),
                    measurements: [], remediation: "Fix it."))
            results.append(
                RuleResult(
                    rulesetId: "big", ruleId: "B-\(rule)", clause: "9.1.2", itemId: "S-\(item)", evidenceType: "survey", status: .fail, grade: .minor,
                    statement: "Survey S-\(item) misses target \(rule).", findingIds: [id]))
        }
    }
    return AuditRun(
        tool: ToolInfo(version: "9.9.9"), asOf: CalendarDate(year: 2026, month: 11, day: 30)!,
        rulesets: [RulesetInfo(id: "big", version: "1.0.0", title: "Big", file: "big.xml", sha256: "f")],
        evidence: EvidenceInfo(organization: "Big Org", register: "evidence-register.xml", items: items),
        clauses: [
            ClauseSummary(
                rulesetId: "big", number: "9.1.2", title: "Satisfaction", intent: "Monitor.", crosswalk: [], verdict: .minorNonconformity,
                ruleIds: (0..<ruleCount).map { "B-\($0)" })
        ],
        results: results, findings: findings, diagnostics: [])
}

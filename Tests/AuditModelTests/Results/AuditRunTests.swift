import AuditModel
import CalendarDates
import Foundation
import Testing

@Suite("Audit runs")
struct AuditRunTests {
    @Test("the findings that decide the exit status are those at or above the grade that no waiver covers")
    func findingsAtLeast() {
        let audited = run(findings: [
            finding("major", .major), finding("minor", .minor), finding("ofi", .ofi), finding("waived-major", .major, waivedBy: "W-1"),
        ])
        #expect(audited.findings(atLeast: .major).map(\.id) == ["major"])
        #expect(audited.findings(atLeast: .minor).map(\.id) == ["major", "minor"])
        #expect(audited.findings(atLeast: .ofi).map(\.id) == ["major", "minor", "ofi"])
        #expect(run().findings(atLeast: .ofi).isEmpty)
    }

    @Test("a run is incomplete when an input could not be read or a rule could not be evaluated")
    func incomplete() {
        let location = SourceLocation(file: "log.csv", line: 4)
        #expect(!run(results: [result(.pass), result(.fail), result(.notapplicable)]).isIncomplete)
        #expect(!run(diagnostics: [Diagnostic(severity: .warning, location: location, message: "ragged row")]).isIncomplete)
        #expect(!run(diagnostics: [Diagnostic(severity: .note, location: location, message: "note")]).isIncomplete)
        #expect(run(diagnostics: [Diagnostic(severity: .error, location: location, message: "DOCTYPE not allowed")]).isIncomplete)
        #expect(run(results: [result(.pass, rule: "R-1"), result(.error, rule: "R-2")]).isIncomplete)
    }

    @Test("a run survives JSON encoding unchanged, waivers and baseline included")
    func codable() throws {
        var audited = run(
            results: [result(.fail, .major), result(.waived, rule: "R-2")], findings: [finding("f1", .major), finding("f2", .minor, waivedBy: "W-1")],
            diagnostics: [Diagnostic(severity: .warning, location: SourceLocation(file: "log.csv", line: 9, column: 2), message: "ragged")])
        audited.profiles = [
            ProfileInfo(
                id: "p", version: "1", title: "P", rulesetId: "rs", file: "p.xml", sha256: "c", parameters: ["window": "P6M"],
                references: ["FCA DISP 1.6.2R"])
        ]
        audited.rulesets[0].standards = [Standard(id: "iso9001-2015", title: "ISO 9001:2015", amendment: "Amd 1:2024")]
        audited.rulesets[0].crosswalkSources = [CrosswalkSource(id: "draft", status: .provisional, description: "ISO/FDIS 9001.")]
        audited.clauses = [
            ClauseSummary(
                rulesetId: "rs", number: "9.1.2", title: "Satisfaction", intent: "Monitor.",
                crosswalk: [
                    Crosswalk(standard: "ISO 9001:2008", clauses: ["8.2.1"]),
                    Crosswalk(standard: "ISO 9001:2026", clauses: ["9.1"], status: .provisional, source: "draft", note: "Parent clause."),
                ], verdict: .majorNonconformity, ruleIds: ["R-1", "R-2"])
        ]
        audited.evidence.items = [
            EvidenceItemInfo(
                id: "CL", type: "complaints-log", file: "log.csv", format: .csv, date: CalendarDate(iso: "2026-11-01"), site: nil, owner: "QM",
                sha256: nil, bytes: nil)
        ]
        audited.waivers = [
            Waiver(
                id: "W-1", rulesetId: nil, ruleId: "R-2", itemId: nil, site: "leeds", recordKey: nil, justification: "Strike.", approver: "QM",
                approved: nil, expires: calendarDate("2026-12-31"), location: SourceLocation(file: "waivers.xml", line: 3))
        ]
        audited.baseline = BaselineComparison(
            file: "baseline.json", baselineAsOf: "2026-10-31", newFindings: ["f1"], unchangedFindings: ["f2"], resolvedFindings: [],
            waiverChanged: [])
        #expect(try roundTrip(audited) == audited)
    }

    @Test("results written before editions decode: crosswalk entries as published to the year after the colon, rulesets without standards")
    func olderResults() throws {
        let crosswalk = try JSONDecoder().decode(Crosswalk.self, from: Data(#"{"standard": "ISO 9001:2008", "clauses": ["7.2.3"]}"#.utf8))
        #expect(crosswalk == Crosswalk(standard: "ISO 9001:2008", clauses: ["7.2.3"], edition: "2008", status: .published))
        let ruleset = try JSONDecoder().decode(
            RulesetInfo.self, from: Data(#"{"id": "rs", "version": "1", "title": "RS", "file": "rs.xml", "sha256": "a"}"#.utf8))
        #expect(ruleset.standards.isEmpty && ruleset.crosswalkSources.isEmpty && ruleset.editionKey == nil)
        let profile = try JSONDecoder().decode(
            ProfileInfo.self,
            from: Data(#"{"id": "p", "version": "1", "title": "P", "rulesetId": "rs", "file": "p.xml", "sha256": "c", "parameters": {}}"#.utf8))
        #expect(profile.references == nil)
    }

    @Test("the schema version is the one the shipped JSON Schema describes")
    func schemaVersion() throws {
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: ResultsSchema.file)) as? [String: Any])
        let version = (schema["properties"] as? [String: Any])?["$schemaVersion"] as? [String: Any]
        #expect(version?["const"] as? String == AuditRun.schemaVersion)
    }
}

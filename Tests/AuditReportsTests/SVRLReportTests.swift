import AuditModel
import AuditReports
import Foundation
import Testing

@Suite("SVRL report")
struct SVRLReportTests {
    @Test("nonconformities are failed asserts, OFIs successful reports, each at the record's XPath")
    func findings() throws {
        let root = try ReportInput.northwind.xml(.svrl)
        #expect(root.name == "svrl:schematron-output")
        let run = NorthwindFixture.run
        #expect(root.attributes["xmlns:svrl"] == "http://purl.oclc.org/dsdl/svrl")
        let asserts = root.all("svrl:failed-assert")
        let reports = root.all("svrl:successful-report")
        #expect(asserts.count == run.findings.filter { $0.grade != .ofi }.count)
        #expect(reports.count == run.findings.filter { $0.grade == .ofi }.count)
        let nonconformities = run.findings.filter { $0.grade != .ofi }
        #expect(asserts.map { $0.attributes["location"] } == nonconformities.map { $0.evidence.xpath ?? "/" })
        #expect(asserts.map { $0.children("svrl:text").first?.text } == nonconformities.map(\.statement))
        #expect(asserts.map { $0.attributes["role"] } == nonconformities.map(\.grade.rawValue))
        let patterns = root.all("svrl:active-pattern")
        #expect(patterns.count == run.results.count)
        #expect(root.all("svrl:fired-rule").count == patterns.count, "every active pattern has its fired rule")
        let ids = patterns.compactMap { $0.attributes["id"] }
        #expect(Set(ids).count == ids.count, "pattern ids are unique")
        let first = try #require(asserts.first)
        let properties = Dictionary(
            first.children("svrl:property-reference").map { ($0.attributes["property"] ?? "", $0.children("svrl:text").first?.text ?? "") },
            uniquingKeysWith: { first, _ in first })
        #expect(properties["file"] == "Evidence/northwind/" + (nonconformities.first?.evidence.file ?? ""))
        #expect(properties["line"] == nonconformities.first?.evidence.line.map(String.init))
    }

    @Test("errors are failed asserts with role error; markup in the evidence stays text")
    func edgeCases() throws {
        let input = ReportInput.edgeCases
        let root = try input.xml(.svrl)
        #expect(root.all("svrl:failed-assert").contains { $0.attributes["role"] == "error" })
        let text = root.all("svrl:failed-assert").first?.children("svrl:text").first?.text
        #expect(text == input.run.findings[0].statement.replacingOccurrences(of: "\u{0007}", with: "\u{FFFD}"))
        #expect(root.all("script").isEmpty)
        #expect(root.children("svrl:text").contains { $0.text.hasPrefix("Input problem: reviews/mr 1.xml:2") })
    }

    @Test("a waived finding stays a failed assert, flagged waived, with the waiver's terms; findings carry their baseline state")
    func waivers() throws {
        let root = try ReportInput.edgeCases.xml(.svrl)
        let flagged = root.all("svrl:failed-assert").filter { $0.attributes["flag"] == "waived" }
        #expect(flagged.map { $0.attributes["test"] } == ["E-1", "E-5"])
        #expect(flagged.map { $0.attributes["role"] } == ["major", "minor"], "the grade stays the role")
        let properties = Dictionary(
            (flagged.first?.children("svrl:property-reference") ?? []).map { ($0.attributes["property"] ?? "", $0.children("svrl:text").first?.text ?? "") },
            uniquingKeysWith: { first, _ in first })
        #expect(properties["waiver"] == "W-REC")
        #expect(properties["waiver-approver"] == "Rajesh Iyer & Co")
        #expect(properties["waiver-expires"] == "2027-01-31")
        #expect(properties["waiver-justification"] == "Acknowledged by post <2026-11-02>; the log was not updated | =SUM(A1)")
        #expect(properties["baseline"] == "new")
        #expect(root.all("svrl:failed-assert").filter { $0.attributes["flag"] == nil && $0.attributes["test"] == "E-1" }.count == 1, "the active record")
        #expect(root.children("svrl:text").contains { $0.text.hasPrefix("Compared with the baseline baselines/previous results.json (as of 2026-10-31): 1 new, 3 unchanged, 1 resolved. Resolved: E-1") })
    }

    @Test("an evidence folder outside the working directory: documents and files are relative to it, no host path appears")
    func noHostPaths() throws {
        var input = ReportInput.edgeCases
        input.context.evidenceFolder = "/srv/audits/acme"
        input.run.diagnostics.append(Diagnostic(severity: .warning, location: SourceLocation(file: "/srv/audits/waivers.xml", line: 3), message: "expired"))
        input.run.rulesets[0].file = "/srv/rulesets/edge.xml"
        for format in [ReportFormat.junit, .oscal, .sarif] {
            #expect(!(try input.text(format)).contains("/srv/"), "\(format) names a host path")
        }
        let root = try input.xml(.svrl)
        #expect(!(try input.text(.svrl)).contains("/srv/"))
        let documents = root.all("svrl:active-pattern").compactMap { $0.attributes["documents"] }
        #expect(documents.contains("complaints/log <2026>.csv"))
        for document in documents {
            #expect(!document.hasPrefix("/"), "\(document) is a host path")
        }
        let files = root.all("svrl:property-reference").filter { $0.attributes["property"] == "file" }.map { $0.children("svrl:text").first?.text ?? "" }
        #expect(!files.isEmpty && Set(files) == ["complaints/log <2026>.csv"])
    }
}

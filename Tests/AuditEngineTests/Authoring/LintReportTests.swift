import AuditEngine
import AuditModel
import Foundation
import Testing

@Suite("Lint report JSON")
struct LintReportTests {
    static let report = LintReport(files: [
        LintedFile(
            file: "a.xml", rulesetId: "a", rulesetVersion: "1.0.0", readable: true,
            diagnostics: [
                LintDiagnostic(.unusedParameter, at: SourceLocation(file: "a.xml", line: 4, column: 3), "parameter 'x' is declared but no rule uses it"),
                LintDiagnostic(.noReference, at: SourceLocation(file: "a.xml", line: 9, column: 5), "rule R cites no <reference>"),
            ]),
        LintedFile(
            file: "missing.xml", rulesetId: nil, rulesetVersion: nil, readable: false,
            diagnostics: [LintDiagnostic(.unreadable, at: SourceLocation(file: "missing.xml"), "cannot read ruleset")]),
    ])

    @Test("the document has the documented shape: version, tool, summary, files, diagnostics")
    func shape() throws {
        let object = try #require(try JSONSerialization.jsonObject(with: Self.report.json(toolVersion: "9.9.9")) as? [String: Any])
        #expect(object["$schemaVersion"] as? String == LintReport.schemaVersion)
        #expect((object["tool"] as? [String: Any])?["version"] as? String == "9.9.9")
        let summary = try #require(object["summary"] as? [String: Int])
        #expect(summary == ["files": 2, "errors": 1, "warnings": 1, "notes": 1])
        let files = try #require(object["files"] as? [[String: Any]])
        #expect(files[0]["ruleset"] as? [String: String] == ["id": "a", "version": "1.0.0"])
        #expect(files[1]["readable"] as? Bool == false)
        #expect(files[1]["ruleset"] == nil)
        let diagnostics = try #require(object["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.count == 3)
        #expect(diagnostics[0]["check"] as? String == "unused-parameter")
        #expect(diagnostics[0]["severity"] as? String == "warning")
        #expect(diagnostics[0]["line"] as? Int == 4)
        #expect(diagnostics[0]["column"] as? Int == 3)
        #expect(diagnostics[2]["line"] == nil, "unknown positions are left out, not written as 0")
    }

    @Test("the same report always gives the same bytes")
    func deterministic() throws {
        #expect(try Self.report.json() == Self.report.json())
        let text = String(decoding: try Self.report.json(), as: UTF8.self)
        #expect(text.hasPrefix("{\n  \"$schemaVersion\""))
    }

    @Test("filtering by severity keeps the more serious diagnostics only")
    func filtering() {
        let shown = Self.report.showing(atLeast: .warning)
        #expect(shown.count(.note) == 0)
        #expect(shown.count(.warning) == 1)
        #expect(shown.count(.error) == 1)
        #expect(Self.report.count(.note) == 1)
    }

    @Test("text form is file:line:col: severity: message [check]")
    func textForm() {
        #expect(
            Self.report.files[0].diagnostics[0].description
                == "a.xml:4:3: warning: parameter 'x' is declared but no rule uses it [unused-parameter]")
    }
}

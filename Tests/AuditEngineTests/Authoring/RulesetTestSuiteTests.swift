import AuditEngine
import AuditModel
import Foundation
import Testing

@Suite("Ruleset test suites")
struct RulesetTestSuiteTests {
    func expectation(item: String?) -> ExpectedResult {
        ExpectedResult(
            ruleId: "CX-8.2.1-01", itemId: item, status: .fail, grade: nil, findings: nil, statement: nil, messages: [],
            location: SourceLocation(file: "cx.test.xml", line: 12))
    }

    @Test("an expectation names its subject as rule [item], or the rule alone for a type as a whole")
    func subject() {
        #expect(expectation(item: "CL-1").subject == "CX-8.2.1-01 [CL-1]")
        #expect(expectation(item: nil).subject == "CX-8.2.1-01")
    }

    @Test("by default unlisted results may pass but not fail; the names are the test schema's")
    func unlisted() throws {
        #expect(UnlistedResults.allCases.map(\.rawValue) == ["allow-passing", "forbid", "allow"])
        let schema = try String(contentsOf: repositoryRoot.appendingPathComponent("Rulesets/schema/ruleset-test-1.rng"), encoding: .utf8)
        for value in UnlistedResults.allCases {
            #expect(schema.contains("<value>\(value.rawValue)</value>"), "\(value.rawValue) is in the schema")
        }
    }

    @Test("a test file's problems are listed with their lines, then what to do")
    func error() {
        let error = RulesetTestError.invalid(
            file: "cx.test.xml",
            diagnostics: [Diagnostic(location: SourceLocation(file: "cx.test.xml", line: 7, column: 5), message: "duplicate case name 'clean'")])
        #expect(error.errorDescription == """
            cx.test.xml:7:5: error: duplicate case name 'clean'
            Fix the test file (see docs/authoring-guide.md); its cases were not run.
            """)
        #expect(error.diagnostics.count == 1)
    }
}

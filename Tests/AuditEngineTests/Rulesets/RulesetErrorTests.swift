@testable import AuditEngine
import AuditModel
import Foundation
import Testing

@Suite("Ruleset errors")
struct RulesetErrorTests {
    static let problems = [
        Diagnostic(location: SourceLocation(file: "rs.xml", line: 4, column: 3), message: "duplicate rule id 'R-1' (first declared at line 2)"),
        Diagnostic(severity: .warning, location: SourceLocation(file: "rs.xml", line: 9), message: "something else"),
    ]

    @Test("every problem is listed as file:line:col, then what to do about an invalid ruleset")
    func invalid() {
        let error = RulesetError.invalid(file: "rs.xml", diagnostics: Self.problems)
        #expect(error.file == "rs.xml")
        #expect(error.diagnostics == Self.problems)
        #expect(error.errorDescription == """
            rs.xml:4:3: error: duplicate rule id 'R-1' (first declared at line 2)
            rs.xml:9: warning: something else
            Fix these problems in the ruleset (see docs/ruleset-language.md); nothing was evaluated with it.
            """)
    }

    @Test("an unreadable ruleset says to check the path and the XML")
    func unreadable() {
        let error = RulesetError.unreadable(file: "gone.xml", diagnostics: [Diagnostic(location: SourceLocation(file: "gone.xml"), message: "cannot read ruleset")])
        #expect(error.errorDescription == "gone.xml: error: cannot read ruleset\nCheck the path, and that the file is well-formed XML.")
    }

    @Test("a schema that is missing or broken is an unreadable input naming the schema")
    func unreadableSchema() throws {
        let folder = try TemporaryFolder()
        let missing = folder.url.appendingPathComponent("ruleset-1.rng")
        let error = try #require(throws: RulesetError.self) { try RulesetLoader(schema: missing) }
        guard case .unreadable = error else {
            Issue.record("expected .unreadable, got \(error)")
            return
        }
        #expect(error.file == missing.path)
        let broken = try folder.write("broken.rng", "<grammar xmlns=\"http://relaxng.org/ns/structure/1.0\"><start><nonsense/></start></grammar>")
        #expect(throws: RulesetError.self) { try RulesetLoader(schema: broken) }
        #expect(throws: Never.self) { try RulesetLoader(schema: resources.rulesetSchema) }
    }
}

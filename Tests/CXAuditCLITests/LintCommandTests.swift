import Foundation
import Testing

/// `cxaudit lint`, run as the real binary.
@Suite("cxaudit lint, end to end")
struct LintCommandTests {
    static let authoring = CheckCommandTests.fixtures.appendingPathComponent("authoring")

    @Test("with no arguments it lints every shipped ruleset and exits 0: they have no errors")
    func shippedRulesets() throws {
        let outcome = try CheckCommandTests.run(["lint"])
        #expect(outcome.status == 0, "\(outcome.stdout)")
        #expect(outcome.stdout.contains("lint: "))
        #expect(outcome.stdout.contains(" 0 errors"))
    }

    @Test("every problem is reported at once as file:line:col: severity: message [check], and errors exit 1")
    func problems() throws {
        let file = Self.authoring.appendingPathComponent("lint-problems.xml").path
        let outcome = try CheckCommandTests.run(["lint", file])
        #expect(outcome.status == 1)
        #expect(outcome.stdout.contains("lint-problems.xml:6:3: error: clause 8.2.1 has neither a rule nor a <not-covered> note"))
        #expect(outcome.stdout.contains("lint-problems.xml:13:7: error: rule L-01: select '/table/record[': XPath does not compile"))
        #expect(outcome.stdout.contains("lint-problems.xml:14:9: error: rule L-01: assert test '$dayz < $days': undefined variable $dayz [language]"))
        #expect(outcome.stdout.contains("lint-problems.xml:20:7: warning: rule L-02 reads evidence type 'satisfaction-survey'"))
        #expect(outcome.stdout.contains("[undeclared-evidence-type]"))
        #expect(outcome.stdout.contains("[schema]"), "the schema problem is reported alongside the language problems")
        #expect(!outcome.stdout.contains("note:"), "notes are hidden by default")
        #expect(outcome.stdout.contains("not shown"))
        let withNotes = try CheckCommandTests.run(["lint", file, "--min-severity", "note"])
        #expect(withNotes.stdout.contains("lint-problems.xml:11:5: note: rule L-01 cites no <reference>"))
        #expect(withNotes.stdout.contains("[message-without-value]"))
    }

    @Test("--format json writes the versioned document with every severity")
    func json() throws {
        let file = Self.authoring.appendingPathComponent("lint-problems.xml").path
        let outcome = try CheckCommandTests.run(["lint", file, "--format", "json"])
        #expect(outcome.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        #expect(object["$schemaVersion"] as? String == "1.0")
        let diagnostics = try #require(object["diagnostics"] as? [[String: Any]])
        let checks = Set(diagnostics.compactMap { $0["check"] as? String })
        #expect(checks.isSuperset(of: ["clause-coverage", "language", "undeclared-evidence-type", "no-reference", "message-without-value"]))
        #expect(diagnostics.allSatisfy { ($0["file"] as? String)?.hasSuffix("lint-problems.xml") == true })
        let summary = try #require(object["summary"] as? [String: Int])
        #expect(summary["errors"] == diagnostics.count { $0["severity"] as? String == "error" })
    }

    @Test("--strict fails on warnings; --evidence makes the register's item types known")
    func strictAndEvidence() throws {
        let file = Self.authoring.appendingPathComponent("lint-warnings.xml").path
        #expect(try CheckCommandTests.run(["lint", file]).status == 0)
        let strict = try CheckCommandTests.run(["lint", file, "--strict"])
        #expect(strict.status == 1)
        #expect(strict.stdout.contains("[undeclared-evidence-type]"))
        let register = CheckCommandTests.fixtures.appendingPathComponent("clean-org").path
        let known = try CheckCommandTests.run(["lint", file, "--strict", "--evidence", register])
        #expect(known.status == 0, "\(known.stdout)")
        #expect(!known.stdout.contains("[undeclared-evidence-type]"))
    }

    @Test("a file that cannot be read, or an unusable register, exits 2")
    func unreadableInput() throws {
        let missing = try CheckCommandTests.run(["lint", "no-such-ruleset.xml"])
        #expect(missing.status == 2)
        #expect(missing.stdout.contains("no-such-ruleset.xml: error: cannot read ruleset"))
        let file = Self.authoring.appendingPathComponent("lint-warnings.xml").path
        let badRegister = try CheckCommandTests.run(["lint", file, "--evidence", Self.authoring.path])
        #expect(badRegister.status == 2)
        #expect(try CheckCommandTests.run(["lint", "--format", "yaml"]).status == 2)
    }

    @Test("--list-checks names every check with its severity; --help documents severities and exit codes")
    func documentation() throws {
        let list = try CheckCommandTests.run(["lint", "--list-checks"])
        #expect(list.status == 0)
        #expect(list.stdout.contains("clause-coverage"))
        #expect(list.stdout.contains("unused-parameter"))
        #expect(list.stdout.contains("message-without-value"))
        let help = try CheckCommandTests.run(["lint", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("1  at least one error"))
        #expect(help.stdout.contains("warning (likely mistakes)"))
    }
}

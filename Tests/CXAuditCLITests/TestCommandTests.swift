import Foundation
import Testing

/// `cxaudit test`, run as the real binary.
@Suite("cxaudit test, end to end")
struct TestCommandTests {
    static let authoring = CheckCommandTests.fixtures.appendingPathComponent("authoring")

    @Test("with no arguments it runs every shipped ruleset test and they pass")
    func shippedTests() throws {
        let outcome = try CheckCommandTests.run(["test"])
        #expect(outcome.status == 0, "\(outcome.stdout)\(outcome.stderr)")
        #expect(outcome.stdout.contains("Rulesets/cx-starter.test.xml (ruleset cx-starter 1.2.1)"))
        #expect(outcome.stdout.contains("PASS   conforming"))
        #expect(outcome.stdout.contains("PASS   nonconforming"))
        #expect(outcome.stdout.contains(" 0 failed, 0 could not run"))
    }

    @Test("failing cases print expected (-) and actual (+) lines and exit 1")
    func failures() throws {
        let file = Self.authoring.appendingPathComponent("failing.test.xml").path
        let outcome = try CheckCommandTests.run(["test", file])
        #expect(outcome.status == 1)
        #expect(outcome.stdout.contains("PASS   holds"))
        #expect(outcome.stdout.contains("FAIL   wrong-expectations"))
        #expect(outcome.stdout.contains("MR-01 [MR-1]: differs in status, grade, message (line 8)") == false)
        #expect(outcome.stdout.contains("MR-01 [MR-1]: differs in status, message (line 8)"))
        #expect(outcome.stdout.contains("- fail, grade major [message contains \"older than 12 months\"]"))
        #expect(outcome.stdout.contains("+ pass, grade major, 0 findings: The newest management-review (MR-1, 2026-09-01)"))
        #expect(outcome.stdout.contains("FAIL   regression"))
        #expect(outcome.stdout.contains("MR-01 [MR-1]: not expected"))
        #expect(outcome.stdout.contains("1 passed, 2 failed, 0 could not run"))
    }

    @Test("--case runs one case; an unknown case name exits 2")
    func oneCase() throws {
        let file = Self.authoring.appendingPathComponent("failing.test.xml").path
        let outcome = try CheckCommandTests.run(["test", file, "--case", "holds"])
        #expect(outcome.status == 0)
        #expect(!outcome.stdout.contains("regression"))
        #expect(try CheckCommandTests.run(["test", file, "--case", "nope"]).status == 2)
    }

    @Test("an invalid test file exits 2 with file:line:col; a missing fixture folder is an ERROR case")
    func invalid() throws {
        let file = Self.authoring.appendingPathComponent("invalid.test.xml").path
        let outcome = try CheckCommandTests.run(["test", file])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("invalid.test.xml:3:"))
        #expect(outcome.stderr.contains("its cases were not run"))
        let missing = try CheckCommandTests.run(["test", Self.authoring.appendingPathComponent("missing-fixture.test.xml").path])
        #expect(missing.status == 2)
        #expect(missing.stdout.contains("ERROR  nowhere"))
        #expect(missing.stdout.contains("evidence folder"))
    }

    @Test("--help explains the format and the exit codes")
    func help() throws {
        let outcome = try CheckCommandTests.run(["test", "--help"])
        #expect(outcome.status == 0)
        #expect(outcome.stdout.contains("1  at least one case failed"))
        #expect(outcome.stdout.contains("ruleset-test-1.rng"))
    }
}

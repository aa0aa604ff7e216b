import AuditEngine
import AuditModel
import CalendarDates
import Foundation
import Testing

@Suite("Reading ruleset test files")
struct RulesetTestFileReaderTests {
    static func read(_ xml: String, name: String = "review.test.xml") throws -> RulesetTestSuite {
        let folder = try TemporaryFolder()
        let file = try folder.write("rules/\(name)", xml)
        return try RulesetTestFileReader(schema: resources.rulesetTestSchema).read(file, displayName: "rules/\(name)")
    }

    static func document(_ body: String, ruleset: String = "") -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <ruleset-tests xmlns="urn:cxaudit:ruleset-test:1"\(ruleset)>
        \(body)
        </ruleset-tests>
        """
    }

    @Test("the shipped test files are valid")
    func shippedFilesRead() throws {
        let reader = try RulesetTestFileReader(schema: resources.rulesetTestSchema)
        #expect(!resources.shippedRulesetTests.isEmpty)
        for url in resources.shippedRulesetTests {
            let suite = try reader.read(url)
            #expect(!suite.cases.isEmpty)
            #expect(FileManager.default.fileExists(atPath: suite.ruleset.path), "\(suite.ruleset.path)")
        }
    }

    @Test("cases, expectations and paths are read; paths resolve against the test file's folder")
    func readsCases() throws {
        let suite = try Self.read(
            Self.document(
                """
                  <case name="late" evidence="fixtures/late" as-of="2026-09-30" profile="../profiles/small.xml" rules="R-1 R-2" unlisted="forbid">
                    <description>Late
                      acknowledgements.</description>
                    <expect rule="R-1" item="CL" status="fail" grade="minor" findings="2">
                      <statement>2 of 3   records
                        do not conform.</statement>
                      <message>acknowledged after</message>
                    </expect>
                    <expect rule="R-2" status="pass"/>
                  </case>
                """))
        #expect(suite.rulesetDisplayName == "rules/review.xml", "NAME.test.xml tests NAME.xml by default")
        #expect(suite.ruleset.lastPathComponent == "review.xml")
        let testCase = try #require(suite.cases.first)
        #expect(testCase.name == "late")
        #expect(testCase.description == "Late acknowledgements.")
        #expect(testCase.evidenceDisplayName == "rules/fixtures/late")
        #expect(testCase.evidence.path.hasSuffix("rules/fixtures/late"))
        #expect(testCase.asOf == CalendarDate(year: 2026, month: 9, day: 30))
        #expect(testCase.rules == ["R-1", "R-2"])
        #expect(testCase.profileDisplayName == "rules/../profiles/small.xml")
        #expect(testCase.profile?.standardizedFileURL.path.hasSuffix("/profiles/small.xml") == true)
        #expect(testCase.unlisted == .forbid)
        #expect(testCase.location.line == 3)
        let first = try #require(testCase.expectations.first)
        #expect(first.subject == "R-1 [CL]")
        #expect(first.status == .fail)
        #expect(first.grade == .minor)
        #expect(first.findings == 2)
        #expect(first.statement == "2 of 3 records do not conform.")
        #expect(first.messages == ["acknowledged after"])
        #expect(testCase.expectations[1].itemId == nil)
        #expect(testCase.expectations[1].subject == "R-2")
    }

    @Test("unlisted defaults to allow-passing, and an explicit ruleset attribute wins")
    func defaults() throws {
        let suite = try Self.read(
            Self.document(#"<case name="c" evidence="e" as-of="2026-01-01"/>"#, ruleset: #" ruleset="../other.xml""#), name: "x.xml")
        #expect(suite.cases.first?.unlisted == .allowPassing)
        #expect(suite.cases.first?.profile == nil)
        #expect(suite.rulesetDisplayName == "rules/../other.xml")
    }

    @Test("schema violations are reported with file and line")
    func schemaViolations() throws {
        let error = try #require(throws: RulesetTestError.self) {
            try Self.read(
                Self.document(
                    """
                      <case name="c" evidence="e" as-of="30/09/2026">
                        <expect rule="R" status="passed"/>
                      </case>
                    """))
        }
        #expect(error.diagnostics.allSatisfy { $0.location.file == "rules/review.test.xml" })
        #expect(error.diagnostics.contains { $0.location.line == 3 || $0.location.line == 4 })
        #expect(error.errorDescription?.contains("its cases were not run") == true)
    }

    @Test("duplicate case names and duplicate expectations are errors, all reported together")
    func duplicates() throws {
        let error = try #require(throws: RulesetTestError.self) {
            try Self.read(
                Self.document(
                    """
                      <case name="c" evidence="e" as-of="2026-01-01">
                        <expect rule="R" item="I" status="pass"/>
                        <expect rule="R" item="I" status="fail"/>
                      </case>
                      <case name="c" evidence="e" as-of="2026-01-01"/>
                    """))
        }
        let messages = error.diagnostics.map { "\($0.location.line ?? 0): \($0.message)" }
        #expect(messages.contains("5: case 'c': R [I] is already expected at line 4; one expectation per rule and item"))
        #expect(messages.contains("7: duplicate case name 'c' (first declared at line 3)"))
    }

    @Test("a file not named NAME.test.xml must name its ruleset")
    func rulesetRequiredOtherwise() throws {
        let error = try #require(throws: RulesetTestError.self) {
            try Self.read(Self.document(#"<case name="c" evidence="e" as-of="2026-01-01"/>"#), name: "tests.xml")
        }
        #expect(error.diagnostics.first?.message.contains("name the ruleset under test") == true)
    }

    @Test("a file that is not well-formed is unreadable")
    func malformed() throws {
        let error = try #require(throws: RulesetTestError.self) { try Self.read("<ruleset-tests>") }
        guard case .unreadable = error else {
            Issue.record("expected .unreadable, got \(error)")
            return
        }
    }
}

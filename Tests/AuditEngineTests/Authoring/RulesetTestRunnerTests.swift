import AuditEngine
import AuditEvidence
import AuditModel
import Foundation
import Testing

@Suite("Running ruleset tests")
struct RulesetTestRunnerTests {
    static func runner() throws -> RulesetTestRunner {
        RulesetTestRunner(
            loader: try RulesetLoader(schema: resources.rulesetSchema),
            registerLoader: try EvidenceRegisterLoader(schema: resources.registerSchema),
            profileLoader: try ProfileLoader(schema: resources.profileSchema))
    }

    /// A workspace with the one-folder review fixture (`review-only.xml` and a clean organization) and a test file.
    static func suite(_ cases: String, in folder: TemporaryFolder) throws -> RulesetTestSuite {
        try folder.write(
            "review.xml",
            rulesetXML(
                ruleXML("MR-01", grade: "major", #"<freshness evidence="management-review" max-age="P12M"/>"#),
                ruleXML(
                    "MR-02",
                    #"<records evidence="management-review" select="/management-review" key="@date"><assert test="input[@topic = 'complaints']">No complaints input on {@date}.</assert></records>"#
                )))
        try folder.write(
            "org/evidence-register.xml",
            registerXML([TestItem(id: "MR-1", type: "management-review", file: "mr.xml", format: "xml", date: "2026-09-01")]))
        try folder.write("org/mr.xml", #"<management-review date="2026-09-01"><input topic="customer-satisfaction">x</input></management-review>"#)
        let file = try folder.write(
            "review.test.xml",
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <ruleset-tests xmlns="urn:cxaudit:ruleset-test:1">
            \(cases)
            </ruleset-tests>
            """)
        return try RulesetTestFileReader(schema: resources.rulesetTestSchema).read(file, displayName: "review.test.xml")
    }

    @Test("every shipped ruleset test passes")
    func shippedTestsPass() async throws {
        let reader = try RulesetTestFileReader(schema: resources.rulesetTestSchema)
        for url in resources.shippedRulesetTests {
            let outcome = try await Self.runner().run(try reader.read(url))
            #expect(outcome.problems.isEmpty, "\(outcome.problems)")
            for testCase in outcome.cases {
                #expect(testCase.verdict == .passed, "\(url.lastPathComponent) \(testCase.name): \(testCase.mismatches) \(testCase.problems)")
            }
        }
    }

    @Test("the starter ruleset's tests cover every one of its rules both passing and failing")
    func starterCoverage() throws {
        let suite = try RulesetTestFileReader(schema: resources.rulesetTestSchema)
            .read(resources.rulesetsFolder.appendingPathComponent("cx-starter.test.xml"))
        let ruleset = try RulesetLoader(schema: resources.rulesetSchema).load(resources.starterRuleset)
        let expectations = suite.cases.flatMap(\.expectations)
        for rule in ruleset.rules {
            #expect(expectations.contains { $0.ruleId == rule.id && $0.status == .pass }, "\(rule.id) never expected to pass")
            #expect(expectations.contains { $0.ruleId == rule.id && $0.status == .fail }, "\(rule.id) never expected to fail")
        }
    }

    @Test("a case whose expectations all hold passes")
    func passingCase() async throws {
        let folder = try TemporaryFolder()
        let suite = try Self.suite(
            """
            <case name="ok" evidence="org" as-of="2026-09-30" unlisted="forbid">
              <expect rule="MR-01" item="MR-1" status="pass" grade="major" findings="0"/>
              <expect rule="MR-02" item="MR-1" status="fail" grade="minor" findings="1">
                <statement>1 of 1 records (100%) in mr.xml do not conform.</statement>
                <message>No complaints input on 2026-09-01.</message>
              </expect>
            </case>
            """, in: folder)
        let outcome = try await Self.runner().run(suite)
        #expect(outcome.rulesetId == "test")
        #expect(outcome.cases.map(\.verdict) == [.passed])
        #expect(outcome.cases.first?.resultCount == 2)
    }

    @Test("a different status, grade, count, statement or message is a mismatch naming the fields")
    func differentResult() async throws {
        let folder = try TemporaryFolder()
        let suite = try Self.suite(
            """
            <case name="wrong" evidence="org" as-of="2026-09-30">
              <expect rule="MR-02" item="MR-1" status="pass" grade="major" findings="3">
                <statement>Something else.</statement>
                <message>not there</message>
              </expect>
            </case>
            """, in: folder)
        let outcome = try await Self.runner().run(suite)
        let testCase = try #require(outcome.cases.first)
        #expect(testCase.verdict == .failed)
        guard case let .different(expected, actual, differences)? = testCase.mismatches.first else {
            Issue.record("expected .different, got \(testCase.mismatches)")
            return
        }
        #expect(expected.ruleId == "MR-02")
        #expect(actual.result.status == .fail)
        #expect(actual.findingStatements == ["No complaints input on 2026-09-01."])
        #expect(differences == [.status, .grade, .findings, .statement, .message])
    }

    @Test("an expected result the audit did not give is reported with the rule's other results")
    func missingResult() async throws {
        let folder = try TemporaryFolder()
        let suite = try Self.suite(
            #"<case name="missing" evidence="org" as-of="2026-09-30" unlisted="allow"><expect rule="MR-01" item="MR-9" status="pass"/></case>"#,
            in: folder)
        let testCase = try #require(try await Self.runner().run(suite).cases.first)
        guard case let .missing(expected, sameRule)? = testCase.mismatches.first else {
            Issue.record("expected .missing, got \(testCase.mismatches)")
            return
        }
        #expect(expected.subject == "MR-01 [MR-9]")
        #expect(sameRule.map(\.subject) == ["MR-01 [MR-1]"])
    }

    @Test("unlisted results: failures are caught by default, everything with forbid, nothing with allow")
    func unlisted() async throws {
        for (mode, expected) in [("allow-passing", ["MR-02 [MR-1]"]), ("forbid", ["MR-01 [MR-1]", "MR-02 [MR-1]"]), ("allow", [])] {
            let folder = try TemporaryFolder()
            let suite = try Self.suite(#"<case name="c" evidence="org" as-of="2026-09-30" unlisted="\#(mode)"/>"#, in: folder)
            let testCase = try #require(try await Self.runner().run(suite).cases.first)
            let unexpected = testCase.mismatches.compactMap { mismatch -> String? in
                if case let .unexpected(actual) = mismatch { return actual.subject }
                return nil
            }
            #expect(unexpected == expected, "unlisted=\(mode)")
        }
    }

    @Test("rules= evaluates only the named rules")
    func selectedRules() async throws {
        let folder = try TemporaryFolder()
        let suite = try Self.suite(
            #"<case name="c" evidence="org" as-of="2026-09-30" rules="MR-01" unlisted="forbid"><expect rule="MR-01" item="MR-1" status="pass"/></case>"#,
            in: folder)
        let testCase = try #require(try await Self.runner().run(suite).cases.first)
        #expect(testCase.verdict == .passed)
        #expect(testCase.resultCount == 1)
    }

    @Test("expectations naming rules the ruleset lacks stop the file before any case runs")
    func unknownRules() async throws {
        let folder = try TemporaryFolder()
        let suite = try Self.suite(
            """
            <case name="c" evidence="org" as-of="2026-09-30" rules="MR-01">
              <expect rule="MR-99" status="pass"/>
              <expect rule="MR-02" item="MR-1" status="fail"/>
            </case>
            """, in: folder)
        let outcome = try await Self.runner().run(suite)
        #expect(outcome.cases.isEmpty)
        let messages = outcome.problems.map { "\($0.location.line ?? 0): \($0.message)" }
        #expect(messages.contains("4: case 'c': rule 'MR-99' is not in ruleset test"))
        #expect(messages.contains("5: case 'c': rule 'MR-02' is expected but the case evaluates only MR-01"))
    }

    @Test("a missing fixture folder or an invalid register makes the case an error, not a failure")
    func caseErrors() async throws {
        let folder = try TemporaryFolder()
        let suite = try Self.suite(
            """
            <case name="nowhere" evidence="no-such-folder" as-of="2026-09-30"/>
            <case name="bad-register" evidence="bad" as-of="2026-09-30"/>
            """, in: folder)
        try folder.write("bad/evidence-register.xml", "<evidence-register/>")
        let outcome = try await Self.runner().run(suite)
        #expect(outcome.cases.map(\.verdict) == [.error, .error])
        #expect(outcome.cases[0].problems.first?.message.contains("evidence folder no-such-folder does not exist") == true)
        #expect(outcome.cases[1].problems.first?.location.file == "bad/evidence-register.xml")
    }

    @Test("a ruleset that does not load is reported as the suite's problem with its diagnostics")
    func brokenRuleset() async throws {
        let folder = try TemporaryFolder()
        var suite = try Self.suite(#"<case name="c" evidence="org" as-of="2026-09-30"/>"#, in: folder)
        try folder.write("broken.xml", "<ruleset")
        suite.ruleset = folder.url.appendingPathComponent("broken.xml")
        suite.rulesetDisplayName = "broken.xml"
        let outcome = try await Self.runner().run(suite)
        #expect(outcome.cases.isEmpty)
        #expect(outcome.problems.first?.message.contains("broken.xml, cannot be used") == true)
        #expect(outcome.problems.count > 1)
    }

    @Test("a case with a profile audits with its parameter values and deselections")
    func profile() async throws {
        let folder = try TemporaryFolder()
        let suite = try Self.suite(
            """
            <case name="tailored" evidence="org" as-of="2026-09-30" profile="profile.xml" unlisted="forbid">
              <expect rule="MR-01" item="MR-1" status="pass"/>
              <expect rule="MR-02" status="notchecked"><message>no complaints input needed here</message></expect>
            </case>
            <case name="broken-profile" evidence="org" as-of="2026-09-30" profile="no-such-profile.xml"/>
            """, in: folder)
        try folder.write(
            "profile.xml",
            """
            <profile xmlns="urn:cxaudit:profile:1" id="p" version="1.0.0" ruleset="test">
              <title>P</title>
              <deselect rule="MR-02" reason="no complaints input needed here"/>
            </profile>
            """)
        let outcome = try await Self.runner().run(suite)
        #expect(outcome.cases.map(\.verdict) == [.passed, .error], "\(outcome.cases)")
        #expect(outcome.cases[1].problems.first?.message.contains("the profile cannot be used") == true)
    }

    @Test("--case runs one case")
    func oneCase() async throws {
        let folder = try TemporaryFolder()
        let suite = try Self.suite(
            """
            <case name="a" evidence="org" as-of="2026-09-30" unlisted="allow"/>
            <case name="b" evidence="org" as-of="2026-09-30" unlisted="allow"/>
            """, in: folder)
        #expect(try await Self.runner().run(suite, caseName: "b").cases.map(\.name) == ["b"])
    }
}

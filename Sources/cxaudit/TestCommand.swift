import ArgumentParser
import AuditEngine
import AuditEvidence
import AuditModel
import Foundation

struct TestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run ruleset tests: fixture evidence in, expected results out.",
        discussion: """
            A ruleset test file (NAME.test.xml next to NAME.xml, schema \
            Rulesets/schema/ruleset-test-1.rng) holds cases. Each case audits a fixture \
            evidence folder at a fixed date with the real engine and compares the results \
            with the expected ones: rule, item, status, and optionally grade, number of \
            findings, exact statement and message text. A case may apply a profile and \
            evaluate only some rules. Results no expectation names may \
            pass, but by default may not fail: a rule edit that makes something new fail is \
            caught. See docs/authoring-guide.md.

            Each case prints PASS, FAIL (with expected `-` and actual `+` lines) or ERROR.

            Exit status:
              0  every case passed
              1  at least one case failed
              2  a test file is invalid (reported as file:line:col), its
                 ruleset cannot be loaded, a case cannot run (missing
                 fixture folder, invalid register), or a usage error
            """
    )

    @Argument(
        help: "Ruleset test files (*.test.xml). Default: every Rulesets/*.test.xml.",
        completion: .file(extensions: ["xml"]))
    var files: [String] = []

    @Option(name: .customLong("case"), help: ArgumentHelp("Run only the case with this name.", valueName: "name"))
    var caseName: String?

    func run() async throws {
        let locator = try AuthoringSupport.locate()
        let reader = try AuthoringSupport.orExit { () throws(RulesetTestError) in
            try RulesetTestFileReader(schema: locator.rulesetTestSchema)
        }
        let loader = try AuthoringSupport.orExit { () throws(RulesetError) in try RulesetLoader(schema: locator.rulesetSchema) }
        let registerLoader = try AuthoringSupport.orExit { () throws(EvidenceError) in
            try EvidenceRegisterLoader(schema: locator.registerSchema)
        }
        let profileLoader = try AuthoringSupport.orExit { () throws(RulesetError) in try ProfileLoader(schema: locator.profileSchema) }
        let runner = RulesetTestRunner(loader: loader, registerLoader: registerLoader, profileLoader: profileLoader)
        let urls = files.isEmpty ? locator.shippedRulesetTests : files.map { URL(fileURLWithPath: $0) }
        guard !urls.isEmpty else {
            CheckCommand.printError("error: no ruleset test files (*\(ResourceLocator.rulesetTestSuffix)) in \(locator.rulesetsFolder.path).")
            throw ExitStatus.incomplete
        }

        var incomplete = false
        var outcomes: [RulesetTestSuiteOutcome] = []
        for url in urls {
            let suite: RulesetTestSuite
            do {
                suite = try reader.read(url, displayName: CheckCommand.displayPath(url))
            } catch {
                CheckCommand.printError(error.errorDescription ?? "\(error)")
                incomplete = true
                continue
            }
            let outcome = await runner.run(suite, caseName: caseName)
            AuthoringSupport.print(Self.render(outcome))
            outcomes.append(outcome)
        }
        let cases = outcomes.flatMap(\.cases)
        if let caseName, cases.isEmpty, !incomplete, outcomes.allSatisfy(\.problems.isEmpty) {
            CheckCommand.printError("error: no case named '\(caseName)' in \(urls.map(CheckCommand.displayPath).joined(separator: ", ")).")
            throw ExitStatus.incomplete
        }
        let passed = cases.count { $0.verdict == .passed }
        let failed = cases.count { $0.verdict == .failed }
        let errors = cases.count { $0.verdict == .error }
        AuthoringSupport.print(
            "cxaudit test: \(AuthoringSupport.counted(cases.count, "case")) in \(AuthoringSupport.counted(urls.count, "file")); \(passed) passed, \(failed) failed, \(errors) could not run")
        if incomplete || errors > 0 || outcomes.contains(where: { !$0.problems.isEmpty }) { throw ExitStatus.incomplete }
        if failed > 0 { throw ExitStatus.findings }
    }

    /// One test file's outcome: a heading, then a line per case with the differences under failing ones.
    static func render(_ outcome: RulesetTestSuiteOutcome) -> String {
        let ruleset = outcome.rulesetId.map { " (ruleset \($0) \(outcome.rulesetVersion ?? ""))" } ?? ""
        var lines = [outcome.file + ruleset]
        if !outcome.problems.isEmpty {
            lines.append("  ERROR  no case was run:")
            lines += outcome.problems.map { "         \($0)" }
        }
        for testCase in outcome.cases {
            switch testCase.verdict {
            case .passed:
                lines.append("  PASS   \(testCase.name) (\(AuthoringSupport.counted(testCase.resultCount, "result")))")
            case .failed:
                lines.append("  FAIL   \(testCase.name) (\(testCase.location))")
                lines += testCase.mismatches.flatMap(render).map { "         " + $0 }
            case .error:
                lines.append("  ERROR  \(testCase.name) (\(testCase.location))")
                lines += testCase.problems.map { "         \($0)" }
            }
        }
        return lines.joined(separator: "\n")
    }

    /// A mismatch as a headline and `-` expected / `+` actual lines.
    static func render(_ mismatch: RulesetTestMismatch) -> [String] {
        switch mismatch {
        case let .missing(expected, sameRule):
            let others = sameRule.isEmpty
                ? ["+ no result of \(expected.ruleId) at all"]
                : sameRule.map { "+ only: \(describe($0))" }
            return ["\(expected.subject): expected, but the audit gave no such result (line \(expected.location.line ?? 0))", "- \(describe(expected))"]
                + others
        case let .different(expected, actual, differences):
            let fields = differences.map(\.rawValue).joined(separator: ", ")
            return ["\(expected.subject): differs in \(fields) (line \(expected.location.line ?? 0))", "- \(describe(expected))", "+ \(describe(actual))"]
                + findings(actual)
        case let .unexpected(actual):
            return ["\(actual.subject): not expected (name it in an <expect>, or set unlisted on the case)", "+ \(describe(actual))"]
                + findings(actual)
        case let .diagnostic(diagnostic):
            return ["evidence problem: \(diagnostic)"]
        }
    }

    private static func describe(_ expected: ExpectedResult) -> String {
        var parts = [expected.status.rawValue]
        if let grade = expected.grade { parts.append("grade \(grade.rawValue)") }
        if let findings = expected.findings { parts.append(AuthoringSupport.counted(findings, "finding")) }
        var text = parts.joined(separator: ", ")
        if let statement = expected.statement { text += ": \(statement)" }
        for message in expected.messages { text += " [message contains \"\(message)\"]" }
        return text
    }

    private static func describe(_ actual: ActualResult) -> String {
        let result = actual.result
        return "\(result.status.rawValue), grade \(result.grade.rawValue), \(AuthoringSupport.counted(result.findingIds.count, "finding")): \(result.statement)"
    }

    private static func findings(_ actual: ActualResult) -> [String] {
        let shown = actual.findingStatements.prefix(10).map { "    finding: \($0)" }
        let hidden = actual.findingStatements.count - shown.count
        return shown + (hidden > 0 ? ["    … and \(hidden) more"] : [])
    }
}

public import AuditEvidence
public import AuditModel
import CalendarDates
import Foundation

/// Runs ruleset test cases through the real `Auditor` and compares what it
/// produced with what each case expects.
public struct RulesetTestRunner: Sendable {
    private let loader: RulesetLoader
    private let registerLoader: EvidenceRegisterLoader
    private let profileLoader: ProfileLoader

    /// The runner loads rulesets, registers and profiles the way `check` does, so tests see what audits see.
    public init(loader: RulesetLoader, registerLoader: EvidenceRegisterLoader, profileLoader: ProfileLoader) {
        self.loader = loader
        self.registerLoader = registerLoader
        self.profileLoader = profileLoader
    }

    /// Runs the cases of `suite` (only the one named `caseName`, when given).
    ///
    /// Problems that keep the suite from running at all (the ruleset does not load,
    /// an expectation names a rule the ruleset lacks) come back as the outcome's
    /// `problems`, with no case run: they are mistakes in the test file or the
    /// ruleset, not test failures.
    public func run(_ suite: RulesetTestSuite, caseName: String? = nil) async -> RulesetTestSuiteOutcome {
        var outcome = RulesetTestSuiteOutcome(file: suite.file, rulesetId: nil, rulesetVersion: nil, problems: [], cases: [])
        let ruleset: Ruleset
        do {
            ruleset = try loader.load(suite.ruleset, displayName: suite.rulesetDisplayName)
        } catch {
            outcome.problems = [
                Diagnostic(location: suite.location, message: "the ruleset under test, \(suite.rulesetDisplayName), cannot be used:")
            ] + error.diagnostics
            return outcome
        }
        outcome.rulesetId = ruleset.id
        outcome.rulesetVersion = ruleset.version
        outcome.problems = unknownRules(suite, in: ruleset)
        guard outcome.problems.isEmpty else { return outcome }
        for testCase in suite.cases where caseName.map({ $0 == testCase.name }) ?? true {
            outcome.cases.append(await run(testCase, ruleset: ruleset))
        }
        return outcome
    }

    /// Rules a case names that the ruleset does not have, or that the case does not evaluate.
    private func unknownRules(_ suite: RulesetTestSuite, in ruleset: Ruleset) -> [Diagnostic] {
        let ids = Set(ruleset.rules.map(\.id))
        var problems: [Diagnostic] = []
        for testCase in suite.cases {
            for id in testCase.rules ?? [] where !ids.contains(id) {
                problems.append(
                    Diagnostic(location: testCase.location, message: "case '\(testCase.name)': rules names '\(id)', which ruleset \(ruleset.id) does not have"))
            }
            for expectation in testCase.expectations {
                if !ids.contains(expectation.ruleId) {
                    problems.append(
                        Diagnostic(
                            location: expectation.location,
                            message: "case '\(testCase.name)': rule '\(expectation.ruleId)' is not in ruleset \(ruleset.id)"))
                } else if let selected = testCase.rules, !selected.contains(expectation.ruleId) {
                    problems.append(
                        Diagnostic(
                            location: expectation.location,
                            message: "case '\(testCase.name)': rule '\(expectation.ruleId)' is expected but the case evaluates only \(selected.joined(separator: ", "))"))
                }
            }
        }
        return problems
    }

    private func run(_ testCase: RulesetTestCase, ruleset: Ruleset) async -> RulesetTestCaseOutcome {
        var outcome = RulesetTestCaseOutcome(
            name: testCase.name, location: testCase.location, resultCount: 0, mismatches: [], problems: [])
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: testCase.evidence.path, isDirectory: &isFolder), isFolder.boolValue else {
            outcome.problems = [
                Diagnostic(location: testCase.location, message: "case '\(testCase.name)': evidence folder \(testCase.evidenceDisplayName) does not exist")
            ]
            return outcome
        }
        var profiles: [Profile] = []
        if let profile = testCase.profile {
            do {
                profiles.append(try profileLoader.load(profile, for: [ruleset], displayName: testCase.profileDisplayName))
            } catch {
                outcome.problems = [
                    Diagnostic(location: testCase.location, message: "case '\(testCase.name)': the profile cannot be used:")
                ] + error.diagnostics
                return outcome
            }
        }
        var selected = ruleset
        if let rules = testCase.rules {
            for index in selected.clauses.indices {
                selected.clauses[index].rules.removeAll { !rules.contains($0.id) }
            }
        }
        let run: AuditRun
        do {
            run = try await Auditor(options: AuditOptions(asOf: testCase.asOf)).run(
                rulesets: [selected], profiles: profiles, folder: EvidenceFolder(root: testCase.evidence), registerLoader: registerLoader)
        } catch {
            outcome.problems = error.diagnostics.map { diagnostic in
                var located = diagnostic
                located.location.file = (testCase.evidenceDisplayName as NSString).appendingPathComponent(diagnostic.location.file)
                return located
            }
            return outcome
        }
        outcome.resultCount = run.results.count
        outcome.mismatches = Self.compare(testCase, run)
        return outcome
    }

    /// Every difference between what `testCase` expects and what `run` produced.
    static func compare(_ testCase: RulesetTestCase, _ run: AuditRun) -> [RulesetTestMismatch] {
        let findings = Dictionary(run.findings.map { ($0.id, $0.statement) }, uniquingKeysWith: { first, _ in first })
        let actual = run.results.map { result in
            ActualResult(result: result, findingStatements: result.findingIds.compactMap { findings[$0] })
        }
        var mismatches: [RulesetTestMismatch] = []
        var named = Set<String>()
        for expectation in testCase.expectations {
            named.insert(expectation.subject)
            let candidates = actual.filter { $0.subject == expectation.subject }
            guard !candidates.isEmpty else {
                mismatches.append(.missing(expectation, sameRule: actual.filter { $0.result.ruleId == expectation.ruleId }))
                continue
            }
            let compared = candidates.map { ($0, differences(expectation, $0)) }
            guard !compared.contains(where: { $0.1.isEmpty }), let closest = compared.min(by: { $0.1.count < $1.1.count }) else {
                continue
            }
            mismatches.append(.different(expectation, closest.0, differences: closest.1))
        }
        for result in actual where !named.contains(result.subject) {
            switch testCase.unlisted {
            case .allow:
                continue
            case .forbid:
                mismatches.append(.unexpected(result))
            case .allowPassing:
                if result.result.status == .fail || result.result.status == .error { mismatches.append(.unexpected(result)) }
            }
        }
        if testCase.unlisted != .allow {
            mismatches += run.diagnostics.filter { $0.severity == .error }.map(RulesetTestMismatch.diagnostic)
        }
        return mismatches
    }

    /// The expected fields `actual` does not meet, by name.
    static func differences(_ expected: ExpectedResult, _ actual: ActualResult) -> [ExpectedResult.Field] {
        var fields: [ExpectedResult.Field] = []
        if expected.status != actual.result.status { fields.append(.status) }
        if let grade = expected.grade, grade != actual.result.grade { fields.append(.grade) }
        if let count = expected.findings, count != actual.result.findingIds.count { fields.append(.findings) }
        if let statement = expected.statement, statement != RulesetTestFileReader.normalized(actual.result.statement) {
            fields.append(.statement)
        }
        let texts = ([actual.result.statement] + actual.findingStatements).map(RulesetTestFileReader.normalized)
        if expected.messages.contains(where: { message in !texts.contains { $0.contains(message) } }) {
            fields.append(.message)
        }
        return fields
    }
}

extension ExpectedResult {
    /// A part of an expectation a result can fail to meet.
    public enum Field: String, Sendable, Hashable, CaseIterable {
        case status, grade, findings, statement, message
    }
}

/// A result the audit produced, with the statements of its findings.
public struct ActualResult: Sendable, Hashable {
    /// The result as the auditor produced it.
    public var result: RuleResult
    /// The statements of the result's findings, which `message` expectations search too.
    public var findingStatements: [String]

    /// `CX-8.2.1-01 [CL-1]`, as `ExpectedResult.subject`.
    public var subject: String {
        result.ruleId + (result.itemId.map { " [\($0)]" } ?? "")
    }
}

/// A way a case's results differ from its expectations.
public enum RulesetTestMismatch: Sendable, Hashable {
    /// No result for the expected rule and item; `sameRule` lists the rule's results for other items.
    case missing(ExpectedResult, sameRule: [ActualResult])
    /// A result for the rule and item, not as expected in the named fields.
    case different(ExpectedResult, ActualResult, differences: [ExpectedResult.Field])
    /// A result no expectation names, of a status the case does not allow unnamed.
    case unexpected(ActualResult)
    /// An input problem the audit reported (an unreadable fixture file).
    case diagnostic(Diagnostic)
}

/// How one case went.
public struct RulesetTestCaseOutcome: Sendable, Hashable {
    /// Passed, failed (results differ from expectations), or error (the case could not run).
    public enum Verdict: String, Sendable, Hashable {
        case passed, failed, error
    }

    /// The case's name.
    public var name: String
    /// Where the case is declared.
    public var location: SourceLocation
    /// Results the audit produced.
    public var resultCount: Int
    /// Every difference from the expectations; empty when the case passed.
    public var mismatches: [RulesetTestMismatch]
    /// Why the case could not run (missing fixture folder, invalid register or profile).
    public var problems: [Diagnostic]

    /// Error when the case could not run, else failed when anything differs.
    public var verdict: Verdict {
        if !problems.isEmpty { return .error }
        return mismatches.isEmpty ? .passed : .failed
    }
}

/// How one test file went.
public struct RulesetTestSuiteOutcome: Sendable, Hashable {
    /// The test file as named in messages.
    public var file: String
    /// The ruleset under test, once loaded.
    public var rulesetId: String?
    /// Its version.
    public var rulesetVersion: String?
    /// Why no case could run (the ruleset does not load, the file names unknown rules).
    public var problems: [Diagnostic]
    /// The cases that ran, in file order.
    public var cases: [RulesetTestCaseOutcome]
}

public import AuditModel
public import CalendarDates
public import Foundation

/// A ruleset test file: fixture evidence folders, each audited at a fixed date
/// with the ruleset under test, and the results each audit must give. The
/// ruleset author's `opa test`: it catches a rule edit that changes outcomes.
public struct RulesetTestSuite: Sendable, Hashable {
    /// The test file as named in messages.
    public var file: String
    /// The ruleset under test.
    public var ruleset: URL
    /// The ruleset as named in messages.
    public var rulesetDisplayName: String
    /// Where the file names the ruleset (its root element), for problems with it.
    public var location: SourceLocation
    /// What the file tests, in the author's words.
    public var description: String?
    /// The cases, in file order.
    public var cases: [RulesetTestCase]

    /// A suite as read from a test file.
    public init(
        file: String, ruleset: URL, rulesetDisplayName: String, location: SourceLocation, description: String?,
        cases: [RulesetTestCase]
    ) {
        self.file = file
        self.ruleset = ruleset
        self.rulesetDisplayName = rulesetDisplayName
        self.location = location
        self.description = description
        self.cases = cases
    }
}

/// One audit of a fixture evidence folder and the results it must give.
public struct RulesetTestCase: Sendable, Hashable {
    /// Unique within the file; `--case` selects by it.
    public var name: String
    /// What the fixture shows, in the author's words.
    public var description: String?
    /// The fixture evidence folder (holding `evidence-register.xml`).
    public var evidence: URL
    /// The folder as named in messages.
    public var evidenceDisplayName: String
    /// The audit date, fixed so the case gives the same results on any day.
    public var asOf: CalendarDate
    /// A profile (tailoring) of the ruleset to audit with; nil for the ruleset's defaults.
    public var profile: URL?
    /// The profile as named in messages.
    public var profileDisplayName: String?
    /// The only rules evaluated; nil for every rule of the ruleset.
    public var rules: [String]?
    /// What results no expectation names may be.
    public var unlisted: UnlistedResults
    /// The results the case must produce.
    public var expectations: [ExpectedResult]
    /// Where the case is declared.
    public var location: SourceLocation

    /// A case as read from a test file.
    public init(
        name: String, description: String?, evidence: URL, evidenceDisplayName: String, asOf: CalendarDate,
        profile: URL? = nil, profileDisplayName: String? = nil, rules: [String]?, unlisted: UnlistedResults, expectations: [ExpectedResult],
        location: SourceLocation
    ) {
        self.name = name
        self.description = description
        self.evidence = evidence
        self.evidenceDisplayName = evidenceDisplayName
        self.asOf = asOf
        self.profile = profile
        self.profileDisplayName = profileDisplayName
        self.rules = rules
        self.unlisted = unlisted
        self.expectations = expectations
        self.location = location
    }
}

/// What results a case accepts besides those its expectations name.
///
/// The default lets unnamed results pass but not fail: a rule edit that makes
/// something fail that used to pass is exactly the regression tests exist to catch.
public enum UnlistedResults: String, Sendable, Hashable, CaseIterable {
    /// Unnamed results may pass or be not applicable / not checked / waived; an unnamed `fail` or `error` fails the case.
    case allowPassing = "allow-passing"
    /// Every result must be named by an expectation.
    case forbid
    /// Unnamed results are ignored, whatever their status.
    case allow
}

/// A result a case must produce: the rule and item it is about, its status, and
/// optionally its grade, number of findings, statement and message text.
public struct ExpectedResult: Sendable, Hashable {
    /// The rule the result is for.
    public var ruleId: String
    /// The evidence item; nil for a result about an evidence type as a whole.
    public var itemId: String?
    /// The status the result must have.
    public var status: ResultStatus
    /// The result's grade, when the expectation names one.
    public var grade: Grade?
    /// The number of findings, when the expectation names one.
    public var findings: Int?
    /// The result's statement, exactly (white space normalised).
    public var statement: String?
    /// Texts each of which must appear in the statement or in one of the result's findings.
    public var messages: [String]
    /// Where the expectation is written.
    public var location: SourceLocation

    /// An expectation as read from a test file.
    public init(
        ruleId: String, itemId: String?, status: ResultStatus, grade: Grade?, findings: Int?, statement: String?,
        messages: [String], location: SourceLocation
    ) {
        self.ruleId = ruleId
        self.itemId = itemId
        self.status = status
        self.grade = grade
        self.findings = findings
        self.statement = statement
        self.messages = messages
        self.location = location
    }

    /// `CX-8.2.1-01 [CL-1]`, or `CX-9.3-01` for a result about a type as a whole.
    public var subject: String {
        ruleId + (itemId.map { " [\($0)]" } ?? "")
    }
}

/// Why a ruleset test file cannot be used: every problem, each with its line.
public enum RulesetTestError: Error, LocalizedError, Sendable, Equatable {
    /// The file cannot be read or is not well-formed XML.
    case unreadable(file: String, diagnostics: [Diagnostic])
    /// The file breaks the test schema or names cases or rules inconsistently.
    case invalid(file: String, diagnostics: [Diagnostic])

    /// Every problem found, each with its position.
    public var diagnostics: [Diagnostic] {
        switch self {
        case let .unreadable(_, diagnostics), let .invalid(_, diagnostics): return diagnostics
        }
    }

    /// The problems as `file:line:col: error: …` lines, and what to do.
    public var errorDescription: String? {
        (diagnostics.map(\.description) + ["Fix the test file (see docs/authoring-guide.md); its cases were not run."])
            .joined(separator: "\n")
    }
}

public import AuditModel

/// Every check `cxaudit lint` makes, with the severity it reports at.
///
/// Errors are exactly what makes `check` refuse a ruleset; warnings are likely
/// mistakes that still load (a misspelt evidence type silently finds no items);
/// notes are advice on how findings will read. The raw value is the stable code
/// shown in text output (`[unused-parameter]`) and in the JSON document.
public enum LintCheck: String, Sendable, Hashable, Codable, CaseIterable {
    /// The file cannot be read, or is not well-formed XML.
    case unreadable
    /// The document breaks `Rulesets/schema/ruleset-1.rng`.
    case schema
    /// The language's own rules: unique ids, defined and typed parameters, XPath that compiles.
    case language
    /// A clause has neither a rule nor a `<not-covered>` note.
    case clauseCoverage = "clause-coverage"
    /// A rule reads an evidence type that is neither declared nor in the given register.
    case undeclaredEvidenceType = "undeclared-evidence-type"
    /// A declared evidence type no rule reads.
    case unusedEvidenceType = "unused-evidence-type"
    /// A rule reads a field its evidence type's contract does not declare.
    case undeclaredField = "undeclared-field"
    /// A required contract field no rule reads.
    case unusedField = "unused-field"
    /// A declared parameter no rule uses.
    case unusedParameter = "unused-parameter"
    /// A declared crosswalk source no crosswalk entry names.
    case unusedCrosswalkSource = "unused-crosswalk-source"
    /// A clause names a standard the ruleset does not declare.
    case unknownStandard = "unknown-standard"
    /// A records check without `key`, or a cross-reference without `record-key`.
    case missingRecordKey = "missing-record-key"
    /// Two linted files declare the same ruleset id.
    case duplicateRulesetId = "duplicate-ruleset-id"
    /// A rule reads an evidence type of which the given register has no item.
    case evidenceTypeNotInRegister = "evidence-type-not-in-register"
    /// A rule has no `<reference>`.
    case noReference = "no-reference"
    /// A message template interpolates no value.
    case messageWithoutValue = "message-without-value"

    /// How serious a problem of this kind is.
    public var severity: Diagnostic.Severity {
        switch self {
        case .unreadable, .schema, .language, .clauseCoverage: return .error
        case .undeclaredEvidenceType, .unusedEvidenceType, .undeclaredField, .unusedField, .unusedParameter, .unusedCrosswalkSource, .unknownStandard,
            .missingRecordKey, .duplicateRulesetId:
            return .warning
        case .evidenceTypeNotInRegister, .noReference, .messageWithoutValue: return .note
        }
    }

    /// What the check looks for, in one line (for documentation and `lint --list-checks`).
    public var summary: String {
        switch self {
        case .unreadable: return "the file cannot be read or is not well-formed XML"
        case .schema: return "the document breaks the ruleset schema (Rulesets/schema/ruleset-1.rng)"
        case .language:
            return "duplicate ids, undefined or mistyped parameters, XPath that does not compile, unknown functions or variables, unbalanced message braces"
        case .clauseCoverage: return "a clause has neither a rule nor a <not-covered> note"
        case .undeclaredEvidenceType:
            return "a rule reads an evidence type that is not declared with <evidence-type> and not in the --evidence register"
        case .unusedEvidenceType: return "a declared evidence type is read by no rule"
        case .undeclaredField:
            return "a rule's XPath names a field its evidence type's contract does not declare (a misspelt field reads nothing)"
        case .unusedField: return "a required contract field is read by no rule, so items lacking it error for nothing"
        case .unusedParameter: return "a declared parameter is used by no rule"
        case .unusedCrosswalkSource: return "a declared <crosswalk-source> is named by no crosswalk entry"
        case .unknownStandard: return "a clause's standard attribute names no declared <standard>"
        case .missingRecordKey:
            return "a records check has no key, or a cross-reference no record-key, so finding ids change when rows move"
        case .duplicateRulesetId: return "two linted files declare the same ruleset id; check refuses to load both in one run"
        case .evidenceTypeNotInRegister:
            return "the --evidence register has no item of a type a rule reads; that rule would fail with \"No evidence\""
        case .noReference: return "a rule cites no <reference> (standard, guidance or procedure)"
        case .messageWithoutValue: return "a message interpolates no value, so its findings cannot say what was measured"
        }
    }
}

/// One problem lint found: a diagnostic with the check that found it.
public struct LintDiagnostic: Sendable, Hashable {
    /// The check that found the problem.
    public var check: LintCheck
    /// The problem, its severity and position.
    public var diagnostic: Diagnostic

    /// A diagnostic at the check's own severity.
    public init(_ check: LintCheck, at location: SourceLocation, _ message: String) {
        self.check = check
        self.diagnostic = Diagnostic(severity: check.severity, location: location, message: message)
    }

    /// Wraps a diagnostic another stage produced (parser, schema, language check).
    public init(_ check: LintCheck, _ diagnostic: Diagnostic) {
        self.check = check
        self.diagnostic = diagnostic
    }

    /// `file:line:col: severity: message [check]`: the shape compilers use, so editors jump to it.
    public var description: String {
        "\(diagnostic.description) [\(check.rawValue)]"
    }
}

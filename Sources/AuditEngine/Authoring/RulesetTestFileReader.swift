import AuditEvidence
import AuditModel
import CalendarDates
public import Foundation
import LibXML

/// Reads ruleset test files: well-formed, valid against
/// `Rulesets/schema/ruleset-test-1.rng`, with unique case names and at most one
/// expectation per rule and item in a case. Paths in the file are relative to it.
public struct RulesetTestFileReader: Sendable {
    /// The test file language's namespace.
    public static let namespace = "urn:cxaudit:ruleset-test:1"

    private let input: SchemaValidatedLoader

    /// - Parameter schema: `Rulesets/schema/ruleset-test-1.rng`.
    public init(schema: URL) throws(RulesetTestError) {
        input = try SchemaValidatedLoader(schema: schema, reportingAs: RulesetTestError.init)
    }

    /// Reads one test file.
    ///
    /// - Parameters:
    ///   - url: The test file.
    ///   - displayName: How the file is named in messages (defaults to its path); the
    ///     paths it names are shown relative to the same folder.
    /// - Throws: `RulesetTestError` listing every problem with its line.
    public func read(_ url: URL, displayName: String? = nil) throws(RulesetTestError) -> RulesetTestSuite {
        let file = try input.load(url, displayName: displayName, reportingAs: RulesetTestError.init)
        let name = file.name
        let root = file.root
        let folder = url.deletingLastPathComponent()
        let displayFolder = (name as NSString).deletingLastPathComponent
        func resolve(_ path: String) -> (URL, String) {
            (folder.appendingPathComponent(path).standardizedFileURL, (displayFolder as NSString).appendingPathComponent(path))
        }
        let defaultRuleset = url.lastPathComponent.hasSuffix(ResourceLocator.rulesetTestSuffix)
            ? String(url.lastPathComponent.dropLast(ResourceLocator.rulesetTestSuffix.count)) + ".xml"
            : nil
        var problems: [Diagnostic] = []
        let location = { (element: XMLNode) in SourceLocation(file: name, line: element.line, column: element.column) }
        guard let rulesetPath = root.attribute("ruleset") ?? defaultRuleset else {
            throw .invalid(
                file: name,
                diagnostics: [
                    Diagnostic(
                        location: location(root),
                        message: "the file is not named NAME.test.xml, so name the ruleset under test: <ruleset-tests ruleset=\"NAME.xml\">")
                ])
        }
        let (rulesetURL, rulesetName) = resolve(rulesetPath)

        var cases: [RulesetTestCase] = []
        var caseLines: [String: Int] = [:]
        for element in root.childElements where element.localName == "case" {
            let caseName = element.attribute("name") ?? ""
            if let line = caseLines[caseName] {
                problems.append(Diagnostic(location: location(element), message: "duplicate case name '\(caseName)' (first declared at line \(line))"))
            }
            caseLines[caseName] = caseLines[caseName] ?? element.line
            let asOfText = element.attribute("as-of") ?? ""
            guard let asOf = CalendarDate(iso: asOfText) else {
                problems.append(Diagnostic(location: location(element), message: "case '\(caseName)': as-of '\(asOfText)' is not a date (YYYY-MM-DD)"))
                continue
            }
            var expectations: [ExpectedResult] = []
            var subjects: [String: Int] = [:]
            for child in element.childElements where child.localName == "expect" {
                let expectation = ExpectedResult(
                    ruleId: child.attribute("rule") ?? "", itemId: child.attribute("item"),
                    status: ResultStatus(rawValue: child.attribute("status") ?? "") ?? .pass,
                    grade: child.attribute("grade").flatMap(Grade.init(rawValue:)),
                    findings: child.attribute("findings").flatMap { Int($0) },
                    statement: child.childElements.first { $0.localName == "statement" }.map { Self.normalized($0.stringValue) },
                    messages: child.childElements.filter { $0.localName == "message" }.map { Self.normalized($0.stringValue) },
                    location: location(child))
                if let line = subjects[expectation.subject] {
                    problems.append(
                        Diagnostic(
                            location: location(child),
                            message: "case '\(caseName)': \(expectation.subject) is already expected at line \(line); one expectation per rule and item"))
                }
                subjects[expectation.subject] = subjects[expectation.subject] ?? child.line
                expectations.append(expectation)
            }
            let (evidence, evidenceName) = resolve(element.attribute("evidence") ?? "")
            let profile = element.attribute("profile").map(resolve)
            cases.append(
                RulesetTestCase(
                    name: caseName,
                    description: element.childElements.first { $0.localName == "description" }.map { Self.normalized($0.stringValue) },
                    evidence: evidence, evidenceDisplayName: evidenceName, asOf: asOf, profile: profile?.0,
                    profileDisplayName: profile?.1,
                    rules: element.attribute("rules").map { $0.split(whereSeparator: \.isWhitespace).map(String.init) },
                    unlisted: element.attribute("unlisted").flatMap(UnlistedResults.init(rawValue:)) ?? .allowPassing,
                    expectations: expectations, location: location(element)))
        }
        guard problems.isEmpty else { throw .invalid(file: name, diagnostics: problems) }
        return RulesetTestSuite(
            file: name, ruleset: rulesetURL, rulesetDisplayName: rulesetName, location: location(root),
            description: root.childElements.first { $0.localName == "description" }.map { Self.normalized($0.stringValue) },
            cases: cases)
    }

    /// White space collapsed, as the ruleset reader does with messages, so expected text can be wrapped.
    static func normalized(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}

extension RulesetTestError {
    /// A test file, or its schema, that could not be loaded: invalid when the file breaks
    /// the schema, else unreadable.
    fileprivate init(_ error: XMLInputError) {
        switch error.stage {
        case .validating: self = .invalid(file: error.file, diagnostics: error.diagnostics)
        case .schema, .reading, .parsing: self = .unreadable(file: error.file, diagnostics: error.diagnostics)
        }
    }
}

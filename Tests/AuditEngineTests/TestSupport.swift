import AuditEngine
import AuditEvidence
import AuditModel
import CalendarDates
import Foundation
import Testing

/// The repository checkout, found from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
let resources = ResourceLocator(home: repositoryRoot)
let fixturesFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

/// A throw-away folder, removed when the value is deinitialised.
final class TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("cxaudit-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    @discardableResult
    func write(_ relativePath: String, _ contents: String) throws -> URL {
        try write(relativePath, Data(contents.utf8))
    }

    @discardableResult
    func write(_ relativePath: String, _ data: Data) throws -> URL {
        let file = url.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: file)
        return file
    }
}

/// One register entry for a test evidence folder.
struct TestItem {
    var id: String
    var type: String
    var file: String
    var format: String
    var date: String?
    var extra: String = ""
    /// Child elements (`<map>`s).
    var children: String = ""

    var xml: String {
        let dateAttribute = date.map { " date=\"\($0)\"" } ?? ""
        let start = "  <item id=\"\(id)\" type=\"\(type)\" file=\"\(file)\" format=\"\(format)\"\(dateAttribute)\(extra)"
        return children.isEmpty ? start + "/>" : start + ">\(children)</item>"
    }
}

/// An evidence register document with `items`.
func registerXML(_ items: [TestItem], scope: [String] = []) -> String {
    let activities = scope.map { "<activity>\($0)</activity>" }.joined()
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <evidence-register version="1">
          <organization name="Test Org"><scope>\(activities)</scope></organization>
        \(items.map(\.xml).joined(separator: "\n"))
        </evidence-register>

        """
}

/// A minimal valid rule around a check element.
func ruleXML(_ id: String, grade: String = "minor", appliesIf: String = "", _ check: String) -> String {
    """
        <rule id="\(id)" grade="\(grade)">
          <title>Rule \(id)</title>
          <rationale>Because.</rationale>
          <remediation>Fix it.</remediation>
          \(appliesIf)
          \(check)
        </rule>
    """
}

/// A ruleset document with one clause holding `rules`.
func rulesetXML(parameters: String = "", namespaces: String = "", evidenceTypes: String = "", _ rules: String...) -> String {
    """
    <?xml version="1.0" encoding="UTF-8"?>
    <ruleset xmlns="urn:cxaudit:ruleset:1" id="test" version="1.0.0">
      <title>Test ruleset</title>
      \(namespaces)
      \(parameters)
      \(evidenceTypes)
      <clause number="9.1.2" title="Customer satisfaction">
        <intent>Know what customers think.</intent>
    \(rules.joined(separator: "\n"))
      </clause>
    </ruleset>

    """
}

func loadRuleset(_ xml: String, in folder: TemporaryFolder, name: String = "ruleset.xml") throws -> Ruleset {
    let file = try folder.write(name, xml)
    return try RulesetLoader(schema: resources.rulesetSchema).load(file, displayName: name)
}

/// Writes an evidence folder and a ruleset, then audits it.
func audit(
    ruleset: String, files: [String: String], binaryFiles: [String: Data] = [:], items: [TestItem], scope: [String] = [],
    asOf: String = "2026-06-30", parallelism: Int = 2
) async throws -> AuditRun {
    let workspace = try TemporaryFolder()
    let evidence = workspace.url.appendingPathComponent("evidence")
    try FileManager.default.createDirectory(at: evidence, withIntermediateDirectories: true)
    for (path, contents) in files {
        try workspace.write("evidence/" + path, contents)
    }
    for (path, contents) in binaryFiles {
        try workspace.write("evidence/" + path, contents)
    }
    try workspace.write("evidence/evidence-register.xml", registerXML(items, scope: scope))
    let loaded = try loadRuleset(ruleset, in: workspace)
    let auditor = Auditor(options: AuditOptions(asOf: try #require(CalendarDate(iso: asOf)), parallelism: parallelism))
    return try await auditor.run(
        rulesets: [loaded], folder: EvidenceFolder(root: evidence),
        registerLoader: EvidenceRegisterLoader(schema: resources.registerSchema))
}

extension AuditRun {
    func results(for ruleId: String) -> [RuleResult] {
        results.filter { $0.ruleId == ruleId }
    }

    func findings(for ruleId: String) -> [Finding] {
        findings.filter { $0.ruleId == ruleId }
    }
}

/// Model values for tests of the engine's parts, without a ruleset file.
enum ModelFixture {
    static let location = SourceLocation(file: "rs.xml", line: 3)

    /// A rule with `check`, in clause 9.1.2.
    static func rule(_ id: String = "R-1", grade: Grade = .minor, check: RuleCheck) -> Rule {
        Rule(
            id: id, title: "Rule \(id)", grade: grade, rationale: "Because.", remediation: "Fix it.", references: [], applicability: nil,
            check: check, clause: "9.1.2", location: location)
    }

    /// A presence check on `type`.
    static func presence(_ type: String = "management-review") -> RuleCheck {
        .presence(PresenceCheck(evidenceType: type, minimum: ValueReference("1"), within: nil, message: nil))
    }

    /// Clause 9.1.2 holding `rules`.
    static func clause(_ rules: [Rule]) -> Clause {
        Clause(
            number: "9.1.2", title: "Customer satisfaction", standard: nil, intent: "Know what customers think.", crosswalk: [],
            notCoveredReason: nil, rules: rules, location: location)
    }

    /// A ruleset with one clause holding `rules`.
    static func ruleset(
        _ id: String = "rs", rules: [Rule] = [], parameters: [Parameter] = [], evidenceTypes: [EvidenceTypeDeclaration] = [],
        namespaces: [String: String] = [:]
    ) -> Ruleset {
        Ruleset(
            id: id, version: "1.0.0", title: "Test", description: "", file: "rs.xml", sha256: "a", standards: [], namespaces: namespaces,
            parameters: parameters, evidenceTypes: evidenceTypes, clauses: [clause(rules)])
    }

    /// A parameter with a default parsed from `text`.
    static func parameter(_ name: String, _ type: ParameterType, _ text: String) -> Parameter {
        Parameter(name: name, type: type, defaultValue: type.parse(text) ?? .string(text), description: "", location: location)
    }

    /// A register item of `type`.
    static func item(_ id: String, type: String, line: Int = 5) -> EvidenceItem {
        EvidenceItem(
            id: id, type: type, file: "\(id).xml", format: .xml, date: nil, periodStart: nil, periodEnd: nil, owner: nil, process: nil,
            site: nil, title: nil, delimiter: nil, location: SourceLocation(file: "evidence-register.xml", line: line))
    }
}

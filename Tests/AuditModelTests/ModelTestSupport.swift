import AuditModel
import CalendarDates
import Foundation
import Testing

/// The repository checkout, found from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The shipped JSON Schema of the results document, whose enumerations the model's raw values must match.
enum ResultsSchema {
    static let file = repositoryRoot.appendingPathComponent("docs/formats/cxaudit-results-1.0.schema.json")

    /// The values `$defs/<path>` allows, e.g. `["status"]` or `["finding", "properties", "baseline"]`.
    static func enumeration(_ path: String...) throws -> [String] {
        var node = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
        node = try #require(node["$defs"] as? [String: Any])
        for key in path {
            node = try #require(node[key] as? [String: Any], "no \(key) in the schema")
        }
        return try #require(node["enum"] as? [String])
    }
}

/// A date written as in the fixtures, `YYYY-MM-DD`.
func calendarDate(_ iso: String) -> CalendarDate {
    guard let date = CalendarDate(iso: iso) else { preconditionFailure("not a date: \(iso)") }
    return date
}

/// A rule result with only what roll-up and scoring read.
func result(_ status: ResultStatus, _ grade: Grade = .minor, rule: String = "R-1", ruleset: String = "rs", item: String? = nil) -> RuleResult {
    RuleResult(
        rulesetId: ruleset, ruleId: rule, clause: "9.1.2", itemId: item, evidenceType: "satisfaction-survey", status: status, grade: grade,
        statement: "\(rule) \(status.rawValue)")
}

/// A finding with only what the run's filters read.
func finding(_ id: String, _ grade: Grade, waivedBy waiver: String? = nil) -> Finding {
    var finding = Finding(
        id: id, grade: grade, rulesetId: "rs", clause: "8.2.1", clauseTitle: "Customer communication", ruleId: "R-1",
        ruleTitle: "Acknowledge complaints", statement: "Complaint \(id) was acknowledged late.", requirement: "Respond promptly.",
        evidence: ObjectiveEvidence(itemId: "CL", evidenceType: "complaints-log", file: "log.csv", line: 3, recordKey: id),
        measurements: [Measurement(name: "days", value: "5", number: 5)], remediation: "Acknowledge within 2 days.")
    finding.waiver = waiver.map {
        WaiverReference(id: $0, justification: "Supplier strike.", approver: "QM", expires: calendarDate("2026-12-31"), file: "waivers.xml")
    }
    return finding
}

/// A run holding `results`, `findings` and `diagnostics`, otherwise empty.
func run(results: [RuleResult] = [], findings: [Finding] = [], diagnostics: [Diagnostic] = []) -> AuditRun {
    AuditRun(
        tool: ToolInfo(version: "9.9.9"), asOf: calendarDate("2026-11-30"),
        rulesets: [RulesetInfo(id: "rs", version: "1.0.0", title: "RS", file: "rs.xml", sha256: String(repeating: "b", count: 64))],
        evidence: EvidenceInfo(organization: "Org", register: "evidence-register.xml", items: []), clauses: [], results: results,
        findings: findings, diagnostics: diagnostics)
}

/// A value encoded to JSON and decoded again.
func roundTrip<Value: Codable>(_ value: Value) throws -> Value {
    try JSONDecoder().decode(Value.self, from: JSONEncoder().encode(value))
}

/// A value's JSON as an object, to see which keys it writes.
func jsonObject(_ value: some Encodable) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(value)) as? [String: Any])
}

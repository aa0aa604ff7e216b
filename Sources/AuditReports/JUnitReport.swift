public import AuditModel
import CalendarDates
public import Foundation

/// Renders a run as JUnit XML, the test-report format CI systems display
/// (GitLab, Jenkins, Azure DevOps, GitHub test-reporter actions; parsed by `junitparser`).
///
/// Mapping (`docs/formats/junit.md`):
/// - one `<testsuite>` per clause, named `<clause> <title>`, with the verdict as a property;
/// - one `<testcase>` per rule result, that is per rule × evidence item (per rule for
///   checks about an evidence type as a whole); `classname` is `<ruleset>.<clause>`;
/// - `fail` → `<failure message="statement" type="grade">` listing the findings
///   (up to the context's list limit) with requirement and remediation;
///   `error` → `<error>`; `notapplicable` and `notchecked` → `<skipped>`;
/// - `waived` → `<skipped message="Waived: waiver W-1, approved by …, expires …: justification">`
///   with the real outcome and each waived finding as its text; a failure that is only partly
///   waived stays a `<failure>` whose text marks the waived findings with their waivers;
/// - a clause with no result gets one skipped test case, so it stays visible;
/// - problems with the inputs form a last suite, `inputs`, errors as `<error>`.
public enum JUnitReport {
    /// Renders `run` as a JUnit XML document (UTF-8), in memory.
    public static func render(_ run: AuditRun, context: ReportContext) -> Data {
        let index = RunIndex(run, context: context)
        var suites: [Suite] = []
        var covered: Set<RuleKey> = []
        for clause in run.clauses {
            var cases: [Case] = []
            for rule in index.rules(of: clause) {
                covered.insert(rule.key)
                cases += rule.results.map { testCase($0, rule: rule, index: index) }
            }
            if cases.isEmpty {
                cases.append(
                    Case(
                        classname: "\(clause.rulesetId).\(clause.number)", name: "\(clause.number) \(clause.title)", file: nil,
                        outcome: .skipped(message: "No rule was evaluated for this clause: \(clause.verdict.title.lowercased()).", body: nil)))
            }
            suites.append(
                Suite(
                    name: "\(clause.number) \(clause.title)", package: clause.rulesetId,
                    properties: [("ruleset", clause.rulesetId), ("clause", clause.number), ("verdict", clause.verdict.rawValue)],
                    cases: cases))
        }
        let orphans = index.rules.filter { !covered.contains($0.key) && !$0.results.isEmpty }
        if !orphans.isEmpty {
            suites.append(
                Suite(
                    name: "rules without a clause", package: "cxaudit", properties: [],
                    cases: orphans.flatMap { rule in rule.results.map { testCase($0, rule: rule, index: index) } }))
        }
        if !run.diagnostics.isEmpty {
            let cases = index.diagnostics.map { diagnostic in
                Case(
                    classname: "inputs", name: diagnostic.location.description, file: diagnostic.location.file,
                    outcome: diagnostic.severity == .error
                        ? .error(message: diagnostic.message, type: "input", body: diagnostic.description)
                        : .passed(output: diagnostic.description))
            }
            suites.append(Suite(name: "inputs", package: "cxaudit", properties: [], cases: cases))
        }

        var xml = XMLMarkup()
        let totals = Totals(suites.flatMap(\.cases))
        let timestamp = context.generatedAt.iso8601WithoutZone
        xml.start(
            "testsuites",
            [
                "name": "cxaudit \(run.tool.version): \(run.evidence.organization) as of \(run.asOf)",
                "tests": String(totals.tests), "failures": String(totals.failures), "errors": String(totals.errors),
                "skipped": String(totals.skipped), "time": "0", "timestamp": timestamp,
            ])
        for (number, suite) in suites.enumerated() {
            let counts = Totals(suite.cases)
            xml.start(
                "testsuite",
                [
                    "name": suite.name, "tests": String(counts.tests), "failures": String(counts.failures),
                    "errors": String(counts.errors), "skipped": String(counts.skipped), "time": "0", "timestamp": timestamp,
                    "id": String(number), "package": suite.package, "hostname": "cxaudit",
                ])
            if !suite.properties.isEmpty {
                xml.start("properties")
                for (name, value) in suite.properties { xml.element("property", ["name": name, "value": value]) }
                xml.end()
            }
            for testCase in suite.cases { write(testCase, to: &xml) }
            xml.end()
        }
        xml.end()
        return Data(xml.text.utf8)
    }

    private static func testCase(_ result: RuleResult, rule: RuleEntry, index: RunIndex) -> Case {
        var name = result.ruleId
        if let item = result.itemId { name += " [\(item)]" }
        if let title = rule.title { name += " \(title)" }
        let classname = "\(result.rulesetId).\(result.clause)"
        let file = index.file(of: result).map(index.path(ofEvidenceFile:))
        switch result.status {
        case .pass:
            return Case(classname: classname, name: name, file: file, outcome: .passed(output: result.statement))
        case .fail:
            return Case(
                classname: classname, name: name, file: file,
                outcome: .failure(message: result.statement, type: result.grade.rawValue, body: failureText(result, rule: rule, index: index)))
        case .error:
            return Case(classname: classname, name: name, file: file, outcome: .error(message: result.statement, type: "error", body: result.statement))
        case .notapplicable, .notchecked:
            return Case(classname: classname, name: name, file: file, outcome: .skipped(message: result.statement, body: nil))
        case .waived:
            let waivers = index.waivers(of: result)
            let message = waivers.isEmpty ? "Waived: \(result.statement)" : "Waived: " + waivers.map(ReportText.waiver).joined(separator: "; ")
            return Case(
                classname: classname, name: name, file: file, outcome: .skipped(message: message, body: findingsText(result, index: index)))
        }
    }

    /// The result's grade and statement, then its findings, waived ones with their waiver.
    private static func findingsText(_ result: RuleResult, index: RunIndex) -> String {
        var lines = ["\(result.grade.title): \(result.statement)"]
        let findings = index.findings(of: result)
        let active = findings.filter { !$0.isWaived }
        let limit = index.context.listLimit
        for finding in active.prefix(limit) where findings.count > 1 || finding.statement != result.statement {
            lines.append("  \(index.location(of: finding.evidence)): \(finding.statement)")
        }
        if active.count > limit {
            lines.append("  " + ReportText.more(active.count - limit) + " (see the JSON or SARIF output for all)")
        }
        for finding in findings {
            guard let waiver = finding.waiver else { continue }
            lines.append("  \(index.location(of: finding.evidence)): \(finding.statement)")
            lines.append("    waived: \(ReportText.waiver(waiver))")
        }
        return lines.joined(separator: "\n")
    }

    private static func failureText(_ result: RuleResult, rule: RuleEntry, index: RunIndex) -> String {
        var lines = [findingsText(result, index: index)]
        let findings = index.findings(of: result)
        if let requirement = findings.first?.requirement ?? rule.requirement { lines.append("Requirement: \(requirement)") }
        if let remediation = findings.first?.remediation ?? rule.remediation, !remediation.isEmpty {
            lines.append("Remediation: \(remediation)")
        }
        return lines.joined(separator: "\n")
    }

    private static func write(_ testCase: Case, to xml: inout XMLMarkup) {
        let attributes: KeyValuePairs<String, String?> = [
            "name": testCase.name, "classname": testCase.classname, "time": "0", "file": testCase.file,
        ]
        switch testCase.outcome {
        case let .passed(output):
            xml.start("testcase", attributes)
            xml.element("system-out", text: output)
            xml.end()
        case let .failure(message, type, body):
            xml.start("testcase", attributes)
            xml.element("failure", ["message": message, "type": type], text: body)
            xml.end()
        case let .error(message, type, body):
            xml.start("testcase", attributes)
            xml.element("error", ["message": message, "type": type], text: body)
            xml.end()
        case let .skipped(message, body):
            xml.start("testcase", attributes)
            xml.element("skipped", ["message": message], text: body)
            xml.end()
        }
    }

    private struct Suite {
        let name: String
        let package: String
        let properties: [(String, String)]
        let cases: [Case]
    }

    private struct Case {
        let classname: String
        let name: String
        let file: String?
        let outcome: Outcome
    }

    private enum Outcome {
        case passed(output: String)
        case failure(message: String, type: String, body: String)
        case error(message: String, type: String, body: String)
        case skipped(message: String, body: String?)
    }

    private struct Totals {
        var tests = 0
        var failures = 0
        var errors = 0
        var skipped = 0

        init(_ cases: [Case]) {
            tests = cases.count
            for testCase in cases {
                switch testCase.outcome {
                case .passed: break
                case .failure: failures += 1
                case .error: errors += 1
                case .skipped: skipped += 1
                }
            }
        }
    }
}

public import AuditModel
import CalendarDates
public import Foundation

/// Renders a run as SVRL, the Schematron Validation Report Language of
/// ISO/IEC 19757-3, which XML quality-assurance tool chains and Schematron
/// report viewers read.
///
/// cxaudit's rules are Schematron-like (assert and report over records), so
/// the mapping is direct (`docs/formats/svrl.md`):
/// - each rule result (rule × evidence item) is an `active-pattern` whose
///   `documents` is the evidence file and whose `role` is the result status,
///   followed by one `fired-rule` (context `/`, the item as a whole);
/// - a major or minor finding is a `failed-assert` (the requirement asserted is
///   not met); an opportunity for improvement is a `successful-report` (an
///   observation reported, not a failure); an evaluation error is a
///   `failed-assert` with role `error`;
/// - `location` is the XPath of the record in the evidence (or its XML view for
///   CSV and JSON), `test` the rule id (checks such as freshness or trends are not
///   one XPath test), `id` the finding's fingerprint, `role` its grade;
/// - measured values are `diagnostic-reference`s, file, line, record key and
///   SHA-256 are `property-reference`s, the statement is the `text`;
/// - a waived finding stays a `failed-assert` (or `successful-report` for an OFI): the
///   assertion did fail, and a waiver does not change what was found. It carries
///   `flag="waived"` — Schematron's flag is the name of a condition an assertion sets
///   when it fires, for the consumer to act on — and the waiver's id, approver, expiry and
///   justification as `property-reference`s. A consumer that gates on failures skips
///   `failed-assert[@flag='waived']`;
/// - with a baseline, each finding has a `baseline` property (`new` or `unchanged`), and a
///   top-level `text` states the comparison and lists the resolved findings.
///
/// The output is valid against both the 2016 and the 2025 SVRL schemas.
public enum SVRLReport {
    /// The SVRL namespace.
    public static let namespace = "http://purl.oclc.org/dsdl/svrl"

    /// Renders `run` as an SVRL document (UTF-8), in memory.
    public static func render(_ run: AuditRun, context: ReportContext) -> Data {
        let index = RunIndex(run, context: context)
        var xml = XMLMarkup()
        xml.start(
            "svrl:schematron-output",
            [
                "xmlns:svrl": namespace,
                "title": "cxaudit \(run.tool.version): \(run.evidence.organization) as of \(run.asOf)",
                "schemaVersion": run.rulesets.map { "\($0.id) \($0.version)" }.joined(separator: ", "),
            ])
        xml.element(
            "svrl:text",
            text: "Audit of \(run.evidence.organization) as of \(run.asOf), generated \(context.generatedAt.iso8601) by cxaudit \(run.tool.version). "
                + "Rulesets: \(run.rulesets.map { "\($0.id) \($0.version) (SHA-256 \($0.sha256))" }.joined(separator: "; ")).")
        for diagnostic in index.diagnostics {
            xml.element("svrl:text", text: "Input problem: \(diagnostic.description)")
        }
        if let comparison = run.baseline, let counts = index.counts.baseline {
            let resolved = comparison.resolvedFindings.map { resolved in
                let place = index.location(of: resolved)
                return "\(resolved.ruleId)\(place.isEmpty ? "" : " " + place) (was \(resolved.grade.rawValue), id \(resolved.id)): \(resolved.statement)"
            }
            xml.element(
                "svrl:text",
                text: "Compared with the baseline \(comparison.file)\(comparison.baselineAsOf.map { " (as of \($0))" } ?? ""): \(ReportText.baseline(counts))."
                    + (resolved.isEmpty ? "" : " Resolved: " + resolved.joined(separator: "; ")))
        }
        var usedIds: Set<String> = []
        func uniqueId(_ base: String) -> String {
            var candidate = XMLMarkup.ncName(base, prefix: "r")
            var counter = 2
            while !usedIds.insert(candidate).inserted {
                candidate = XMLMarkup.ncName(base, prefix: "r") + "-\(counter)"
                counter += 1
            }
            return candidate
        }
        var wroteAny = false
        for rule in index.rules {
            for result in rule.results {
                wroteAny = true
                let item = result.itemId ?? "all"
                let file = index.file(of: result).map(index.path(ofEvidenceFile:))
                let documents = file ?? index.items(ofType: result.evidenceType).map { index.path(ofEvidenceFile: $0.file) }.joined(separator: " ")
                xml.element(
                    "svrl:active-pattern",
                    [
                        "id": uniqueId("\(rule.key.rulesetId).\(rule.key.ruleId).\(item)"),
                        "documents": documents.isEmpty ? nil : documents,
                        "name": "\(rule.key.ruleId)\(result.itemId.map { " [\($0)]" } ?? ""): \(rule.displayTitle)",
                        "role": result.status.rawValue,
                    ])
                xml.element(
                    "svrl:fired-rule",
                    ["context": "/", "name": "\(rule.clause) \(rule.clauseTitle)", "role": result.status.rawValue])
                switch result.status {
                case .fail, .waived:
                    let findings = index.findings(of: result)
                    if findings.isEmpty {
                        assertion(
                            "svrl:failed-assert", id: nil, location: "/", test: rule.key.ruleId, role: result.grade.rawValue,
                            flag: result.status == .waived ? "waived" : nil, measurements: result.measurements, properties: [],
                            text: result.statement, to: &xml)
                    }
                    for finding in findings {
                        write(finding, rule: rule, index: index, to: &xml)
                    }
                case .error:
                    assertion(
                        "svrl:failed-assert", id: nil, location: "/", test: rule.key.ruleId, role: "error", measurements: [],
                        properties: [], text: result.statement, to: &xml)
                case .pass, .notapplicable, .notchecked:
                    break
                }
            }
        }
        if !wroteAny {
            // SVRL needs at least one active pattern; an empty run still says what was (not) done.
            xml.element("svrl:active-pattern", ["id": "no-rules", "name": "No rule was evaluated", "role": "notchecked"])
            xml.element("svrl:fired-rule", ["context": "/", "role": "notchecked"])
        }
        xml.end()
        return Data(xml.text.utf8)
    }

    private static func write(_ finding: Finding, rule: RuleEntry, index: RunIndex, to xml: inout XMLMarkup) {
        let evidence = finding.evidence
        var properties: [(String, String)] = []
        if let item = evidence.itemId { properties.append(("evidence-item", item)) }
        if let file = index.file(of: evidence) { properties.append(("file", index.path(ofEvidenceFile: file))) }
        if let line = evidence.line { properties.append(("line", String(line))) }
        if let key = evidence.recordKey { properties.append(("record-key", key)) }
        if let locator = evidence.nativeLocator { properties.append(("native-locator", locator)) }
        if let sha256 = evidence.sha256 { properties.append(("sha256", sha256)) }
        properties.append(("clause", finding.clause))
        if !finding.remediation.isEmpty { properties.append(("remediation", finding.remediation)) }
        if let state = finding.baseline { properties.append(("baseline", state.rawValue)) }
        if let waiver = finding.waiver {
            properties += [
                ("waiver", waiver.id), ("waiver-approver", waiver.approver), ("waiver-expires", waiver.expires.description),
                ("waiver-justification", waiver.justification),
            ]
        }
        assertion(
            finding.grade == .ofi ? "svrl:successful-report" : "svrl:failed-assert", id: XMLMarkup.ncName(finding.id, prefix: "f"),
            location: evidence.xpath ?? "/", test: rule.key.ruleId, role: finding.grade.rawValue, flag: finding.isWaived ? "waived" : nil,
            measurements: finding.measurements, properties: properties, text: finding.statement, to: &xml)
    }

    private static func assertion(
        _ element: String, id: String?, location: String, test: String, role: String, flag: String? = nil, measurements: [AuditModel.Measurement],
        properties: [(String, String)], text: String, to xml: inout XMLMarkup
    ) {
        xml.start(element, ["id": id, "location": location, "test": test, "role": role, "flag": flag])
        for measurement in measurements {
            xml.start("svrl:diagnostic-reference", ["diagnostic": nmToken(measurement.name)])
            xml.element("svrl:text", text: measurement.value)
            xml.end()
        }
        for (name, value) in properties {
            xml.start("svrl:property-reference", ["property": name])
            xml.element("svrl:text", text: value)
            xml.end()
        }
        xml.element("svrl:text", text: text)
        xml.end()
    }

    /// `value` as an XML NMTOKEN (letters, digits, `.`, `-`, `_`, `:`), other characters as `_`.
    private static func nmToken(_ value: String) -> String {
        let token = String(
            value.unicodeScalars.map { scalar -> Character in
                let ascii = scalar.isASCII
                let allowed =
                    ascii
                    && (("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                        || scalar == "." || scalar == "-" || scalar == "_" || scalar == ":")
                return allowed ? Character(scalar) : "_"
            })
        return token.isEmpty ? "_" : token
    }
}

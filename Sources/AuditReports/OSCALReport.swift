public import AuditModel
import CalendarDates
public import Foundation

/// Renders a run as an OSCAL assessment-results document (JSON), the NIST model
/// GRC tools exchange (validated with `compliance-trestle`).
///
/// Mapping (`docs/formats/oscal.md`):
/// - `reviewed-controls`: every clause of every ruleset, as control ids `<ruleset>_<clause>`;
/// - `observations`: one per rule result (rule × evidence item), and one per
///   finding (record-level objective evidence), each with `relevant-evidence`
///   pointing at the evidence file's back-matter resource (with its SHA-256) and
///   the line, record key and XPath as properties;
/// - `findings`: one per rule (target `objective-id` `<ruleset>_<rule>`) and one per
///   clause (target `statement-id` `<ruleset>_<clause>`), `satisfied` or
///   `not-satisfied`, related to their observations;
/// - `back-matter`: the rulesets (the plan `import-ap` points at) and every evidence file.
///
/// Every UUID is name-based (version 5) on stable names: the finding fingerprint,
/// the rule and item ids, the inputs' hashes. The same inputs give the same
/// document, and the same finding the same UUID across runs.
public enum OSCALReport {
    /// The OSCAL version written in `metadata.oscal-version` (compliance-trestle 5.2's model).
    public static let oscalVersion = "1.2.1"
    /// Namespace of cxaudit's own `props`.
    public static let propertyNamespace = "urn:cxaudit:oscal"

    /// Renders `run` as `{"assessment-results": …}`, pretty-printed with sorted keys.
    ///
    /// - Throws: an `EncodingError` (not expected: every value is encodable).
    public static func render(_ run: AuditRun, context: ReportContext) throws -> Data {
        let document = Builder(index: RunIndex(run, context: context)).document()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(document)
        data.append(UInt8(ascii: "\n"))
        return data
    }

    private struct Builder {
        let index: RunIndex
        var run: AuditRun { index.run }
        var timestamp: JSONValue { .string(index.context.generatedAt.iso8601) }

        /// Identifies the inputs: the same rulesets, evidence and audit date give the same document UUID.
        var runIdentity: String {
            var parts = ["as-of=\(run.asOf)", "organization=\(run.evidence.organization)"]
            parts += run.rulesets.map { "ruleset=\($0.id)@\($0.version)#\($0.sha256)" }
            parts += run.evidence.items.map { "item=\($0.id)#\($0.sha256 ?? "unreadable")" }
            return parts.joined(separator: "\n")
        }

        func document() -> JSONValue {
            let planUUID = NameBasedUUID.make("plan\n" + run.rulesets.map { "\($0.id)@\($0.version)#\($0.sha256)" }.joined(separator: "\n"))
            var observations: [JSONValue] = []
            var ruleObservations: [RuleKey: [String]] = [:]
            for rule in index.rules {
                for result in rule.results {
                    let uuid = NameBasedUUID.make("observation\n\(rule.key.rulesetId)\n\(rule.key.ruleId)\n\(result.itemId ?? "*")")
                    observations.append(observation(for: result, rule: rule, uuid: uuid))
                    ruleObservations[rule.key, default: []].append(uuid)
                    for finding in index.findings(of: result) {
                        let findingUUID = NameBasedUUID.make("finding-observation\n" + finding.id)
                        observations.append(observation(for: finding, rule: rule, uuid: findingUUID))
                        ruleObservations[rule.key, default: []].append(findingUUID)
                    }
                }
            }
            var findings: [JSONValue] = index.rules.map { finding(for: $0, observations: ruleObservations[$0.key] ?? []) }
            findings += run.clauses.map { clause in
                let related = index.rules(of: clause).flatMap { ruleObservations[$0.key] ?? [] }
                return finding(for: clause, observations: related)
            }
            let controls: [JSONValue] = run.clauses.map { ["control-id": .string(controlId($0.rulesetId, $0.number))] }
            let controlSelection: JSONValue = controls.isEmpty ? ["include-all": .object([:])] : ["include-controls": .array(controls)]
            let counts = index.counts
            var resultProps = [
                property("as-of", run.asOf.description),
                property("findings-major", String(counts.findings.major)),
                property("findings-minor", String(counts.findings.minor)),
                property("findings-ofi", String(counts.findings.ofi)),
                property("findings-waived", String(counts.waived.total)),
                property("incomplete", run.isIncomplete ? "true" : "false"),
            ]
            var baselineText = ""
            if let baseline = counts.baseline, let comparison = run.baseline {
                resultProps += [
                    property("baseline", comparison.file), property("baseline-new", String(baseline.new)),
                    property("baseline-unchanged", String(baseline.unchanged)), property("baseline-resolved", String(baseline.resolved)),
                ]
                let resolved = comparison.resolvedFindings.map { "\($0.ruleId) \(index.location(of: $0)) (\($0.id))" }
                baselineText = " Against the baseline \(comparison.file): \(ReportText.baseline(baseline))"
                    + (resolved.isEmpty ? "." : "; resolved: " + resolved.joined(separator: "; ") + ".")
            }
            if let score = ConformityScore.percentage(of: run) {
                resultProps.append(property("conformity-score", ReportText.number(score)))
            }
            let result: JSONValue = [
                "uuid": .string(NameBasedUUID.make("result\n" + runIdentity)),
                "title": .string(oneLine("Audit of \(run.evidence.organization) as of \(run.asOf)")),
                "description": .string(
                    "cxaudit \(run.tool.version) evaluated \(run.results.count) rule results on \(run.evidence.items.count) evidence items "
                        + "against \(run.rulesets.map { "\($0.id) \($0.version)" }.joined(separator: ", ")). "
                        + "Findings: \(counts.findings.major) major, \(counts.findings.minor) minor, \(counts.findings.ofi) opportunities for improvement; "
                        + "\(counts.waived.total) waived (counted as waived only)." + baselineText),
                "start": timestamp,
                "end": timestamp,
                "props": .array(resultProps.compactMap { $0 }),
                "reviewed-controls": [
                    "description": "Clauses of the rulesets run; control ids are <ruleset>_<clause>.",
                    "control-selections": [controlSelection],
                ],
                "observations": JSONValue.nonEmpty(observations),
                "findings": JSONValue.nonEmpty(findings),
                "remarks": run.diagnostics.isEmpty
                    ? nil : .string("Problems with the inputs:\n" + index.diagnostics.map(\.description).joined(separator: "\n")),
            ]
            let metadata: JSONValue = [
                "title": .string(oneLine("cxaudit assessment results: \(run.evidence.organization) as of \(run.asOf)")),
                "last-modified": timestamp,
                "version": .string(run.asOf.description),
                "oscal-version": .string(OSCALReport.oscalVersion),
                "props": .array([property("tool", "\(run.tool.name) \(run.tool.version)")].compactMap { $0 }),
                "parties": [
                    [
                        "uuid": .string(NameBasedUUID.make("party\n" + run.evidence.organization)),
                        "type": "organization",
                        "name": JSONValue.string(oneLine(run.evidence.organization).isEmpty ? "unnamed organization" : oneLine(run.evidence.organization)),
                    ]
                ],
            ]
            return [
                "assessment-results": [
                    "uuid": .string(NameBasedUUID.make("assessment-results\n" + runIdentity)),
                    "metadata": metadata,
                    "import-ap": [
                        "href": .string("#" + planUUID),
                        "remarks": "cxaudit keeps no separate assessment plan: the rulesets listed in back-matter are the plan.",
                    ],
                    "results": [result],
                    "back-matter": ["resources": .array([plan(uuid: planUUID), register()] + run.evidence.items.map(resource))],
                ]
            ]
        }

        private func observation(for result: RuleResult, rule: RuleEntry, uuid: String) -> JSONValue {
            var props: [JSONValue?] = [property("rule-id", rule.key.ruleId), property("result", result.status.rawValue)]
            if result.status == .fail { props.append(property("grade", result.grade.rawValue)) }
            if let checked = result.recordsChecked { props.append(property("records-checked", String(checked))) }
            if let failed = result.recordsFailed { props.append(property("records-failed", String(failed))) }
            props += result.measurements.map { property($0.name, $0.value, class: "measurement") }
            let items = result.itemId.flatMap { index.itemsById[$0] }.map { [$0] } ?? index.items(ofType: result.evidenceType)
            var evidence: [JSONValue] = items.map(relevantEvidence(item:))
            if evidence.isEmpty {
                evidence.append([
                    "href": .string("#" + registerUUID),
                    "description": .string("No evidence item of type \(result.evidenceType) is in the evidence register."),
                ])
            }
            return [
                "uuid": .string(uuid),
                "title": .string(oneLine("\(rule.key.ruleId)\(result.itemId.map { " on \($0)" } ?? ""): \(rule.displayTitle)")),
                "description": .string(nonEmpty(result.statement, else: "\(ReportText.status(result.status)).")),
                "props": .array(props.compactMap { $0 }),
                "methods": ["TEST"],
                "types": result.status == .fail || result.status == .error ? ["finding"] : nil,
                "subjects": JSONValue.nonEmpty(items.map(subject)),
                "relevant-evidence": .array(evidence),
                "collected": timestamp,
            ]
        }

        private func observation(for finding: Finding, rule: RuleEntry, uuid: String) -> JSONValue {
            let evidence = finding.evidence
            // The file, its hash, the rule and the clause are on the evidence resource and the
            // rule's finding; an observation repeats only what locates and grades this record.
            let evidenceProps: [JSONValue?] = [
                property("line", evidence.line.map(String.init)),
                property("record-key", evidence.recordKey),
                property("xpath", evidence.xpath),
                property("native-locator", evidence.nativeLocator),
            ]
            let item = evidence.itemId.flatMap { index.itemsById[$0] }
            var props: [JSONValue?] = [property("finding-id", finding.id), property("grade", finding.grade.rawValue)]
            props += finding.measurements.map { property($0.name, $0.value, class: "measurement") }
            props.append(property("baseline", finding.baseline?.rawValue))
            if let waiver = finding.waiver {
                props += [
                    property("waiver", waiver.id), property("waiver-approver", waiver.approver),
                    property("waiver-expires", waiver.expires.description),
                ]
            }
            let remarks = [finding.waiver.map { "Waived: " + ReportText.waiver($0) }, finding.remediation.isEmpty ? nil : "Remediation: \(finding.remediation)"]
                .compactMap { $0 }
            return [
                "uuid": .string(uuid),
                "title": .string(oneLine("\(finding.grade.title): \(finding.ruleId) \(index.location(of: evidence))")),
                "description": .string(nonEmpty(finding.statement, else: finding.ruleTitle)),
                "props": .array(props.compactMap { $0 }),
                "methods": ["TEST"],
                "types": ["finding"],
                "subjects": item.map { [subject($0)] },
                "relevant-evidence": [
                    [
                        "href": .string("#" + (item.map { resourceUUID($0) } ?? registerUUID)),
                        "description": .string(index.location(of: evidence)),
                        "props": JSONValue.nonEmpty(evidenceProps.compactMap { $0 }),
                    ]
                ],
                "collected": timestamp,
                "remarks": remarks.isEmpty ? nil : .string(remarks.joined(separator: "\n")),
            ]
        }

        private func finding(for rule: RuleEntry, observations: [String]) -> JSONValue {
            let status: JSONValue?
            var implementation: JSONValue?
            var remarks: String?
            let waived = rule.results.flatMap { index.findings(of: $0) }.compactMap { finding in
                finding.waiver.map { "Waived \(index.location(of: finding.evidence)): " + ReportText.waiver($0) }
            }
            switch rule.status {
            case .fail: status = ["state": "not-satisfied", "reason": "fail"]
            case .pass: status = ["state": "satisfied", "reason": "pass"]
            case .waived:
                // Satisfied as the clause verdict counts it, but not a pass: the rule failed and
                // an approved, time-limited waiver covers every finding.
                status = [
                    "state": "satisfied", "reason": "other",
                    "remarks": "The rule failed; an active waiver covers every finding, until it expires.",
                ]
            case .notapplicable:
                status = nil
                implementation = ["state": "not-applicable"]
            case .error:
                status = nil
                remarks = "The rule could not be evaluated on all its evidence; no conclusion is drawn."
            case .notchecked:
                status = nil
                remarks = rule.results.isEmpty ? "No result was recorded for this rule." : "The rule was not checked."
            }
            let remarkLines = [(rule.status == .fail ? rule.remediation.map { "Remediation: \($0)" } : nil) ?? remarks].compactMap { $0 } + waived
            let statements = rule.results.map { result in (result.itemId.map { "[\($0)] " } ?? "") + result.statement }
            let description = statements.isEmpty ? "No result was recorded for this rule." : statements.joined(separator: "\n")
            return [
                "uuid": .string(NameBasedUUID.make("rule-finding\n\(rule.key.rulesetId)\n\(rule.key.ruleId)")),
                "title": .string(oneLine("\(rule.key.ruleId): \(rule.displayTitle)")),
                "description": .string(description),
                "props": .array(
                    [
                        property("clause", rule.clause), property("ruleset", rule.key.rulesetId), property("grade", rule.grade.rawValue),
                        property("result", rule.status.rawValue),
                    ].compactMap { $0 }),
                "target": [
                    "type": "objective-id",
                    "target-id": .string(XMLMarkup.ncName("\(rule.key.rulesetId)_\(rule.key.ruleId)")),
                    "title": .string(oneLine("\(rule.clause) \(rule.clauseTitle) — \(rule.key.ruleId)")),
                    "status": status,
                    "implementation-status": implementation,
                ],
                "related-observations": JSONValue.nonEmpty(observations.map { ["observation-uuid": .string($0)] }),
                "remarks": remarkLines.isEmpty ? nil : .string(remarkLines.joined(separator: "\n")),
            ]
        }

        private func finding(for clause: ClauseSummary, observations: [String]) -> JSONValue {
            let status: JSONValue?
            var implementation: JSONValue?
            switch clause.verdict {
            case .conforming: status = ["state": "satisfied", "reason": "pass"]
            case .opportunityForImprovement: status = ["state": "satisfied", "reason": "other"]
            case .majorNonconformity, .minorNonconformity: status = ["state": "not-satisfied", "reason": "fail"]
            case .notApplicable:
                status = nil
                implementation = ["state": "not-applicable"]
            case .notAssessed: status = nil
            }
            return [
                "uuid": .string(NameBasedUUID.make("clause-finding\n\(clause.rulesetId)\n\(clause.number)")),
                "title": .string(oneLine("\(clause.number) \(clause.title): \(clause.verdict.title)")),
                "description": .string(nonEmpty(clause.intent, else: clause.title)),
                "props": .array(
                    [property("clause", clause.number), property("ruleset", clause.rulesetId), property("verdict", clause.verdict.rawValue)]
                        .compactMap { $0 }),
                "target": [
                    "type": "statement-id",
                    "target-id": .string(controlId(clause.rulesetId, clause.number)),
                    "title": .string(oneLine("\(clause.number) \(clause.title)")),
                    "status": status,
                    "implementation-status": implementation,
                ],
                "related-observations": JSONValue.nonEmpty(observations.map { ["observation-uuid": .string($0)] }),
                "remarks": clause.ruleIds.isEmpty ? "The ruleset has no rule for this clause." : nil,
            ]
        }

        private func plan(uuid: String) -> JSONValue {
            [
                "uuid": .string(uuid),
                "title": "cxaudit rulesets (the assessment plan)",
                "description": .string(
                    "The rulesets run, identified by SHA-256: " + run.rulesets.map { "\($0.id) \($0.version) (\($0.title))" }.joined(separator: "; ")),
                "props": JSONValue.nonEmpty(run.rulesets.compactMap { property("ruleset", "\($0.id) \($0.version)") }),
                "rlinks": JSONValue.nonEmpty(
                    run.rulesets.map { ruleset in
                        [
                            "href": .string(URIPath.reference(RunIndex.hostIndependent(ruleset.file))), "media-type": "application/xml",
                            "hashes": [["algorithm": "SHA-256", "value": .string(ruleset.sha256)]],
                        ]
                    }),
            ]
        }

        private var registerUUID: String { NameBasedUUID.make("register\n" + run.evidence.register) }

        private func register() -> JSONValue {
            [
                "uuid": .string(registerUUID),
                "title": .string(oneLine("Evidence register of \(run.evidence.organization)")),
                "rlinks": [["href": .string(URIPath.reference(index.path(ofEvidenceFile: run.evidence.register))), "media-type": "application/xml"]],
            ]
        }

        private func resourceUUID(_ item: EvidenceItemInfo) -> String {
            NameBasedUUID.make("evidence\n" + item.id)
        }

        private func resource(_ item: EvidenceItemInfo) -> JSONValue {
            let props: [JSONValue?] = [
                property("evidence-item", item.id), property("evidence-type", item.type), property("format", item.format.rawValue),
                property("date", item.date?.description), property("site", item.site), property("owner", item.owner),
                property("bytes", item.bytes.map(String.init)),
            ]
            return [
                "uuid": .string(resourceUUID(item)),
                "title": .string(oneLine("\(item.id): \(item.type)")),
                "description": .string(item.sha256 == nil ? "\(item.file) (could not be read)" : item.file),
                "props": JSONValue.nonEmpty(props.compactMap { $0 }),
                "rlinks": [
                    [
                        "href": .string(URIPath.reference(index.path(ofEvidenceFile: item.file))),
                        "media-type": .string(mediaType(item.format)),
                        "hashes": item.sha256.map { [["algorithm": "SHA-256", "value": .string($0)]] },
                    ]
                ],
            ]
        }

        private func relevantEvidence(item: EvidenceItemInfo) -> JSONValue {
            ["href": .string("#" + resourceUUID(item)), "description": .string("\(item.id): \(index.path(ofEvidenceFile: item.file))")]
        }

        private func subject(_ item: EvidenceItemInfo) -> JSONValue {
            ["subject-uuid": .string(resourceUUID(item)), "type": "resource", "title": .string(oneLine(item.id))]
        }

        private func controlId(_ rulesetId: String, _ clause: String) -> String {
            XMLMarkup.ncName("\(rulesetId)_\(clause)")
        }

        /// The registered media type of an evidence file's format; a new format does not
        /// compile until it has one here.
        private func mediaType(_ format: EvidenceFormat) -> String {
            switch format {
            case .xml: return "application/xml"
            case .csv: return "text/csv"
            case .json: return "application/json"
            case .xlsx: return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            case .docx: return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            case .ods: return "application/vnd.oasis.opendocument.spreadsheet"
            case .odt: return "application/vnd.oasis.opendocument.text"
            }
        }

        /// A cxaudit property, or nil when `value` is nil or blank (OSCAL
        /// property values must be non-empty single lines).
        private func property(_ name: String, _ value: String?, class className: String? = nil) -> JSONValue? {
            guard let value else { return nil }
            let text = oneLine(value)
            guard !text.isEmpty else { return nil }
            return [
                "name": .string(XMLMarkup.ncName(name, prefix: "p")), "ns": .string(OSCALReport.propertyNamespace), "value": .string(text),
                "class": className.map { .string($0) },
            ]
        }

        /// Line breaks and runs of white space folded to one space, trimmed:
        /// OSCAL titles and property values are single lines.
        private func oneLine(_ text: String) -> String {
            text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        }

        private func nonEmpty(_ text: String, else fallback: String) -> String {
            text.isEmpty ? fallback : text
        }
    }
}

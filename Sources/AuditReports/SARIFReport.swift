public import AuditModel
import CalendarDates
public import Foundation

/// Renders a run as SARIF 2.1.0, the format code-scanning UIs (GitHub code
/// scanning, GitLab, VS Code's SARIF viewer, Azure DevOps) read to annotate files.
///
/// Each finding is a result pointing at the evidence file and line it rests on,
/// so a reviewer sees the nonconformity on the complaint-log row itself.
/// Mapping (`docs/formats/sarif.md`):
/// - `tool.driver.rules`: every rule, with clause, title, requirement, rationale,
///   remediation (as `help`) and its grade as default level;
/// - grade → level: major → `error`, minor → `warning`, OFI → `note`;
/// - `partialFingerprints["cxauditFinding/v1"]` is the finding's fingerprint, so
///   alerts survive edits to unrelated rows;
/// - a waived finding carries a `suppression` (kind `external`, status `accepted`, the
///   waiver's justification, its id, approver and expiry as properties): the waiver lives in
///   a file beside the evidence, and was approved;
/// - with a baseline, each result has `baselineState` `new` or `unchanged`; the baseline's
///   resolved findings are in the run's `properties.baseline`, not results (see `Baseline`);
/// - findings about missing evidence point at the evidence register;
/// - `artifacts` lists every evidence file with its SHA-256;
/// - every URI is relative, under `%SRCROOT%` or `EVIDENCE` (`originalUriBaseIds`
///   describes them without a host path), so a log can be shared without revealing
///   the machine that ran cxaudit;
/// - rule errors and problems with the inputs are tool execution notifications.
public enum SARIFReport {
    /// The OASIS schema the document declares (2.1.0, errata 01).
    public static let schemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

    /// The base id of evidence URIs when the evidence folder was named relative to the
    /// working directory: GitHub code scanning resolves them from the repository root.
    public static let workingDirectoryBaseId = "%SRCROOT%"
    /// The base id of evidence URIs otherwise: relative to the evidence folder itself.
    public static let evidenceBaseId = "EVIDENCE"

    /// Renders `run` as a SARIF log with one run.
    ///
    /// - Throws: an `EncodingError` (not expected: every value is encodable).
    public static func render(_ run: AuditRun, context: ReportContext) throws -> Data {
        let index = RunIndex(run, context: context)
        var builder = Builder(index: index)
        let log = builder.build()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(log)
        data.append(UInt8(ascii: "\n"))
        return data
    }

    private struct Builder {
        let index: RunIndex
        var artifacts: [Artifact] = []
        var artifactIndex: [String: Int] = [:]

        init(index: RunIndex) {
            self.index = index
            for item in index.run.evidence.items where artifactIndex[item.file] == nil {
                artifactIndex[item.file] = artifacts.count
                artifacts.append(
                    Artifact(
                        location: location(ofFile: item.file), length: item.bytes,
                        hashes: item.sha256.map { ["sha-256": $0] }, roles: ["analysisTarget"],
                        description: Message(text: "\(item.id): \(item.type)")))
            }
        }

        mutating func build() -> Log {
            let run = index.run
            let ruleIds = sarifRuleIds()
            let rules = index.rules.map { reportingDescriptor($0, id: ruleIds[$0.key] ?? $0.key.ruleId) }
            let ruleIndexes = Dictionary(index.rules.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { first, _ in first })
            var results: [Result] = []
            for finding in run.findings {
                let key = finding.ruleKey
                results.append(result(finding, ruleId: ruleIds[key] ?? finding.ruleId, ruleIndex: ruleIndexes[key]))
            }
            var notifications: [Notification] = []
            for result in run.results where result.status == .error {
                let file = index.file(of: result)
                notifications.append(
                    Notification(
                        level: "error", message: Message(text: "\(result.ruleId)\(result.itemId.map { " [\($0)]" } ?? ""): \(result.statement)"),
                        locations: file.map { [Location(physicalLocation: physicalLocation(file: $0, line: nil), logicalLocations: nil)] },
                        associatedRule: ruleIndexes[result.ruleKey].map {
                            ReportingDescriptorReference(id: ruleIds[index.rules[$0].key] ?? result.ruleId, index: $0)
                        }))
            }
            for diagnostic in run.diagnostics {
                notifications.append(
                    Notification(
                        level: level(diagnostic.severity), message: Message(text: diagnostic.message),
                        locations: [
                            Location(
                                physicalLocation: PhysicalLocation(
                                    artifactLocation: location(ofFile: diagnostic.location.file),
                                    region: diagnostic.location.line.map { Region(startLine: $0, startColumn: diagnostic.location.column) }),
                                logicalLocations: nil)
                        ], associatedRule: nil))
            }
            let invocation = Invocation(
                executionSuccessful: !run.isIncomplete, endTimeUtc: index.context.generatedAt.iso8601,
                toolExecutionNotifications: notifications.isEmpty ? nil : notifications)
            let driver = ToolComponent(
                name: run.tool.name, version: run.tool.version,
                semanticVersion: SARIFReport.isSemanticVersion(run.tool.version) ? run.tool.version : nil,
                fullName: "\(run.tool.name) \(run.tool.version)", rules: rules)
            let properties = RunProperties(
                organization: run.evidence.organization, asOf: run.asOf.description,
                rulesets: run.rulesets.map {
                    RulesetProperty(id: $0.id, version: $0.version, file: RunIndex.hostIndependent($0.file), sha256: $0.sha256)
                },
                conformityScore: ConformityScore.percentage(of: run), incomplete: run.isIncomplete,
                findings: index.counts.findings, waivedFindings: index.counts.waived,
                baseline: run.baseline.flatMap { comparison in
                    index.counts.baseline.map { counts in
                        Baseline(
                            file: comparison.file, asOf: comparison.baselineAsOf, new: counts.new, unchanged: counts.unchanged,
                            resolved: counts.resolved, resolvedFindings: comparison.resolvedFindings)
                    }
                })
            let sarifRun = Run(
                tool: Tool(driver: driver), invocations: [invocation], originalUriBaseIds: uriBases(), artifacts: artifacts, results: results,
                automationDetails: AutomationDetails(id: "cxaudit/\(run.rulesets.map(\.id).joined(separator: "+"))/"),
                columnKind: "unicodeCodePoints", properties: properties)
            return Log(schema: SARIFReport.schemaURI, version: "2.1.0", runs: [sarifRun])
        }

        /// Rule ids as SARIF shows them: the rule id, qualified by its ruleset
        /// only when two rulesets of the run share it.
        private func sarifRuleIds() -> [RuleKey: String] {
            var rulesets: [String: Set<String>] = [:]
            for rule in index.rules { rulesets[rule.key.ruleId, default: []].insert(rule.key.rulesetId) }
            return Dictionary(
                index.rules.map { rule in
                    (rule.key, (rulesets[rule.key.ruleId]?.count ?? 0) > 1 ? rule.key.description : rule.key.ruleId)
                }, uniquingKeysWith: { first, _ in first })
        }

        private func reportingDescriptor(_ rule: RuleEntry, id: String) -> ReportingDescriptor {
            let clause = index.run.clauses.first { $0.rulesetId == rule.key.rulesetId && $0.number == rule.clause }
            let requirement = rule.requirement ?? clause.map { "\($0.number) \($0.title): \($0.intent)" }
            var text: [String] = []
            var markdown: [String] = []
            if let requirement {
                text.append("Requirement: \(requirement)")
                markdown.append("**Requirement:** \(MarkdownText.escape(requirement))")
            }
            if let rationale = rule.rationale, !rationale.isEmpty {
                text.append("Why: \(rationale)")
                markdown.append("**Why:** \(MarkdownText.escape(rationale))")
            }
            if let remediation = rule.remediation, !remediation.isEmpty {
                text.append("What to do: \(remediation)")
                markdown.append("**What to do:** \(MarkdownText.escape(remediation))")
            }
            if !rule.references.isEmpty {
                text.append("References: \(rule.references.joined(separator: "; "))")
                markdown.append("**References:** \(rule.references.map(MarkdownText.escape).joined(separator: "; "))")
            }
            text.append("Clause \(rule.clause) \(rule.clauseTitle), ruleset \(rule.key.rulesetId); a failure is graded \(rule.grade.title.lowercased()).")
            markdown.append(
                "Clause \(MarkdownText.escape(rule.clause)) \(MarkdownText.escape(rule.clauseTitle)), ruleset \(MarkdownText.escape(rule.key.rulesetId)); a failure is graded \(rule.grade.title.lowercased()).")
            return ReportingDescriptor(
                id: id, shortDescription: Message(text: rule.displayTitle),
                fullDescription: requirement.map { Message(text: $0) },
                help: MultiformatMessage(text: text.joined(separator: "\n"), markdown: markdown.joined(separator: "\n\n")),
                defaultConfiguration: ReportingConfiguration(level: level(rule.grade)),
                properties: RuleProperties(
                    clause: rule.clause, clauseTitle: rule.clauseTitle, ruleset: rule.key.rulesetId, grade: rule.grade.rawValue,
                    tags: ["cxaudit", "clause-\(rule.clause)", rule.grade.rawValue], references: rule.references.isEmpty ? nil : rule.references))
        }

        private func result(_ finding: Finding, ruleId: String, ruleIndex: Int?) -> Result {
            let evidence = finding.evidence
            let physical: PhysicalLocation
            if let file = index.file(of: evidence) {
                physical = physicalLocation(file: file, line: evidence.line)
            } else {
                physical = physicalLocation(file: index.run.evidence.register, line: nil)
            }
            var logical: [LogicalLocation] = []
            if evidence.xpath != nil || evidence.recordKey != nil {
                logical.append(LogicalLocation(name: evidence.recordKey, fullyQualifiedName: evidence.xpath, kind: "element"))
            }
            return Result(
                ruleId: ruleId, ruleIndex: ruleIndex, kind: "fail", level: level(finding.grade), message: Message(text: finding.statement),
                locations: [Location(physicalLocation: physical, logicalLocations: logical.isEmpty ? nil : logical)],
                partialFingerprints: ["cxauditFinding/v1": finding.id], baselineState: finding.baseline?.rawValue,
                suppressions: finding.waiver.map { waiver in
                    [
                        Suppression(
                            kind: "external", status: "accepted", justification: waiver.justification,
                            properties: SuppressionProperties(waiver: waiver.id, approver: waiver.approver, expires: waiver.expires.description, file: waiver.file))
                    ]
                },
                properties: ResultProperties(
                    grade: finding.grade.rawValue, clause: finding.clause, evidenceItem: evidence.itemId, evidenceType: evidence.evidenceType,
                    recordKey: evidence.recordKey, nativeLocator: evidence.nativeLocator, sha256: evidence.sha256,
                    measurements: finding.measurements.isEmpty ? nil : finding.measurements, remediation: finding.remediation))
        }

        private func physicalLocation(file: String, line: Int?) -> PhysicalLocation {
            var location = location(ofFile: file)
            location.index = artifactIndex[file]
            return PhysicalLocation(artifactLocation: location, region: line.flatMap { $0 > 0 ? Region(startLine: $0, startColumn: nil) : nil })
        }

        /// A relative URI under one of the two base ids (`uriBases`), never a host path.
        private func location(ofFile file: String) -> ArtifactLocation {
            ArtifactLocation(
                uri: URIPath.encode(index.path(ofEvidenceFile: file)),
                uriBaseId: index.workingDirectoryPrefix == nil ? SARIFReport.evidenceBaseId : SARIFReport.workingDirectoryBaseId, index: nil)
        }

        /// What the base id the run's URIs are relative to stands for, described and
        /// not resolved: its absolute URI would be a path on the machine that ran cxaudit.
        private func uriBases() -> [String: BaseLocation] {
            if let prefix = index.workingDirectoryPrefix {
                return [
                    SARIFReport.workingDirectoryBaseId: BaseLocation(
                        description: Message(
                            text: "The working directory cxaudit ran in (the repository root in CI); evidence files are under \(prefix)/."))
                ]
            }
            return [
                SARIFReport.evidenceBaseId: BaseLocation(
                    description: Message(text: "The evidence folder audited; its location on the machine that ran cxaudit is left out."))
            ]
        }

        private func level(_ grade: Grade) -> String {
            switch grade {
            case .major: return "error"
            case .minor: return "warning"
            case .ofi: return "note"
            }
        }

        private func level(_ severity: Diagnostic.Severity) -> String {
            switch severity {
            case .error: return "error"
            case .warning: return "warning"
            case .note: return "note"
            }
        }
    }

    static func isSemanticVersion(_ version: String) -> Bool {
        let core = version.split(separator: "-", maxSplits: 1).first.map(String.init) ?? version
        let parts = core.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 3 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
    }

    // MARK: - SARIF object model (the subset cxaudit writes)

    private struct Log: Encodable {
        let schema: String
        let version: String
        let runs: [Run]

        enum CodingKeys: String, CodingKey {
            case schema = "$schema"
            case version, runs
        }
    }

    private struct Run: Encodable {
        let tool: Tool
        let invocations: [Invocation]
        let originalUriBaseIds: [String: BaseLocation]
        let artifacts: [Artifact]
        let results: [Result]
        let automationDetails: AutomationDetails
        let columnKind: String
        let properties: RunProperties
    }

    private struct Tool: Encodable {
        let driver: ToolComponent
    }

    private struct ToolComponent: Encodable {
        let name: String
        let version: String
        let semanticVersion: String?
        let fullName: String
        let rules: [ReportingDescriptor]
    }

    private struct ReportingDescriptor: Encodable {
        let id: String
        let shortDescription: Message
        let fullDescription: Message?
        let help: MultiformatMessage
        let defaultConfiguration: ReportingConfiguration
        let properties: RuleProperties
    }

    private struct ReportingConfiguration: Encodable {
        let level: String
    }

    private struct ReportingDescriptorReference: Encodable {
        let id: String
        let index: Int
    }

    private struct RuleProperties: Encodable {
        let clause: String
        let clauseTitle: String
        let ruleset: String
        let grade: String
        let tags: [String]
        let references: [String]?
    }

    private struct Message: Encodable {
        let text: String
    }

    private struct MultiformatMessage: Encodable {
        let text: String
        let markdown: String
    }

    private struct Result: Encodable {
        let ruleId: String
        let ruleIndex: Int?
        let kind: String
        let level: String
        let message: Message
        let locations: [Location]
        let partialFingerprints: [String: String]
        /// `new` or `unchanged` (SARIF 2.1.0 §3.27.24); absent without a baseline.
        let baselineState: String?
        /// The waiver covering the finding (§3.35); absent when none does.
        let suppressions: [Suppression]?
        let properties: ResultProperties
    }

    /// A waiver as SARIF states it: persisted outside the evidence (`external`) and approved (`accepted`).
    private struct Suppression: Encodable {
        let kind: String
        let status: String
        let justification: String
        let properties: SuppressionProperties
    }

    private struct SuppressionProperties: Encodable {
        let waiver: String
        let approver: String
        let expires: String
        let file: String
    }

    private struct ResultProperties: Encodable {
        let grade: String
        let clause: String
        let evidenceItem: String?
        let evidenceType: String
        let recordKey: String?
        let nativeLocator: String?
        let sha256: String?
        let measurements: [AuditModel.Measurement]?
        let remediation: String
    }

    private struct Location: Encodable {
        let physicalLocation: PhysicalLocation
        let logicalLocations: [LogicalLocation]?
    }

    private struct PhysicalLocation: Encodable {
        let artifactLocation: ArtifactLocation
        let region: Region?
    }

    private struct ArtifactLocation: Encodable {
        let uri: String
        let uriBaseId: String?
        var index: Int?
    }

    /// An `originalUriBaseIds` entry: a description only, so no host path is written.
    private struct BaseLocation: Encodable {
        let description: Message
    }

    private struct Region: Encodable {
        let startLine: Int
        let startColumn: Int?
    }

    private struct LogicalLocation: Encodable {
        let name: String?
        let fullyQualifiedName: String?
        let kind: String
    }

    private struct Artifact: Encodable {
        let location: ArtifactLocation
        let length: Int?
        let hashes: [String: String]?
        let roles: [String]
        let description: Message
    }

    private struct Invocation: Encodable {
        let executionSuccessful: Bool
        let endTimeUtc: String
        let toolExecutionNotifications: [Notification]?
    }

    private struct Notification: Encodable {
        let level: String
        let message: Message
        let locations: [Location]?
        let associatedRule: ReportingDescriptorReference?
    }

    private struct AutomationDetails: Encodable {
        let id: String
    }

    private struct RunProperties: Encodable {
        let organization: String
        let asOf: String
        let rulesets: [RulesetProperty]
        let conformityScore: Double?
        let incomplete: Bool
        /// Active findings per grade (`RunCounts.findings`).
        let findings: GradeCounts
        /// Waived findings per grade: the results with a suppression.
        let waivedFindings: GradeCounts
        let baseline: Baseline?
    }

    /// The comparison with the baseline. Its resolved findings are listed here rather than as
    /// results with `baselineState` `absent`: code-scanning services that ignore
    /// `baselineState` would otherwise keep the fixed alert open under the same fingerprint.
    private struct Baseline: Encodable {
        let file: String
        let asOf: String?
        let new: Int
        let unchanged: Int
        let resolved: Int
        let resolvedFindings: [BaselineComparison.ResolvedFinding]
    }

    private struct RulesetProperty: Encodable {
        let id: String
        let version: String
        let file: String
        let sha256: String
    }
}

public import CalendarDates

/// Everything one run produced: inputs identified by hash, every rule result,
/// the findings, the problems with inputs, and the per-clause verdicts.
public struct AuditRun: Sendable, Hashable, Codable {
    /// Version of the JSON result document; bump on incompatible change.
    public static let schemaVersion = "1.0"

    public var tool: ToolInfo
    /// The audit date: "today" for every date computation of the run.
    public var asOf: CalendarDate
    public var rulesets: [RulesetInfo]
    /// The profiles that tailored the rulesets, if any.
    public var profiles: [ProfileInfo]
    public var evidence: EvidenceInfo
    public var clauses: [ClauseSummary]
    public var results: [RuleResult]
    public var findings: [Finding]
    public var diagnostics: [Diagnostic]
    /// The waivers given for the run, active or not.
    public var waivers: [Waiver] = []
    /// The comparison with a baseline run, when one was given.
    public var baseline: BaselineComparison?

    public init(
        tool: ToolInfo, asOf: CalendarDate, rulesets: [RulesetInfo], profiles: [ProfileInfo] = [], evidence: EvidenceInfo,
        clauses: [ClauseSummary], results: [RuleResult], findings: [Finding], diagnostics: [Diagnostic]
    ) {
        self.tool = tool
        self.asOf = asOf
        self.rulesets = rulesets
        self.profiles = profiles
        self.evidence = evidence
        self.clauses = clauses
        self.results = results
        self.findings = findings
        self.diagnostics = diagnostics
    }

    /// Findings at or above a grade that no waiver covers: those that decide the exit status.
    public func findings(atLeast grade: Grade) -> [Finding] {
        findings.filter { $0.grade.isAtLeast(grade) && !$0.isWaived }
    }

    /// True when some input could not be read or evaluated: the run is incomplete.
    public var isIncomplete: Bool {
        diagnostics.contains { $0.severity == .error } || results.contains { $0.status == .error }
    }
}

/// The program that produced a run.
public struct ToolInfo: Sendable, Hashable, Codable {
    public var name: String
    public var version: String

    public init(name: String = "cxaudit", version: String) {
        self.name = name
        self.version = version
    }
}

/// A ruleset as identified in results.
public struct RulesetInfo: Sendable, Hashable, Codable {
    public var id: String
    public var version: String
    public var title: String
    public var file: String
    public var sha256: String
    /// The standards the ruleset's clauses belong to, with their editions: what the audit
    /// was against. Empty in results written before editions were recorded.
    public var standards: [Standard]
    /// What the clauses' crosswalk entries were taken from; empty when the ruleset names no source.
    public var crosswalkSources: [CrosswalkSource]

    public init(
        id: String, version: String, title: String, file: String, sha256: String, standards: [Standard] = [],
        crosswalkSources: [CrosswalkSource] = []
    ) {
        self.id = id
        self.version = version
        self.title = title
        self.file = file
        self.sha256 = sha256
        self.standards = standards
        self.crosswalkSources = crosswalkSources
    }

    enum CodingKeys: String, CodingKey {
        case id, version, title, file, sha256, standards, crosswalkSources
    }

    /// Reads results written before standards and crosswalk sources were recorded, as having none.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try container.decode(String.self, forKey: .id), version: try container.decode(String.self, forKey: .version),
            title: try container.decode(String.self, forKey: .title), file: try container.decode(String.self, forKey: .file),
            sha256: try container.decode(String.self, forKey: .sha256),
            standards: try container.decodeIfPresent([Standard].self, forKey: .standards) ?? [],
            crosswalkSources: try container.decodeIfPresent([CrosswalkSource].self, forKey: .crosswalkSources) ?? [])
    }

    /// `iso9001-2015 2015`: the editions the ruleset audits against, as run history compares them.
    public var editionKey: String? {
        standards.isEmpty ? nil : standards.map(\.editionKey).joined(separator: ", ")
    }
}

/// A profile as identified in results.
public struct ProfileInfo: Sendable, Hashable, Codable {
    public var id: String
    public var version: String
    public var title: String
    public var rulesetId: String
    public var file: String
    public var sha256: String
    /// Parameter values the profile set, by name.
    public var parameters: [String: String]
    /// Active minor findings against one clause that make it a major nonconformity; nil when off.
    public var systemicMinorFindings: Int?
    /// What the profile's values rest on (a regulator's rules, a contract); nil when it names nothing,
    /// and in results written before profiles could.
    public var references: [String]?

    public init(
        id: String, version: String, title: String, rulesetId: String, file: String, sha256: String, parameters: [String: String],
        systemicMinorFindings: Int? = nil, references: [String]? = nil
    ) {
        self.systemicMinorFindings = systemicMinorFindings
        self.references = references
        self.id = id
        self.version = version
        self.title = title
        self.rulesetId = rulesetId
        self.file = file
        self.sha256 = sha256
        self.parameters = parameters
    }
}

/// The evidence folder as identified in results.
public struct EvidenceInfo: Sendable, Hashable, Codable {
    public var organization: String
    public var register: String
    public var items: [EvidenceItemInfo]
    /// The scope the register declares; nil in results written before it was recorded.
    public var scope: AuditScope?

    public init(organization: String, register: String, items: [EvidenceItemInfo], scope: AuditScope? = nil) {
        self.organization = organization
        self.register = register
        self.items = items
        self.scope = scope
    }

    /// The earliest and latest dates of the evidence examined (items' periods and dates);
    /// nil when no item is dated.
    public var period: (start: CalendarDate, end: CalendarDate)? {
        let dates = items.compactMap(\.date) + items.compactMap(\.periodStart) + items.compactMap(\.periodEnd)
        guard let start = dates.min(), let end = dates.max() else { return nil }
        return (start, end)
    }
}

/// An evidence item as identified in results.
public struct EvidenceItemInfo: Sendable, Hashable, Codable {
    public var id: String
    public var type: String
    public var file: String
    public var format: EvidenceFormat
    public var date: CalendarDate?
    /// The period the item's records cover, when the register gives one.
    public var periodStart: CalendarDate?
    public var periodEnd: CalendarDate?
    public var site: String?
    public var owner: String?
    /// SHA-256 of the file's bytes; nil when the file could not be read.
    public var sha256: String?
    public var bytes: Int?
    /// How personal data can be found in the file beyond the contract's field names and aliases,
    /// for evidence packs that redact it; not part of result documents.
    public var personalData = PersonalDataHints()

    /// The register's hints for finding personal data in an item's file.
    public struct PersonalDataHints: Sendable, Hashable {
        /// Columns, keys or names the register marks personal (`<personal column>`).
        public var columns: [String]
        /// The register's `<map column>` headers by contract field.
        public var mappedColumns: [String: String]
        /// The CSV delimiter the register gives.
        public var delimiter: String?

        public init(columns: [String] = [], mappedColumns: [String: String] = [:], delimiter: String? = nil) {
            self.columns = columns
            self.mappedColumns = mappedColumns
            self.delimiter = delimiter
        }
    }

    private enum CodingKeys: String, CodingKey {
        case id, type, file, format, date, periodStart, periodEnd, site, owner, sha256, bytes
    }

    public init(
        id: String, type: String, file: String, format: EvidenceFormat, date: CalendarDate?, periodStart: CalendarDate? = nil,
        periodEnd: CalendarDate? = nil, site: String?, owner: String?, sha256: String?, bytes: Int?
    ) {
        self.id = id
        self.type = type
        self.file = file
        self.format = format
        self.date = date
        self.periodStart = periodStart
        self.periodEnd = periodEnd
        self.site = site
        self.owner = owner
        self.sha256 = sha256
        self.bytes = bytes
    }
}

/// A clause with its verdict, for the summary and the traceability matrix.
public struct ClauseSummary: Sendable, Hashable, Codable {
    public var rulesetId: String
    public var number: String
    public var title: String
    public var intent: String
    public var crosswalk: [Crosswalk]
    public var verdict: ClauseVerdict
    public var ruleIds: [String]
    /// Why the verdict is a major nonconformity though no finding is major: several minor
    /// nonconformities against the clause, escalated as systemic by the profile in force.
    public var systemic: String?

    public init(
        rulesetId: String, number: String, title: String, intent: String, crosswalk: [Crosswalk],
        verdict: ClauseVerdict, ruleIds: [String]
    ) {
        self.rulesetId = rulesetId
        self.number = number
        self.title = title
        self.intent = intent
        self.crosswalk = crosswalk
        self.verdict = verdict
        self.ruleIds = ruleIds
    }
}

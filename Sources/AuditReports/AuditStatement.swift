import AuditModel
import CalendarDates

/// What an audit report states about the audit itself, as ISO 19011:2018 6.5.1 asks: its
/// objectives, scope, criteria, date and evidence period, the auditee, what was examined,
/// and that the conclusions rest on the evidence provided. One wording for the HTML,
/// Markdown and JSON reports, so they cannot tell it differently.
struct AuditStatement: Encodable {
    let auditee: String
    let objectives: String
    /// The activities the register declares, or a sentence saying it declares none.
    let scope: [String]
    /// Each exclusion with its justification.
    let exclusions: [String]
    let sites: [String]
    /// Each ruleset with its version and title.
    let criteria: [String]
    /// The edition of each standard the rulesets audit against, with the amendment included:
    /// a certificate is issued against one edition, so the report says which.
    let editions: [String]
    /// The editions the clauses are crosswalked to, per ruleset; a provisional one (taken
    /// from a draft) with the source it rests on, so nobody reads it as the published text.
    let crosswalks: [String]
    /// Each profile in force with the parameters it changed, or that none was.
    let tailoring: [String]
    let auditDate: String
    /// The earliest and latest dates of the evidence, when any item is dated.
    let evidencePeriod: String?
    let examined: String
    /// Record reads across rule results: every record an evaluated rule read.
    let recordsRead: Int
    let basis: String

    init(_ run: AuditRun) {
        auditee = run.evidence.organization
        let titles = run.rulesets.map(\.title)
        objectives = "To determine whether \(run.evidence.organization) conforms to \(Self.list(titles)), "
            + "from the evidence it keeps, and to identify nonconformities and opportunities for improvement."
        let scope = run.evidence.scope ?? AuditScope()
        self.scope = scope.activities.isEmpty
            ? ["The register declares no activities; rules that apply only to a declared activity were not applicable."]
            : scope.activities
        exclusions = scope.exclusions.map { "\($0.activity): \($0.justification)" }
        sites = scope.sites.map { "\($0.name) (\($0.id))" }
        criteria = run.rulesets.map { "\($0.title) — \($0.id) \($0.version)" }
        editions = run.rulesets.flatMap { ruleset in ruleset.standards.map { "\($0.editionStatement) — \(ruleset.id)" } }
        crosswalks = Self.crosswalks(run)
        tailoring = run.profiles.isEmpty
            ? ["No profile: every rule of the rulesets, with their default parameters."]
            : run.profiles.map { profile in
                let parameters = profile.parameters.sorted { $0.key < $1.key }.map { "\($0.key) = \($0.value)" }
                return "\(profile.title) — \(profile.id) \(profile.version), tailoring \(profile.rulesetId)"
                    + (parameters.isEmpty ? "" : "; parameters changed: \(parameters.joined(separator: ", "))")
                    + ((profile.references ?? []).isEmpty ? "" : "; values from: \((profile.references ?? []).joined(separator: "; "))")
            }
        auditDate = run.asOf.description
        evidencePeriod = run.evidence.period.map { "\($0.start) to \($0.end)" }
        recordsRead = run.results.compactMap(\.recordsChecked).reduce(0, +)
        let items = run.evidence.items.count
        let results = run.results.filter { $0.status != .notapplicable }.count
        examined = "\(items) evidence \(items == 1 ? "item" : "items") listed in \(run.evidence.register); "
            + "\(results) rule \(results == 1 ? "result" : "results") evaluated, reading every record of the items they check "
            + "(\(recordsRead) record \(recordsRead == 1 ? "check" : "checks") in all), not a sample."
        basis = "The conclusions rest on the evidence provided in the register as it stood on the audit date. "
            + "Evidence not provided was not examined; a clause whose evidence could not be read is reported as not assessed, never as conforming."
    }

    /// `iso9001-2015-customer-improvement: ISO 9001:2008 (published); ISO 9001:2026 (provisional, 12 of 18 clauses; source: …)`.
    private static func crosswalks(_ run: AuditRun) -> [String] {
        run.rulesets.compactMap { ruleset -> String? in
            let clauses = run.clauses.filter { $0.rulesetId == ruleset.id }
            var standards: [String] = []
            for entry in clauses.flatMap(\.crosswalk) where !standards.contains(entry.standard) {
                standards.append(entry.standard)
            }
            guard !standards.isEmpty else { return nil }
            let parts = standards.map { standard -> String in
                let entries = clauses.flatMap(\.crosswalk).filter { $0.standard == standard }
                let mapped = clauses.count { clause in clause.crosswalk.contains { $0.standard == standard } }
                let provisional = entries.filter { $0.status == .provisional }
                guard !provisional.isEmpty else { return "\(standard) (published, \(mapped) of \(clauses.count) clauses)" }
                var sources: [String] = []
                for id in provisional.compactMap(\.source) where !sources.contains(id) { sources.append(id) }
                let described = sources.map { id in ruleset.crosswalkSources.first { $0.id == id }.map { "\(id): \($0.description)" } ?? id }
                return "\(standard) (provisional, \(mapped) of \(clauses.count) clauses"
                    + (described.isEmpty ? ")" : "; source \(described.joined(separator: "; source ")))")
            }
            return "\(ruleset.id): \(parts.joined(separator: "; "))"
        }
    }

    private static func list(_ items: [String]) -> String {
        switch items.count {
        case 0: return "its criteria"
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " and " + (items.last ?? "")
        }
    }
}

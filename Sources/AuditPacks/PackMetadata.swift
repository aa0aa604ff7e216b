public import AuditModel
import Foundation

/// `run.json`: what produced the pack and from which inputs, for the auditor and for
/// tools that index packs.
///
/// Host-independent by construction: no host or user names, no absolute paths, no
/// time but the generation time (`SOURCE_DATE_EPOCH` when set), so the same inputs
/// give the same bytes on any machine. Keys are sorted.
public struct PackMetadata: Sendable, Hashable, Codable {
    /// Version of this document and of the pack layout; bumped on incompatible change
    /// (2: the pack is a BagIt bag with its payload under `data/` and a signed in-toto verdict).
    public static let currentFormat = "2"

    /// A ruleset, profile, waiver file or the register: what it is and where the pack holds it.
    public struct Input: Sendable, Hashable, Codable {
        public var id: String?
        public var version: String?
        public var title: String?
        /// Path inside the pack.
        public var entry: String
        public var sha256: String?
    }

    /// A registered evidence item, in the pack or not, so the auditor sees what was left out as well.
    public struct EvidenceFile: Sendable, Hashable, Codable {
        public var id: String
        public var type: String
        /// Path relative to the evidence folder, as the register gives it.
        public var file: String
        public var sha256: String?
        public var bytes: Int?
        /// Path inside the pack, or nil when no result cites the item, its file could not be
        /// read, or it was withheld.
        public var entry: String?
        /// SHA-256 of the pack's redacted copy, when personal data was redacted from it;
        /// `sha256` stays the digest of the original the organization keeps.
        public var redactedSha256: String?
        /// Why a cited file is not in the pack: it holds personal data that could not be redacted.
        public var withheld: String?
    }

    /// What redaction did to one cited file: the pack holds `redacted`, derived from `original`.
    struct Redaction: Sendable, Hashable {
        var original: String
        var redacted: String
    }

    /// The counts an index or a catalogue of packs shows without opening the reports: the run's
    /// `RunCounts`, keyed by the model's raw values, every key present.
    public struct Summary: Sendable, Hashable, Codable {
        /// Active findings per grade: those no active waiver covers.
        public var findings: [String: Int]
        /// Findings an active waiver covers, per grade; they are not in `findings`.
        public var waived: [String: Int]
        /// Results per status.
        public var results: [String: Int]
        /// Whether some input could not be read or evaluated.
        public var incomplete: Bool
        /// How the findings compare with the baseline; absent when the run was not compared
        /// with one, so an auditor can tell "nothing new" from "not compared".
        public var baseline: Baseline?

        /// `RunCounts.Baseline`, keyed as the rest of the summary.
        public struct Baseline: Sendable, Hashable, Codable {
            public var new: Int
            public var unchanged: Int
            public var resolved: Int
            /// New findings no active waiver covers, per grade: what `--fail-on-new` looks at.
            public var newFindings: [String: Int]
        }

        init(_ run: AuditRun) {
            let counts = RunCounts(run)
            findings = counts.findings.byRawValue
            waived = counts.waived.byRawValue
            results = counts.results.byRawValue
            incomplete = run.isIncomplete
            baseline = counts.baseline.map {
                Baseline(new: $0.new, unchanged: $0.unchanged, resolved: $0.resolved, newFindings: $0.newFindings.byRawValue)
            }
        }
    }

    public var packFormat: String
    public var tool: ToolInfo
    /// When the pack was generated, UTC, RFC 3339.
    public var generatedAt: String
    /// The audit date.
    public var asOf: String
    public var organization: String
    public var rulesets: [Input]
    public var profiles: [Input]
    public var waivers: [Input]
    public var register: Input
    public var evidence: [EvidenceFile]
    /// Paths of the reports in the pack, by format.
    public var reports: [String: String]
    public var summary: Summary
    /// Whether personal data was redacted in the pack's copies of evidence and in its reports.
    public var redacted: Bool

    /// The metadata of a pack laid out by `layout`, with `cited` the evidence entries by item id,
    /// `redactions` by entry, and `withheld` the reasons cited files were left out, by item id.
    init(
        layout: PackLayout, generatedAt: Date, cited: [String: String], redacted: Bool = false,
        redactions: [String: Redaction] = [:], withheld: [String: String] = [:]
    ) {
        let run = layout.packedRun
        packFormat = Self.currentFormat
        tool = run.tool
        self.generatedAt = Self.rfc3339(generatedAt)
        asOf = "\(run.asOf)"
        organization = run.evidence.organization
        rulesets = zip(run.rulesets, layout.rulesets).map { info, file in
            Input(id: info.id, version: info.version, title: info.title, entry: file.entry, sha256: info.sha256)
        }
        profiles = zip(run.profiles, layout.profiles).map { info, file in
            Input(id: info.id, version: info.version, title: info.title, entry: file.entry, sha256: info.sha256)
        }
        waivers = layout.waiverFiles.map { Input(entry: $0.entry) }
        register = Input(entry: layout.register.entry)
        evidence = run.evidence.items.map { item in
            EvidenceFile(
                id: item.id, type: item.type, file: item.file, sha256: item.sha256, bytes: item.bytes, entry: cited[item.id],
                redactedSha256: cited[item.id].flatMap { redactions[$0]?.redacted }, withheld: withheld[item.id])
        }
        self.redacted = redacted
        reports = [
            "html": PackLayout.htmlReport, "json": PackLayout.jsonResults, "oscal": PackLayout.oscalResults,
            "csv": PackLayout.traceabilityCSV,
        ]
        summary = Summary(run)
    }

    /// The document as the pack stores it: pretty-printed, keys sorted, final line feed.
    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self) + Data("\n".utf8)
    }

    /// `2026-11-30T08:00:00Z`: whole seconds, UTC.
    static func rfc3339(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}

import AuditModel
import Foundation

/// The predicate of the pack's signed statement: the audit's verdict, shaped after SLSA's
/// Verification Summary Attestation (slsa.dev/verification_summary/v1) — who verified, when,
/// against which policy, with what result — under a predicate type of cxaudit's own.
///
/// Not the VSA type itself: a VSA's policy is one document and its `verifiedLevels` are
/// SLSA levels, so a VSA consumer would read an audit verdict as a supply-chain check it is
/// not. The fields a VSA has keep their names and meaning (`verifier`, `timeVerified`,
/// `policy`, `verificationResult`); what an audit adds (organization, audit date, findings
/// by grade) has names of its own. docs/evidence-packs.md describes every field.
public struct AuditVerdict: Sendable, Hashable, Codable {
    /// The predicate type, a URI that names this document's version.
    public static let predicateType = "https://cxaudit.dev/audit-verdict/v1"

    /// The tool that audited (VSA `verifier`).
    public struct Verifier: Sendable, Hashable, Codable {
        public var id: String
        public var version: [String: String]
    }

    /// The criteria the evidence was audited against, each pinned by digest: rulesets,
    /// profiles and waiver files, as the pack holds them.
    public struct Policy: Sendable, Hashable, Codable {
        public var rulesets: [ResourceDescriptor]
        public var profiles: [ResourceDescriptor]
        public var waivers: [ResourceDescriptor]
    }

    public var verifier: Verifier
    /// When the pack was made, UTC (`SOURCE_DATE_EPOCH` when set): the signer's own clock,
    /// which an RFC 3161 timestamp (`verdict.tsr`) confirms independently.
    public var timeVerified: String
    /// The audit date the run counted from (`--as-of`).
    public var asOf: String
    public var organization: String
    /// The evidence register the audit read, in the pack.
    public var register: ResourceDescriptor
    public var policy: Policy
    /// `PASSED` when `conforming`, else `FAILED` (VSA's values).
    public var verificationResult: String
    /// No active (unwaived) major or minor nonconformity, and the run was complete.
    /// Opportunities for improvement do not make a nonconformity.
    public var conforming: Bool
    /// Active findings per grade (`major`, `minor`, `ofi`), every grade present.
    public var findings: [String: Int]
    /// Findings an approved waiver covers, per grade.
    public var waived: [String: Int]
    /// Results per status.
    public var results: [String: Int]
    /// Whether some input could not be read or evaluated.
    public var incomplete: Bool
    /// Whether personal data was redacted in the pack's copies of evidence and reports.
    public var redacted: Bool
    /// The evidence copies redaction changed: each names the copy in the pack, with the
    /// digest of the original the organization keeps and of the copy, so it can later show
    /// the copy was derived from that original. Absent when nothing was redacted.
    public var redactions: [Redaction]?
    /// Cited files left out because their personal data could not be redacted, with why.
    public var withheld: [Withheld]?

    /// One redacted evidence copy.
    public struct Redaction: Sendable, Hashable, Codable {
        /// The copy's path in the bag.
        public var name: String
        /// The original file's path relative to the evidence folder.
        public var original: String
        public var originalDigest: [String: String]
        public var redactedDigest: [String: String]
    }

    /// One cited evidence file that is not in the pack.
    public struct Withheld: Sendable, Hashable, Codable {
        /// The file's path relative to the evidence folder.
        public var file: String
        public var digest: [String: String]
        public var reason: String
    }

    /// The verdict of `run` (as the pack's reports show it), with the policy files and the
    /// register described from the bytes the pack holds.
    init(
        run: AuditRun, generatedAt: Date, register: ResourceDescriptor, policy: Policy, redacted: Bool,
        redactions: [Redaction]? = nil, withheld: [Withheld]? = nil
    ) {
        let counts = RunCounts(run)
        verifier = Verifier(id: "https://cxaudit.dev/cxaudit", version: [run.tool.name: run.tool.version])
        timeVerified = PackMetadata.rfc3339(generatedAt)
        asOf = "\(run.asOf)"
        organization = run.evidence.organization
        self.register = register
        self.policy = policy
        findings = counts.findings.byRawValue
        waived = counts.waived.byRawValue
        results = counts.results.byRawValue
        incomplete = run.isIncomplete
        conforming = counts.findings.major == 0 && counts.findings.minor == 0 && !run.isIncomplete
        verificationResult = conforming ? "PASSED" : "FAILED"
        self.redacted = redacted
        self.redactions = redactions
        self.withheld = withheld
    }
}

import ArgumentParser

/// What a run audits: shared by `check` and `pack`, so both run exactly the same audit.
/// Every option left out falls back to the evidence folder's `cxaudit.toml`, then to
/// the shipped defaults.
struct AuditInputs: ParsableArguments {
    @Argument(help: "The evidence folder (it holds evidence-register.xml and, optionally, cxaudit.toml). Default: the shipped sample.")
    var evidenceFolder: String?

    @Option(name: .customLong("ruleset"), help: "A ruleset file; repeat for several. Default: cxaudit.toml's rulesets, else the shipped ISO 9001 ruleset.")
    var rulesets: [String] = []

    @Option(
        name: .customLong("profile"),
        help: "A profile (tailoring) of one of the rulesets, e.g. Rulesets/profiles/iso9001-small-organization.xml; repeat for several.")
    var profiles: [String] = []

    @Option(name: .customLong("waivers"), help: "A waiver file (docs/waivers.md); repeat for several.")
    var waivers: [String] = []

    @Option(help: "The audit date (YYYY-MM-DD) that freshness and periods count from. Default: today (UTC).")
    var asOf: String?

    @Option(help: "Evidence items evaluated in parallel (with fewer items than jobs, a large file is also read on one thread and checked on another). Default: cxaudit.toml's jobs, else the number of processors.")
    var jobs: Int?

    @Flag(help: "Ignore the evidence folder's cxaudit.toml.")
    var noConfig = false
}

import ArgumentParser
import AuditEngine
import AuditEvidence
import AuditModel
import CalendarDates
import Foundation

/// The audit itself, as `check` and `pack` both run it: find the shipped resources,
/// read `cxaudit.toml`, load rulesets, profiles and waivers (any problem with them
/// stops the run before it starts), run the auditor, apply the waivers.
struct CheckPipeline {
    /// What a finished audit hands to the command that asked for it.
    struct Outcome {
        var run: AuditRun
        let rulesets: [Ruleset]
        let profiles: [Profile]
        let evidenceFolder: URL
        let configuration: JobConfiguration
        let locator: ResourceLocator
    }

    let inputs: AuditInputs
    var progress: (@Sendable (Int, Int) -> Void)?

    func run() async throws -> Outcome {
        guard let locator = ResourceLocator.locate() else {
            Console.error(
                "error: cannot find cxaudit's Rulesets/schema folder. Run from a cxaudit checkout, or set CXAUDIT_HOME to the folder that contains Rulesets/.")
            throw ExitStatus.incomplete
        }
        let folderURL = inputs.evidenceFolder.map { URL(fileURLWithPath: $0) } ?? locator.defaultEvidence
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folderURL.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            Console.error("\(folderURL.path): error: not a folder. Pass the evidence folder that holds \(EvidenceFolder.registerFileName).")
            throw ExitStatus.incomplete
        }
        let configuration = inputs.noConfig
            ? JobConfiguration() : try Console.loadOrExit { () throws(JobConfiguration.ConfigurationError) in
                try JobConfiguration.load(from: folderURL) ?? JobConfiguration()
            }
        let asOf = inputs.asOf.flatMap(CalendarDate.init(iso:)) ?? Console.today()
        let rulesetURLs = !inputs.rulesets.isEmpty ? inputs.rulesets.map { URL(fileURLWithPath: $0) }
            : !configuration.rulesets.isEmpty ? configuration.rulesets : [locator.defaultRuleset]

        let loader = try Console.loadOrExit { () throws(RulesetError) in try RulesetLoader(schema: locator.rulesetSchema) }
        var loaded: [Ruleset] = []
        // Problems with rulesets that could not be used go into the run, so reports show it is incomplete.
        var rulesetProblems: [Diagnostic] = []
        for url in rulesetURLs {
            do {
                let ruleset = try loader.load(url, displayName: Console.displayPath(url))
                if let first = loaded.first(where: { $0.id == ruleset.id }) {
                    let problem = Diagnostic(
                        location: SourceLocation(file: ruleset.file),
                        message: "ruleset '\(ruleset.id)' is already loaded from \(first.file); each ruleset may be given once")
                    Console.error(problem.description)
                    rulesetProblems.append(problem)
                    continue
                }
                loaded.append(ruleset)
            } catch {
                Console.error(error.errorDescription ?? "\(error)")
                rulesetProblems += error.diagnostics
            }
        }
        guard !loaded.isEmpty else { throw ExitStatus.incomplete }

        // A profile or waiver file that cannot be applied stops the run before it starts:
        // results without it would mislead.
        let profileURLs = !inputs.profiles.isEmpty ? inputs.profiles.map { URL(fileURLWithPath: $0) } : configuration.profiles
        let profileLoader = try Console.loadOrExit { () throws(RulesetError) in try ProfileLoader(schema: locator.profileSchema) }
        var tailorings: [Profile] = []
        for url in profileURLs {
            let profile = try Console.loadOrExit { () throws(RulesetError) in
                try profileLoader.load(url, for: loaded, displayName: Console.displayPath(url))
            }
            if let other = tailorings.first(where: { $0.rulesetId == profile.rulesetId }) {
                Console.error("\(profile.file): error: ruleset '\(profile.rulesetId)' is already tailored by \(other.file); give one profile per ruleset.")
                throw ExitStatus.incomplete
            }
            tailorings.append(profile)
        }
        let waiverURLs = !inputs.waivers.isEmpty ? inputs.waivers.map { URL(fileURLWithPath: $0) } : configuration.waivers
        let waiverLoader = try Console.loadOrExit { () throws(RulesetError) in try WaiverLoader(schema: locator.waiverSchema) }
        var waivers: [Waiver] = []
        for url in waiverURLs {
            waivers += try Console.loadOrExit { () throws(RulesetError) in
                try waiverLoader.load(url, for: loaded, displayName: Console.displayPath(url))
            }
        }

        let registerLoader = try Console.loadOrExit { () throws(EvidenceError) in try EvidenceRegisterLoader(schema: locator.registerSchema) }
        var options = AuditOptions(asOf: asOf, parallelism: inputs.jobs ?? configuration.jobs ?? ProcessInfo.processInfo.activeProcessorCount)
        options.progress = progress
        options.knownEvidenceTypes = locator.shippedEvidenceTypes
        var run: AuditRun
        do {
            run = try await Auditor(options: options).run(
                rulesets: loaded, profiles: tailorings, folder: EvidenceFolder(root: folderURL), registerLoader: registerLoader)
        } catch {
            Console.error(error.errorDescription ?? "\(error)")
            throw ExitStatus.incomplete
        }
        run.diagnostics.insert(contentsOf: rulesetProblems, at: 0)
        if !waivers.isEmpty {
            run = WaiverApplication.apply(waivers, to: run)
        }
        return Outcome(
            run: run, rulesets: loaded, profiles: tailorings, evidenceFolder: folderURL, configuration: configuration, locator: locator)
    }

    /// Checks option values argument-parser cannot check itself.
    static func validate(_ inputs: AuditInputs) throws {
        if let asOf = inputs.asOf, CalendarDate(iso: asOf) == nil {
            throw ValidationError("--as-of '\(asOf)' is not a date; write YYYY-MM-DD, e.g. --as-of 2026-11-30")
        }
        if let jobs = inputs.jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }
}

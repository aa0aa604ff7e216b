import ArgumentParser
import AuditEngine
import AuditEvidence
import AuditModel
import AuditPipeline
import CalendarDates
import Foundation

/// The commands' side of `AuditPipeline`: options → request, and the stages run with their
/// problems printed as they come, so `check` and `pack` run exactly the same audit.
enum CheckPipeline {
    /// The request the shared options describe.
    static func request(_ inputs: AuditInputs) -> AuditRequest {
        var request = AuditRequest(evidenceFolder: inputs.evidenceFolder.map { URL(fileURLWithPath: $0) }, today: Console.today())
        request.rulesets = inputs.rulesets.map { URL(fileURLWithPath: $0) }
        request.profiles = inputs.profiles.map { URL(fileURLWithPath: $0) }
        request.waivers = inputs.waivers.map { URL(fileURLWithPath: $0) }
        request.asOf = inputs.asOf.flatMap(CalendarDate.init(iso:))
        request.jobs = inputs.jobs
        request.readsConfiguration = !inputs.noConfig
        return request
    }

    /// Loads the criteria, printing the rulesets that cannot be used; a problem that stops the
    /// audit is printed and exits with status 2.
    static func load(_ request: AuditRequest) throws -> LoadedAudit {
        let loaded = try Console.loadOrExit { () throws(PipelineError) in try AuditPipeline(request: request).load() }
        for failure in loaded.rulesetFailures {
            Console.error(failure.message)
        }
        return loaded
    }

    /// Evaluates the evidence; a problem that stops the audit is printed and exits with status 2.
    static func evaluate(_ loaded: LoadedAudit, progress: (@Sendable (AuditProgress) -> Void)? = nil) async throws -> EvaluatedAudit {
        do {
            return try await loaded.evaluate(progress: progress)
        } catch {
            Console.error(error.errorDescription ?? "\(error)")
            throw ExitStatus.incomplete
        }
    }

    /// Checks option values argument-parser cannot check itself.
    static func validate(_ inputs: AuditInputs) throws {
        if let asOf = inputs.asOf, CalendarDate(iso: asOf) == nil {
            throw ValidationError("--as-of '\(asOf)' is not a date; write YYYY-MM-DD, e.g. --as-of 2026-11-30")
        }
        if let jobs = inputs.jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if let problem = ProcessMemory.settingProblem(in: ProcessInfo.processInfo.environment) { throw ValidationError(problem) }
        // `check` is the default command, so a misspelt command arrives as the evidence folder.
        if let folder = inputs.evidenceFolder, !folder.contains("/"), !FileManager.default.fileExists(atPath: folder) {
            let commands = CXAudit.configuration.subcommands.compactMap { $0.configuration.commandName }
            if let command = NameSuggestion.closest(to: [folder], among: commands) {
                throw ValidationError("'\(folder)' is neither a folder nor a cxaudit command; did you mean `cxaudit \(command)`? (`cxaudit --help` lists the commands)")
            }
        }
    }
}

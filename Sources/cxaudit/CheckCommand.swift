public import ArgumentParser
import AuditPipeline
import AuditEngine
import AuditEvidence
import AuditHistory
import AuditModel
import AuditReports
import CalendarDates
import Foundation
import Logging

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension ReportFormat: ExpressibleByArgument {}
extension FailThreshold: ExpressibleByArgument {}
extension CSVDialect: ExpressibleByArgument {}

/// `--format json,junit,html`: one or more formats, in the order given, each once.
/// An unknown name is rejected by argument parsing (exit 2), never at run time.
struct ReportFormatList: ExpressibleByArgument, Equatable {
    let formats: [ReportFormat]

    init(_ formats: [ReportFormat]) {
        self.formats = formats
    }

    init?(argument: String) {
        var formats: [ReportFormat] = []
        for name in argument.split(separator: ",", omittingEmptySubsequences: false) {
            guard let format = ReportFormat(rawValue: name.trimmingCharacters(in: .whitespaces).lowercased()) else { return nil }
            if !formats.contains(format) { formats.append(format) }
        }
        guard !formats.isEmpty else { return nil }
        self.formats = formats
    }

    /// The list `argument` names, or a usage error naming the format meant (`htm` → `html`).
    static func parse(_ argument: String) throws -> ReportFormatList {
        if let list = ReportFormatList(argument: argument) { return list }
        let names = ReportFormat.allCases.map(\.rawValue)
        let unknown = argument.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            .first { ReportFormat(rawValue: $0.lowercased()) == nil } ?? argument
        let suggestion = NameSuggestion.closest(to: [unknown], among: names).map { "did you mean \($0)? " } ?? ""
        throw ValidationError("--format '\(unknown)' is not a report format; \(suggestion)(formats: \(names.joined(separator: ", ")))")
    }

    var defaultValueDescription: String { formats.map(\.rawValue).joined(separator: ",") }

    static var allValueStrings: [String] { ReportFormat.allCases.map(\.rawValue) }
}

struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Audit an evidence folder against one or more rulesets.",
        discussion: """
            With no arguments, audits the shipped sample organization (Evidence/northwind) \
            with the shipped ISO 9001 ruleset (Rulesets/iso9001-2015-customer-improvement.xml). \
            Settings not given as flags come from cxaudit.toml in the evidence folder \
            (docs/jobs.md).

            Exit status:
              0  no active (unwaived) finding at or above the --fail-on grade
                 (with --fail-on-new: no such new finding)
              1  at least one such finding
              2  the run could not be completed as asked: usage or configuration error,
                 unreadable or invalid ruleset, profile, waiver file, register or baseline,
                 unreadable or hostile evidence file (each reported with file and line;
                 everything readable is still evaluated and reported)
            """
    )

    @OptionGroup var inputs: AuditInputs

    @Option(
        help: ArgumentHelp(
            "Output formats, comma-separated (docs/reports.md); several need --output-dir. Default: console.",
            valueName: "format[,format...]"),
        transform: ReportFormatList.parse)
    var format: ReportFormatList?

    @Option(help: "Write the report to this file (atomically) instead of standard output; one format only.")
    var output: String?

    @Option(
        help: ArgumentHelp(
            "Write each format to its own file in this folder, atomically: \(ReportFormat.allCases.map(\.fileName).joined(separator: ", ")).",
            valueName: "folder"))
    var outputDir: String?

    @Option(help: "Exit with status 1 when an active finding is at least this grade: major, minor, ofi or never. Default: minor.")
    var failOn: FailThreshold?

    @Option(help: "Compare with an earlier results file (--format json): findings become new or unchanged, and gone ones are listed as resolved. A file not made yet: every finding is new.")
    var baseline: String?

    @Flag(help: "With --baseline (or cxaudit.toml's baseline): exit with status 1 only for new findings at or above --fail-on; without a baseline it is a usage error (status 2).")
    var failOnNew = false

    @Option(help: "Who reads traceability.csv: spreadsheet (UTF-8 byte-order mark, clause ids as =\"9.2\") or plain (RFC 4180 for a program). Default: cxaudit.toml's csv-dialect, else spreadsheet.")
    var csvDialect: CSVDialect?

    @Flag(help: "Print nothing but errors: no console report, no progress, only error logs. Report files are still written.")
    var quiet = false

    @Option(help: "Log level on standard error: trace, debug, info, notice, warning, error or critical. Default: notice.")
    var logLevel: String?

    @Flag(inversion: .prefixedNo, help: "Record the run in the history store (docs/history.md). Default: cxaudit.toml's history, else off.")
    var history: Bool?

    @Option(
        help: ArgumentHelp(
            "The history store: a file, or a PostgreSQL database shared by many sites' jobs (postgres://HOST/DATABASE; the password from PGPASSWORD or a password file, never the address). Default: cxaudit.toml's history-store, else EVIDENCE_DIR/.cxaudit/history.sqlite.",
            valueName: "path-or-address"))
    var historyStore: String?

    @Option(help: "The site the run is recorded for in the history (docs/multi-site.md). Default: cxaudit.toml's site, else the register's organization.")
    var site: String?

    mutating func validate() throws {
        try CheckPipeline.validate(inputs)
        if output != nil && outputDir != nil {
            throw ValidationError("give either --output FILE (one format) or --output-dir FOLDER, not both")
        }
        if let format, format.formats.count > 1 && outputDir == nil {
            let files = format.formats.map(\.fileName).joined(separator: ", ")
            throw ValidationError(
                "--format \(format.formats.map(\.rawValue).joined(separator: ",")) writes several files: add --output-dir FOLDER (it gets \(files))")
        }
        if let logLevel, JobLogging.level(named: logLevel) == nil {
            throw ValidationError("--log-level '\(logLevel)' is not one of \(JobLogging.levelNames.joined(separator: ", "))")
        }
        do {
            _ = try ReportTimestamp.resolve(environment: ProcessInfo.processInfo.environment, now: Date())
        } catch {
            throw ValidationError(error.description)
        }
    }

    func run() async throws {
        let style = TerminalStyle.of(isTerminal: Console.stderrIsTerminal, environment: ProcessInfo.processInfo.environment)
        let progress = ProgressDisplay(style: quiet ? .none : style)
        var request = CheckPipeline.request(inputs)
        request.baseline = baseline.map { URL(fileURLWithPath: $0) }
        request.recordsHistory = history
        request.historyStore = try historyStore.map { text in
            try Console.loadOrExit { () throws(HistoryLocationError) in try HistoryLocation(text, relativeTo: request.workingDirectory) }
        }
        request.site = site
        request.csvDialect = csvDialect
        let loaded = try CheckPipeline.load(request)
        let configuration = loaded.configuration
        let onlyNew = failOnNew || configuration.failOnNew == true
        if onlyNew && loaded.baseline == nil {
            Console.error(
                "error: \(failOnNew ? "--fail-on-new" : "cxaudit.toml's fail-on-new") needs a baseline to tell new findings from known ones: "
                    + "pass --baseline FILE (the results.json of an earlier run) or set baseline in cxaudit.toml")
            throw ExitStatus.incomplete
        }
        let evaluated = try await CheckPipeline.evaluate(loaded, progress: progress.update)
        progress.finish()
        let logger = JobLogging.logger(level: quiet ? "error" : logLevel ?? configuration.logLevel ?? "notice")
        logger.info(
            "audited \(evaluated.run.evidence.items.count) evidence items against \(evaluated.loaded.rulesets.map(\.id).joined(separator: ", ")) as of \(evaluated.run.asOf)")

        let audit = try Console.loadOrExit { () throws(PipelineError) in try evaluated.adjudicate() }
        switch audit.baseline {
        case .compared:
            if let comparison = audit.run.baseline {
                logger.notice(
                    "baseline \(comparison.file): \(comparison.newFindings.count) new, \(comparison.unchangedFindings.count) unchanged, \(comparison.resolvedFindings.count) resolved")
            }
        case let .notYet(path):
            logger.warning("no baseline yet at \(path); every finding counts as new (keep this run's results.json there for the next run)")
        case .none:
            break
        }
        if let recorded = try Console.loadOrExit({ () throws(PipelineError) in try audit.record(at: Date()) }) {
            logger.info("recorded as run #\(recorded.id) of site \(audit.site) in \(Console.displayLocation(recorded.store))")
        }

        let formats = format?.formats ?? configuration.formats.nonEmpty ?? [.console]
        let directory = outputDir ?? configuration.outputDirectory?.path
        try writeReports(audit, formats: formats, outputDirectory: directory, logger: logger)

        if audit.run.isIncomplete { throw ExitStatus.incomplete }
        let threshold = (failOn ?? configuration.failOn ?? .minor).grade
        if audit.failingFindings(threshold: threshold, onlyNew: onlyNew) > 0 {
            throw ExitStatus.findings
        }
    }

    /// Renders every requested format in memory first, then writes them: to
    /// standard output or `--output` for one format, else one file per format in
    /// the output folder, each atomically.
    private func writeReports(
        _ audit: AdjudicatedAudit, formats: [ReportFormat], outputDirectory: String?, logger: JobLogging.Logger
    ) throws {
        let generatedAt: ReportTimestamp
        do {
            generatedAt = try ReportTimestamp.resolve(environment: ProcessInfo.processInfo.environment, now: Date())
        } catch {
            Console.error("error: \(error.description)")
            throw ExitStatus.incomplete
        }
        if formats.count > 1 && outputDirectory == nil {
            Console.error("error: cxaudit.toml asks for several formats (\(formats.map(\.rawValue).joined(separator: ","))); set output-dir there or pass --output-dir")
            throw ExitStatus.incomplete
        }
        let toTerminal = output == nil && outputDirectory == nil
        let colors = toTerminal && TerminalStyle.of(isTerminal: Console.stdoutIsTerminal, environment: ProcessInfo.processInfo.environment) == .rich
        let rendered = try Console.loadOrExit { () throws(PipelineError) in
            let history = formats.contains(.html) || formats.contains(.markdown) ? try audit.recordedRuns() : nil
            return try audit.render(formats, generatedAt: generatedAt, colors: colors, history: history)
        }
        do {
            if let outputDirectory {
                let folder = URL(fileURLWithPath: outputDirectory, isDirectory: true)
                for (format, data) in rendered {
                    let file = folder.appendingPathComponent(format.fileName)
                    try ArtifactWriter.write(data, to: file)
                    logger.info("wrote \(Console.displayPath(file))")
                }
            } else if let output, let only = rendered.first {
                try ArtifactWriter.write(only.data, to: URL(fileURLWithPath: output))
            } else if let only = rendered.first, !(quiet && only.format == .console) {
                FileHandle.standardOutput.write(only.data)
            }
        } catch {
            Console.error(error.errorDescription ?? "\(error)")
            throw ExitStatus.incomplete
        }
        // The console report lists input problems itself; every other output leaves them to standard error.
        if !toTerminal || formats != [.console] || quiet {
            for diagnostic in audit.run.diagnostics where !quiet || diagnostic.severity == .error {
                Console.error(diagnostic.description)
            }
        }
    }

    // Shared with the authoring commands.
    static func printError(_ message: String) { Console.error(message) }
    static func displayPath(_ url: URL) -> String { Console.displayPath(url) }
}

extension Array {
    /// nil for an empty array, so `??` can fall through to a default.
    fileprivate var nonEmpty: Self? { isEmpty ? nil : self }
}

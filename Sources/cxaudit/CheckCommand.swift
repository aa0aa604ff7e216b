public import ArgumentParser
import AuditEngine
import AuditModel
import AuditReports
import CalendarDates
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension ReportFormat: ExpressibleByArgument {}

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

    var defaultValueDescription: String { formats.map(\.rawValue).joined(separator: ",") }

    static var allValueStrings: [String] { ReportFormat.allCases.map(\.rawValue) }
}

struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Audit an evidence folder against one or more rulesets.",
        discussion: """
            With no arguments, audits the shipped sample organization (Evidence/northwind) \
            with the shipped ISO 9001 ruleset (Rulesets/iso9001-2015-customer-improvement.xml).

            Exit status:
              0  no finding at or above the --fail-on grade
              1  at least one finding at or above the --fail-on grade
              2  the run could not be completed as asked: usage error, unreadable or invalid
                 ruleset or register, unreadable or hostile evidence file (each reported with
                 file and line; everything readable is still evaluated and reported)
            """
    )

    @Argument(help: "The evidence folder (it holds evidence-register.xml). Default: the shipped sample.")
    var evidenceFolder: String?

    @Option(name: .customLong("ruleset"), help: "A ruleset file; repeat for several. Default: the shipped ISO 9001 ruleset.")
    var rulesets: [String] = []

    @Option(
        name: .customLong("profile"),
        help: "A profile (tailoring) of one of the rulesets, e.g. Rulesets/profiles/iso9001-small-organization.xml; repeat for several.")
    var profiles: [String] = []

    @Option(
        help: ArgumentHelp(
            "Output formats, comma-separated: \(ReportFormat.allCases.map(\.rawValue).joined(separator: ", ")). Several need --output-dir.",
            valueName: "format[,format...]"))
    var format: ReportFormatList = ReportFormatList([.console])

    @Option(help: "Write the report to this file (atomically) instead of standard output; one format only.")
    var output: String?

    @Option(
        help: ArgumentHelp(
            "Write each format to its own file in this folder, atomically: \(ReportFormat.allCases.map(\.fileName).joined(separator: ", ")).",
            valueName: "folder"))
    var outputDir: String?

    @Option(help: "Exit with status 1 when a finding is at least this grade: major, minor, ofi or never.")
    var failOn: FailThreshold = .minor

    @Option(help: "The audit date (YYYY-MM-DD) that freshness and periods count from. Default: today (UTC).")
    var asOf: String?

    @Option(help: "Evidence items evaluated in parallel. Default: the number of processors.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    mutating func validate() throws {
        if let asOf, CalendarDate(iso: asOf) == nil {
            throw ValidationError("--as-of '\(asOf)' is not a date; write YYYY-MM-DD, e.g. --as-of 2026-11-30")
        }
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        if output != nil && outputDir != nil {
            throw ValidationError("give either --output FILE (one format) or --output-dir FOLDER, not both")
        }
        if format.formats.count > 1 && outputDir == nil {
            let files = format.formats.map(\.fileName).joined(separator: ", ")
            throw ValidationError(
                "--format \(format.formats.map(\.rawValue).joined(separator: ",")) writes several files: add --output-dir FOLDER (it gets \(files))")
        }
        do {
            _ = try ReportTimestamp.resolve(environment: ProcessInfo.processInfo.environment, now: Date())
        } catch {
            throw ValidationError(error.description)
        }
    }

    func run() async throws {
        let locator = ResourceLocator.locate()
        guard let locator else {
            Self.printError(
                "error: cannot find cxaudit's Rulesets/schema folder. Run from a cxaudit checkout, or set CXAUDIT_HOME to the folder that contains Rulesets/.")
            throw ExitStatus.incomplete
        }
        let asOfDate = asOf.flatMap(CalendarDate.init(iso:)) ?? Self.today()
        let rulesetURLs = rulesets.isEmpty ? [locator.defaultRuleset] : rulesets.map { URL(fileURLWithPath: $0) }
        let folderURL = evidenceFolder.map { URL(fileURLWithPath: $0) } ?? locator.defaultEvidence

        let loader = try loadOrExit { () throws(RulesetError) in try RulesetLoader(schema: locator.rulesetSchema) }
        var loaded: [Ruleset] = []
        // Problems with rulesets that could not be used go into the run, so reports show it is incomplete.
        var rulesetProblems: [Diagnostic] = []
        for url in rulesetURLs {
            do {
                let ruleset = try loader.load(url, displayName: Self.displayPath(url))
                if let first = loaded.first(where: { $0.id == ruleset.id }) {
                    let problem = Diagnostic(
                        location: SourceLocation(file: ruleset.file),
                        message: "ruleset '\(ruleset.id)' is already loaded from \(first.file); each ruleset may be given once")
                    Self.printError(problem.description)
                    rulesetProblems.append(problem)
                    continue
                }
                loaded.append(ruleset)
            } catch {
                Self.printError(error.errorDescription ?? "\(error)")
                rulesetProblems += error.diagnostics
            }
        }
        guard !loaded.isEmpty else { throw ExitStatus.incomplete }

        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folderURL.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            Self.printError("\(folderURL.path): error: not a folder. Pass the evidence folder that holds \(EvidenceFolder.registerFileName).")
            throw ExitStatus.incomplete
        }
        // A profile that cannot be applied stops the run before it starts: results without it would mislead.
        let profileLoader = try loadOrExit { () throws(RulesetError) in try ProfileLoader(schema: locator.profileSchema) }
        var tailorings: [Profile] = []
        for path in profiles {
            let url = URL(fileURLWithPath: path)
            let profile = try loadOrExit { () throws(RulesetError) in
                try profileLoader.load(url, for: loaded, displayName: Self.displayPath(url))
            }
            if let other = tailorings.first(where: { $0.rulesetId == profile.rulesetId }) {
                Self.printError("\(profile.file): error: ruleset '\(profile.rulesetId)' is already tailored by \(other.file); give one profile per ruleset.")
                throw ExitStatus.incomplete
            }
            tailorings.append(profile)
        }
        let registerLoader = try loadOrExit { () throws(EvidenceError) in try EvidenceRegisterLoader(schema: locator.registerSchema) }
        let auditor = Auditor(options: AuditOptions(asOf: asOfDate, parallelism: jobs))
        var run: AuditRun
        do {
            run = try await auditor.run(
                rulesets: loaded, profiles: tailorings, folder: EvidenceFolder(root: folderURL), registerLoader: registerLoader)
            run.diagnostics.insert(contentsOf: rulesetProblems, at: 0)
        } catch {
            Self.printError(error.errorDescription ?? "\(error)")
            throw ExitStatus.incomplete
        }

        try writeReports(run, rulesets: loaded, evidenceFolder: folderURL)

        if run.isIncomplete { throw ExitStatus.incomplete }
        if let threshold = failOn.grade, !run.findings(atLeast: threshold).isEmpty { throw ExitStatus.findings }
    }

    /// Renders every requested format in memory first, then writes them: to
    /// standard output or `--output` for one format, else one file per format in
    /// `--output-dir`, each atomically.
    private func writeReports(_ run: AuditRun, rulesets: [Ruleset], evidenceFolder: URL) throws {
        let generatedAt: ReportTimestamp
        do {
            generatedAt = try ReportTimestamp.resolve(environment: ProcessInfo.processInfo.environment, now: Date())
        } catch {
            Self.printError("error: \(error.description)")
            throw ExitStatus.incomplete
        }
        let context = ReportContext(
            generatedAt: generatedAt, evidenceFolder: Self.displayPath(evidenceFolder), rules: RuleDescription.catalog(of: rulesets))
        let toTerminal = output == nil && outputDir == nil
        let colors = toTerminal && Self.stdoutIsTerminal && ProcessInfo.processInfo.environment["NO_COLOR"].map(\.isEmpty) ?? true
        var rendered: [(format: ReportFormat, data: Data)] = []
        for format in format.formats {
            do {
                rendered.append((format, try format.render(run, context: context, colors: colors)))
            } catch {
                Self.printError("error: cannot render the \(format.rawValue) report: \(error)")
                throw ExitStatus.incomplete
            }
        }
        do {
            if let outputDir {
                let folder = URL(fileURLWithPath: outputDir, isDirectory: true)
                for (format, data) in rendered {
                    try ArtifactWriter.write(data, to: folder.appendingPathComponent(format.fileName))
                }
            } else if let output, let only = rendered.first {
                try ArtifactWriter.write(only.data, to: URL(fileURLWithPath: output))
            } else if let only = rendered.first {
                FileHandle.standardOutput.write(only.data)
            }
        } catch {
            Self.printError(error.errorDescription ?? "\(error)")
            throw ExitStatus.incomplete
        }
        // The console report lists input problems itself; every other output leaves them to standard error.
        if !toTerminal || format.formats != [.console] {
            for diagnostic in run.diagnostics { Self.printError(diagnostic.description) }
        }
    }

    private func loadOrExit<T, E: Error & LocalizedError>(_ body: () throws(E) -> T) throws -> T {
        do {
            return try body()
        } catch {
            Self.printError(error.errorDescription ?? "\(error)")
            throw ExitStatus.incomplete
        }
    }

    static func today() -> CalendarDate {
        let days = Int((Date().timeIntervalSince1970 / 86_400).rounded(.down))
        return CalendarDate(daysSinceEpoch: days)
    }

    static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) != 0 }

    static func printError(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }

    /// Paths in messages are shown relative to the working directory when inside it.
    static func displayPath(_ url: URL) -> String {
        let path = url.standardizedFileURL.path
        let working = FileManager.default.currentDirectoryPath + "/"
        return path.hasPrefix(working) ? String(path.dropFirst(working.count)) : path
    }
}

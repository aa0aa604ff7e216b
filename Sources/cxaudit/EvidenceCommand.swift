import ArgumentParser
import AuditEngine
import AuditEvidence
import AuditModel
import AuditReports
import CalendarDates
import Foundation

/// `cxaudit evidence …`: what the rulesets expect of an organization's evidence, and
/// whether a folder provides it, before any audit runs.
struct EvidenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evidence",
        abstract: "List the evidence the rulesets read, and check a folder against it.",
        subcommands: [EvidenceTypesCommand.self, EvidenceCheckCommand.self, EvidenceInitCommand.self]
    )
}

/// The rulesets and profiles the evidence subcommands read.
struct EvidenceCriteria: ParsableArguments {
    @OptionGroup var selection: RulesetSelection

    @Option(name: .customLong("profile"), help: ArgumentHelp("A profile of one of the rulesets; its deselected rules read nothing.", valueName: "file"))
    var profiles: [String] = []

    func load(_ locator: ResourceLocator) throws -> (rulesets: [Ruleset], profiles: [Profile], complete: Bool) {
        let (rulesets, complete) = try selection.load(locator)
        let loader = try AuthoringSupport.orExit { () throws(RulesetError) in try ProfileLoader(schema: locator.profileSchema) }
        let profiles = try profiles.map { path in
            try AuthoringSupport.orExit { () throws(RulesetError) in
                try loader.load(locator.find(URL(fileURLWithPath: path), kind: "profile", displayName: path), for: rulesets, displayName: path)
            }
        }
        return (rulesets, profiles, complete)
    }
}

/// The rulesets `evidence check` and `evidence init` prepare evidence for: `--ruleset FILE`
/// (repeatable), by default the shipped ISO 9001 ruleset, as `check` uses.
struct AuditedRulesets: ParsableArguments {
    @Option(
        name: .customLong("ruleset"),
        help: ArgumentHelp("A ruleset file; repeat for several. Default: the shipped ISO 9001 ruleset, as check uses.", valueName: "file"))
    var files: [String] = []

    /// Loads them; a ruleset that cannot be loaded prints why and exits with status 2.
    func load(_ locator: ResourceLocator) throws -> (rulesets: [Ruleset], loader: RulesetLoader) {
        let loader = try AuthoringSupport.orExit { () throws(RulesetError) in try RulesetLoader(schema: locator.rulesetSchema) }
        let urls = files.isEmpty ? [locator.defaultRuleset] : files.map { URL(fileURLWithPath: $0) }
        let rulesets = try urls.map { url in
            try AuthoringSupport.orExit { () throws(RulesetError) in try loader.load(url, displayName: CheckCommand.displayPath(url)) }
        }
        return (rulesets, loader)
    }
}

struct EvidenceTypesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "types",
        abstract: "List every evidence type the rulesets read: its fields, their types and other names, and the rules that read each.",
        discussion: """
            docs/evidence-types.md is this command's --format markdown output for the shipped rulesets.

            Exit status:
              0  listed
              2  usage error, or a ruleset or profile that cannot be loaded
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, markdown, json
    }

    @OptionGroup var criteria: EvidenceCriteria

    @Option(help: "text (default), markdown or json.")
    var format: Format = .text

    func run() throws {
        let locator = try AuthoringSupport.locate()
        let (rulesets, profiles, complete) = try criteria.load(locator)
        let catalog = EvidenceTypeCatalog(rulesets: rulesets, profiles: profiles)
        switch format {
        case .text: AuthoringSupport.print(catalog.text())
        case .markdown: AuthoringSupport.print(catalog.markdown())
        case .json:
            let data = try AuthoringSupport.orExit { () throws(EncodingFailure) in
                do { return try catalog.json() } catch { throw EncodingFailure(reason: "\(error)") }
            }
            FileHandle.standardOutput.write(data + Data("\n".utf8))
        }
        if !complete { throw ExitStatus.incomplete }
    }

    struct EncodingFailure: Error, LocalizedError {
        let reason: String
        var errorDescription: String? { "error: cannot write JSON: \(reason)" }
    }
}

struct EvidenceCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check an evidence folder against the rulesets' contracts, without auditing: register, files, fields, value forms.",
        discussion: """
            Reads the register and every file a selected rule reads, lays each onto its type's \
            contract and reports what would keep rules from judging it: a missing file, a \
            required field no column holds (with the <map> line to add), too few records, \
            values that do not read as their type, types no rule reads, types no item provides.

            Exit status:
              0  nothing to report
              1  problems found (listed on standard output)
              2  usage error, or the register or a ruleset cannot be used
            """
    )

    @Argument(help: "The evidence folder. Default: the shipped sample.")
    var evidenceFolder: String?

    @OptionGroup var rulesets: AuditedRulesets

    @Option(name: .customLong("profile"), help: ArgumentHelp("A profile of one of the rulesets; its deselected rules read nothing.", valueName: "file"))
    var profiles: [String] = []

    func validate() throws {
        if let problem = ProcessMemory.settingProblem(in: ProcessInfo.processInfo.environment) { throw ValidationError(problem) }
    }

    func run() throws {
        let locator = try AuthoringSupport.locate()
        let folder = evidenceFolder.map { URL(fileURLWithPath: $0) } ?? locator.defaultEvidence
        let (loaded, _) = try rulesets.load(locator)
        let profileLoader = try AuthoringSupport.orExit { () throws(RulesetError) in try ProfileLoader(schema: locator.profileSchema) }
        let tailorings = try profiles.map { path in
            try AuthoringSupport.orExit { () throws(RulesetError) in
                try profileLoader.load(locator.find(URL(fileURLWithPath: path), kind: "profile", displayName: path), for: loaded, displayName: path)
            }
        }
        let registerLoader = try AuthoringSupport.orExit { () throws(EvidenceError) in try EvidenceRegisterLoader(schema: locator.registerSchema) }
        let check = EvidenceCheck(rulesets: loaded, profiles: tailorings, knownEvidenceTypes: locator.shippedEvidenceTypes)
        let report = try AuthoringSupport.orExit { () throws(EvidenceError) in
            try check.run(folder: EvidenceFolder(root: folder), registerLoader: registerLoader)
        }
        for diagnostic in report.diagnostics {
            AuthoringSupport.print(diagnostic.description)
        }
        let errors = report.diagnostics.count { $0.severity == .error }
        let warnings = report.diagnostics.count - errors
        AuthoringSupport.print(
            "evidence check: \(AuthoringSupport.counted(report.items, "item")), \(report.itemsRead) read against \(loaded.map(\.id).joined(separator: ", ")); "
                + "\(AuthoringSupport.counted(errors, "error")), \(AuthoringSupport.counted(warnings, "warning"))")
        if !report.isClean { throw ExitStatus.findings }
    }
}

struct EvidenceInitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Propose an evidence register for a folder of exports.",
        discussion: """
            Reads every file under the folder (CSV, XLSX, ODS, JSON, XML, DOCX, ODT), and for each \
            proposes the evidence type whose contract its columns or structure fit best, the \
            <map> lines for fields found under other names, the date layout and decimal commas \
            its values show, and its date and period read from the data. Every guess is marked \
            with a comment. Writes DIR/evidence-register.xml when the folder has none (else \
            prints the proposal, or writes it to --output), then lists the files it could not \
            place and the evidence types the rulesets read that no file provides.

            Exit status:
              0  a register was proposed
              2  usage error, or a ruleset cannot be loaded
            """
    )

    @Argument(help: "The folder of exports.")
    var folder: String

    @OptionGroup var rulesets: AuditedRulesets

    @Option(help: ArgumentHelp("Write the proposal to this file instead.", valueName: "file"))
    var output: String?

    @Option(help: "The organization's name for the register. Default: the folder's name.")
    var organization: String?

    @Option(help: "The audit date (YYYY-MM-DD): later dates in the data (targets, due dates) do not date an item. Default: today.")
    var asOf: String?

    func validate() throws {
        if let asOf, CalendarDate(iso: asOf) == nil {
            throw ValidationError("--as-of '\(asOf)' is not a date; write YYYY-MM-DD, e.g. --as-of 2026-11-30")
        }
    }

    func run() throws {
        let locator = try AuthoringSupport.locate()
        let root = URL(fileURLWithPath: folder)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            CheckCommand.printError("\(folder): error: not a folder. Pass the folder that holds the exports.")
            throw ExitStatus.incomplete
        }
        let (loaded, loader) = try rulesets.load(locator)
        // Every shipped ruleset's contracts are candidates, so a file is placed as its own type
        // even when the selected rulesets do not read it.
        let shipped = locator.shippedRulesets.compactMap { try? loader.load($0, displayName: CheckCommand.displayPath($0)) }
        let proposal = RegisterProposal(folder: root, rulesets: loaded, knownRulesets: shipped, today: asOf.flatMap(CalendarDate.init(iso:)) ?? Console.today())
        let document = proposal.registerXML(organization: organization ?? root.standardizedFileURL.lastPathComponent)
        let register = root.appendingPathComponent(EvidenceFolder.registerFileName)
        if let output {
            try AuthoringSupport.orExit { () throws(ArtifactWriter.WriteError) in
                try ArtifactWriter.write(Data(document.utf8), to: URL(fileURLWithPath: output))
            }
            CheckCommand.printError("wrote \(output)")
        } else if FileManager.default.fileExists(atPath: register.path) {
            AuthoringSupport.print(document)
            CheckCommand.printError("\(CheckCommand.displayPath(register)) exists and was left as it is; the proposal is above (or use --output FILE)")
        } else {
            try AuthoringSupport.orExit { () throws(ArtifactWriter.WriteError) in try ArtifactWriter.write(Data(document.utf8), to: register) }
            CheckCommand.printError("wrote \(CheckCommand.displayPath(register)): \(AuthoringSupport.counted(proposal.placements.count, "item")), every one a guess to check")
        }
        for (file, reason) in proposal.unplaced {
            CheckCommand.printError("not placed: \(file): \(reason)")
        }
        if !proposal.missingTypes.isEmpty {
            CheckCommand.printError("no file looks like: \(proposal.missingTypes.joined(separator: ", ")); rules reading them will fail with \"No evidence\" until the register lists such items")
        }
    }
}

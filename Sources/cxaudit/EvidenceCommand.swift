import ArgumentParser
import AuditEngine
import AuditEvidence
import AuditModel
import Foundation

/// `cxaudit evidence …`: what the rulesets expect of an organization's evidence, and
/// whether a folder provides it, before any audit runs.
struct EvidenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evidence",
        abstract: "List the evidence the rulesets read, and check a folder against it.",
        subcommands: [EvidenceTypesCommand.self, EvidenceCheckCommand.self]
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
                try loader.load(URL(fileURLWithPath: path), for: rulesets, displayName: path)
            }
        }
        return (rulesets, profiles, complete)
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

    @Option(
        name: .customLong("ruleset"),
        help: ArgumentHelp("A ruleset file; repeat for several. Default: the shipped ISO 9001 ruleset, as check uses.", valueName: "file"))
    var rulesets: [String] = []

    @Option(name: .customLong("profile"), help: ArgumentHelp("A profile of one of the rulesets; its deselected rules read nothing.", valueName: "file"))
    var profiles: [String] = []

    func run() throws {
        let locator = try AuthoringSupport.locate()
        let folder = evidenceFolder.map { URL(fileURLWithPath: $0) } ?? locator.defaultEvidence
        let loader = try AuthoringSupport.orExit { () throws(RulesetError) in try RulesetLoader(schema: locator.rulesetSchema) }
        let urls = rulesets.isEmpty ? [locator.defaultRuleset] : rulesets.map { URL(fileURLWithPath: $0) }
        let loaded = try urls.map { url in
            try AuthoringSupport.orExit { () throws(RulesetError) in try loader.load(url, displayName: CheckCommand.displayPath(url)) }
        }
        let profileLoader = try AuthoringSupport.orExit { () throws(RulesetError) in try ProfileLoader(schema: locator.profileSchema) }
        let tailorings = try profiles.map { path in
            try AuthoringSupport.orExit { () throws(RulesetError) in
                try profileLoader.load(URL(fileURLWithPath: path), for: loaded, displayName: path)
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

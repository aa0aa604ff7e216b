import ArgumentParser
import AuditEngine
import AuditEvidence
import AuditModel
import Foundation

/// How `lint` prints what it found.
enum LintFormat: String, CaseIterable, ExpressibleByArgument {
    /// One `file:line:col: severity: message [check]` line per problem, then a summary.
    case text
    /// The versioned JSON document (docs/authoring-guide.md), for editors.
    case json
}

/// The least serious diagnostics `lint` shows.
enum LintSeverity: String, CaseIterable, ExpressibleByArgument {
    case note
    case warning
    case error

    var severity: Diagnostic.Severity {
        switch self {
        case .note: return .note
        case .warning: return .warning
        case .error: return .error
        }
    }
}

struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check rulesets for errors and likely mistakes, all reported at once.",
        discussion: """
            Runs every check `cxaudit check` makes before it uses a ruleset (well-formed \
            XML, the schema, unique ids, defined and typed parameters, XPath that compiles) \
            and reports every problem in one pass, even when the schema already fails. \
            Then adds checks for likely mistakes that still load, and advice. \
            Severities, with the check codes printed after each message:

              error (the ruleset cannot be used): unreadable, schema,
                language, clause-coverage
              warning (likely mistakes): undeclared-evidence-type,
                unused-evidence-type, undeclared-field, unused-field,
                unused-parameter, unused-crosswalk-source, unknown-standard,
                missing-record-key, duplicate-ruleset-id
              note (advice): evidence-type-not-in-register, no-reference,
                message-without-value

            Each problem is printed as `file:line:col: severity: message [check]`; notes are \
            shown with --min-severity note (the summary always counts them). \
            `--list-checks` describes every check; docs/authoring-guide.md has the JSON format.

            Evidence types a rule reads must be declared with <evidence-type> in the ruleset; \
            with --evidence, types that have items in that folder's register count as known too.

            Exit status:
              0  no error (warnings and notes allowed, unless --strict)
              1  at least one error (or, with --strict, a warning)
              2  usage error, a file that cannot be read at all, or an
                 unusable register
            """
    )

    @Argument(help: "Ruleset files. Default: every ruleset shipped in Rulesets/.", completion: .file(extensions: ["xml"]))
    var files: [String] = []

    @Option(
        help: ArgumentHelp("An evidence folder; evidence types with items in its register count as known.", valueName: "folder"),
        completion: .directory)
    var evidence: String?

    @Option(help: "Output format: text or json.")
    var format: LintFormat = .text

    @Option(
        help: "Show problems of this severity and above: note, warning or error. Default: warning for text, note for json.")
    var minSeverity: LintSeverity?

    @Flag(help: "Exit with status 1 on warnings too.")
    var strict = false

    @Flag(help: "List the checks lint makes, with their severity, and exit.")
    var listChecks = false

    func run() throws {
        if listChecks {
            let width = LintCheck.allCases.map(\.rawValue.count).max() ?? 0
            AuthoringSupport.print(
                LintCheck.allCases.map { check in
                    check.rawValue.padding(toLength: width + 2, withPad: " ", startingAt: 0)
                        + check.severity.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0) + check.summary
                }.joined(separator: "\n"))
            return
        }
        let locator = try AuthoringSupport.locate()
        let loader = try AuthoringSupport.orExit { () throws(RulesetError) in try RulesetLoader(schema: locator.rulesetSchema) }
        var register: EvidenceRegister?
        if let evidence {
            let registerLoader = try AuthoringSupport.orExit { () throws(EvidenceError) in
                try EvidenceRegisterLoader(schema: locator.registerSchema)
            }
            register = try AuthoringSupport.orExit { () throws(EvidenceError) in
                try registerLoader.load(from: EvidenceFolder(root: URL(fileURLWithPath: evidence)))
            }
        }
        let urls = files.isEmpty ? locator.shippedRulesets : files.map { URL(fileURLWithPath: $0) }
        let report = RulesetLinter(loader: loader, register: register)
            .lint(urls.map { (url: $0, displayName: CheckCommand.displayPath($0)) })
        let threshold = minSeverity ?? (format == .json ? .note : .warning)
        let shown = report.showing(atLeast: threshold.severity)

        switch format {
        case .json:
            FileHandle.standardOutput.write(try shown.json())
        case .text:
            let lines = shown.diagnostics.map(\.description)
            let hidden = report.diagnostics.count - shown.diagnostics.count
            let summary = "lint: \(AuthoringSupport.counted(report.files.count, "file")), \(AuthoringSupport.counted(report.count(.error), "error")), "
                + "\(AuthoringSupport.counted(report.count(.warning), "warning")), \(AuthoringSupport.counted(report.count(.note), "note"))"
                + (hidden > 0 ? " (\(hidden) below --min-severity \(threshold.rawValue) not shown)" : "")
            AuthoringSupport.print((lines + [summary]).joined(separator: "\n"))
        }
        if report.hasUnreadableFiles { throw ExitStatus.incomplete }
        if report.count(.error) > 0 || (strict && report.count(.warning) > 0) { throw ExitStatus.findings }
    }
}

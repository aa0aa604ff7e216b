import ArgumentParser
import AuditEngine
import Foundation

@main
struct CXAudit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cxaudit",
        abstract: "Check customer-experience evidence against ISO 9001-style rulesets.",
        discussion: """
            cxaudit reads an organization's evidence register and files (XML, CSV, JSON, XLSX, DOCX, ODS, ODT), \
            evaluates declarative XML rulesets against them, and reports audit findings \
            graded as auditors grade them, each traced to clause, rule, file and record.

            Run `cxaudit check` with no arguments to audit the shipped sample organization \
            with the shipped ISO 9001 ruleset.
            """,
        version: CXAuditVersion.current,
        subcommands: [CheckCommand.self, EvidenceCommand.self, LintCommand.self, RulesCommand.self, ExplainCommand.self, TestCommand.self, HistoryCommand.self, SampleSitesCommand.self, PackCommand.self, VerifyCommand.self, KeygenCommand.self, CompletionsCommand.self],
        defaultSubcommand: CheckCommand.self
    )

    /// Parses and runs, mapping usage errors to exit status 2 (argument-parser's
    /// default is 64), so scripts see one "could not run as asked" status.
    static func main() async {
        let interruptHandlers = InterruptHandling.install()
        defer { withExtendedLifetime(interruptHandlers) {} }
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(ExitStatus.incomplete.rawValue)
            }
            exit(withError: error)
        }
    }
}

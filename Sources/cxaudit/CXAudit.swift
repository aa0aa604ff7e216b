import ArgumentParser
import AuditEngine

@main
struct CXAudit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cxaudit",
        abstract: "Check customer-experience evidence against ISO 9001-style rulesets.",
        discussion: """
            cxaudit reads an organization's evidence register and files (XML, CSV, JSON), \
            evaluates declarative XML rulesets against them, and reports audit findings \
            graded as auditors grade them, each traced to clause, rule, file and record.

            Run `cxaudit check` with no arguments to audit the shipped sample organization \
            with the shipped starter ruleset.
            """,
        version: CXAuditVersion.current,
        subcommands: [CheckCommand.self],
        defaultSubcommand: CheckCommand.self
    )
}

import ArgumentParser
import AuditEngine
import AuditModel
import Foundation

/// The rulesets an authoring command reads, shared by `rules` and `explain`:
/// `--ruleset FILE` (repeatable), by default every ruleset shipped in `Rulesets/`.
struct RulesetSelection: ParsableArguments {
    @Option(
        name: .customLong("ruleset"),
        help: ArgumentHelp("A ruleset file; repeat for several. Default: every ruleset shipped in Rulesets/.", valueName: "file"),
        completion: .file(extensions: ["xml"]))
    var files: [String] = []

    /// The named files, or every shipped ruleset.
    func urls(_ locator: ResourceLocator) -> [URL] {
        files.isEmpty ? locator.shippedRulesets : files.map { URL(fileURLWithPath: $0) }
    }

    /// Loads every selected ruleset, printing each one's problems to standard error.
    ///
    /// - Returns: The rulesets that loaded, and whether every one did.
    func load(_ locator: ResourceLocator) throws -> (rulesets: [Ruleset], complete: Bool) {
        let loader = try AuthoringSupport.orExit { () throws(RulesetError) in try RulesetLoader(schema: locator.rulesetSchema) }
        var rulesets: [Ruleset] = []
        var complete = true
        for url in urls(locator) {
            do {
                let file = try locator.find(url, kind: "ruleset", displayName: CheckCommand.displayPath(url))
                rulesets.append(try loader.load(file, displayName: CheckCommand.displayPath(url)))
            } catch {
                CheckCommand.printError(error.errorDescription ?? "\(error)")
                complete = false
            }
        }
        return (rulesets, complete)
    }
}

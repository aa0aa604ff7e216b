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
                rulesets.append(try loader.load(url, displayName: CheckCommand.displayPath(url)))
            } catch {
                CheckCommand.printError(error.errorDescription ?? "\(error)")
                complete = false
            }
        }
        return (rulesets, complete)
    }
}

/// What the authoring commands share besides ruleset selection.
enum AuthoringSupport {
    /// cxaudit's shipped resources, or exit status 2 with the same advice `check` gives.
    static func locate() throws -> ResourceLocator {
        guard let locator = ResourceLocator.locate() else {
            CheckCommand.printError(
                "error: cannot find cxaudit's Rulesets/schema folder. Run from a cxaudit checkout, or set CXAUDIT_HOME to the folder that contains Rulesets/.")
            throw ExitStatus.incomplete
        }
        return locator
    }

    /// Runs `body`; on error prints it and exits with status 2 (unreadable input).
    static func orExit<T, E: Error & LocalizedError>(_ body: () throws(E) -> T) throws -> T {
        do {
            return try body()
        } catch {
            CheckCommand.printError(error.errorDescription ?? "\(error)")
            throw ExitStatus.incomplete
        }
    }

    /// `text` wrapped at `width` columns, the first line indented by `indent` spaces and
    /// the others by `hanging` (default: `indent`), so bullets keep their text aligned.
    static func wrap(_ text: String, indent: Int, hanging: Int? = nil, width: Int = 80) -> String {
        var margin = String(repeating: " ", count: indent)
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty, margin.count + line.count + 1 + word.count > width {
                lines.append(margin + line)
                line = ""
                margin = String(repeating: " ", count: hanging ?? indent)
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(margin + line) }
        return lines.joined(separator: "\n")
    }

    /// Writes `text` to standard output.
    static func print(_ text: String) {
        FileHandle.standardOutput.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }
}

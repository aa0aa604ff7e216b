import AuditEngine
import AuditPipeline
import Foundation

/// What the authoring commands share besides ruleset selection.
enum AuthoringSupport {
    /// cxaudit's shipped resources, or exit status 2 with the same advice `check` gives.
    static func locate() throws -> ResourceLocator {
        guard let locator = ResourceLocator.locate() else {
            CheckCommand.printError(PipelineError.resourcesNotFound.errorDescription ?? "")
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

    /// "1 error", "3 errors".
    static func counted(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }

    /// Writes `text` to standard output.
    static func print(_ text: String) {
        FileHandle.standardOutput.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }
}

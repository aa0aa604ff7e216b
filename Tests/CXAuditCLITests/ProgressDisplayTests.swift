import Foundation
import Testing

/// The progress display as a user sees it: the real binary on a pseudo-terminal (util-linux
/// `script`), where standard output and standard error are both the terminal.
@Suite("Progress on a terminal, end to end")
struct ProgressDisplayTests {
    static let script = URL(fileURLWithPath: "/usr/bin/script")
    static let hasScript = FileManager.default.isExecutableFile(atPath: script.path)

    /// Runs `cxaudit check` on a pseudo-terminal with `environment` over the process's own
    /// (without its NO_COLOR and TERM) and returns what the terminal received and the status.
    static func onTerminal(_ environment: [String: String]) throws -> (output: Data, status: Int32) {
        let command = ([CheckCommandTests.binary.path] + ["check", "--as-of", "2026-11-30", "--no-config"])
            .map { "'" + $0.replacingOccurrences(of: "'", with: #"'\''"#) + "'" }.joined(separator: " ")
        let process = Process()
        process.executableURL = script
        // -q: no "Script started" lines; -e: the command's exit status; the log goes nowhere.
        process.arguments = ["-qec", command, "/dev/null"]
        process.currentDirectoryURL = CheckCommandTests.repository
        var merged = ProcessInfo.processInfo.environment
        merged["NO_COLOR"] = nil
        merged["TERM"] = nil
        merged.merge(environment) { $1 }
        process.environment = merged
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (output, process.terminationStatus)
    }

    /// Issue #19: `TERM=dumb` got escape codes (the progress line's and the report's colours).
    @Test("TERM=dumb and NO_COLOR get not one escape code, progress or colour", .enabled(if: hasScript), arguments: [
        ["TERM": "dumb"], ["TERM": "xterm-256color", "NO_COLOR": "1"], [:],
    ])
    func plainTerminals(environment: [String: String]) throws {
        let (output, status) = try Self.onTerminal(environment)
        #expect(status == 1)
        #expect(String(decoding: output, as: UTF8.self).contains("Findings: 1 major, 15 minor, 4 ofi"))
        #expect(!output.contains(0x1B), "\(output.count { $0 == 0x1B }) escape codes")
        // A short run prints no plain progress line either.
        #expect(!String(decoding: output, as: UTF8.self).contains("Evaluating evidence"))
    }

    @Test("a terminal that takes escape codes gets the bar, cleared before the report", .enabled(if: hasScript))
    func richTerminal() throws {
        let (output, status) = try Self.onTerminal(["TERM": "xterm-256color"])
        let text = String(decoding: output, as: UTF8.self)
        #expect(status == 1)
        #expect(text.contains("\rEvaluating evidence ["))
        #expect(text.contains(" items · "))
        #expect(text.contains("\r\u{1B}[K"), "the bar is cleared")
        #expect(text.contains("\u{1B}["), "the report is coloured")
    }

    @Test("off a terminal there is no progress at all")
    func notATerminal() throws {
        let outcome = try CheckCommandTests.run(["check", "--as-of", "2026-11-30", "--no-config"], environment: ["TERM": "xterm-256color"])
        #expect(outcome.status == 1)
        #expect(!outcome.stderr.contains("Evaluating evidence"))
        #expect(!(outcome.stdout + outcome.stderr).contains("\u{1B}"))
    }
}

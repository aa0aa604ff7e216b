import Foundation
import Testing

/// docs/getting-started.md, run as a reader would run it: every `$ ` command in order, in a
/// fresh folder holding what the guide copies from the repository, each printing exactly
/// what the guide shows; the proposal excerpt is in the proposed register, and each edit
/// the guide asks for (```xml inside ITEM``` and ```xml uncomment``` blocks) is made where
/// the guide makes it. At the end the edited register audits to the same results and
/// findings as the register shipped with the sample (issue #17's Done-when).
@Suite("docs/getting-started.md, run")
struct GettingStartedTests {
    static let repository = CheckCommandTests.repository

    /// One thing the guide asks the reader to do.
    enum Step {
        /// A command, with the output shown under it.
        case command(String, output: String)
        /// Lines to add inside an item, after its opening tag.
        case insideItem(String, lines: String)
        /// Lines the proposal holds commented out, to keep.
        case uncomment([String])
        /// Lines the proposed register holds.
        case proposal([String])
    }

    /// The guide's steps: commands of its plain fenced blocks, and its `xml` blocks that edit or show the register.
    static func steps(_ guide: String) -> [Step] {
        var steps: [Step] = []
        var fence: String?
        var body: [String] = []
        var command: String?
        func flushCommand() {
            if let command { steps.append(.command(command, output: body.joined(separator: "\n"))) }
            command = nil
            body = []
        }
        for line in guide.components(separatedBy: "\n") {
            if line.hasPrefix("```") {
                if let open = fence {
                    if open.isEmpty {
                        flushCommand()
                    } else if open.hasPrefix("xml inside ") {
                        steps.append(.insideItem(String(open.dropFirst("xml inside ".count)), lines: body.joined(separator: "\n")))
                    } else if open == "xml uncomment" {
                        steps.append(.uncomment(body.map { $0.trimmingCharacters(in: .whitespaces) }))
                    } else if open == "xml proposal" {
                        steps.append(.proposal(body))
                    }
                    fence = nil
                    body = []
                } else {
                    fence = String(line.dropFirst(3))
                }
                continue
            }
            guard let open = fence else { continue }
            if open.isEmpty, line.hasPrefix("$ ") {
                flushCommand()
                command = String(line.dropFirst(2))
            } else {
                body.append(line)
            }
        }
        return steps
    }

    @Test("every command of the guide prints what the guide shows, and its register audits like the shipped one")
    func guide() throws {
        let guide = try String(contentsOf: Self.repository.appendingPathComponent("docs/getting-started.md"), encoding: .utf8)
        let steps = Self.steps(guide)
        #expect(steps.count >= 12)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cxaudit-getting-started-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let sample = "Evidence/harbour"
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("Evidence"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.repository.appendingPathComponent(sample), to: folder.appendingPathComponent(sample))
        let register = folder.appendingPathComponent("my-evidence/evidence-register.xml")
        for step in steps {
            switch step {
            case let .command(command, output):
                let outcome = try Self.shell(command, in: folder)
                #expect(outcome.trimmingCharacters(in: .newlines) == output, "$ \(command)")
            case let .proposal(lines):
                let proposed = try String(contentsOf: register, encoding: .utf8)
                for line in lines { #expect(proposed.contains(line), "the proposed register has no line \(line)") }
            case let .insideItem(item, lines):
                var document = try String(contentsOf: register, encoding: .utf8)
                let opening = try #require(document.range(of: "<item id=\"\(item)\""), "no item \(item) in the proposal")
                let endOfLine = try #require(document[opening.upperBound...].firstIndex(of: "\n"))
                document.insert(contentsOf: "\n" + lines, at: endOfLine)
                try Data(document.utf8).write(to: register)
            case let .uncomment(lines):
                var document = try String(contentsOf: register, encoding: .utf8)
                for line in lines {
                    #expect(document.contains("<!-- \(line) -->"), "the proposal has no commented-out \(line)")
                    document = document.replacingOccurrences(of: "<!-- \(line) -->", with: line)
                }
                try Data(document.utf8).write(to: register)
            }
        }

        // The register the guide ends with audits to the same results and findings as the sample's own.
        let edited = try Self.results(of: "my-evidence", in: folder)
        let shipped = try Self.results(of: sample, in: folder)
        #expect(!shipped.findings.isEmpty)
        #expect(edited.results == shipped.results)
        #expect(edited.findings == shipped.findings)
    }

    /// Rule results ("rule status") and findings ("rule statement") of a run, sorted.
    static func results(of evidence: String, in folder: URL) throws -> (results: [String], findings: [String]) {
        let output = "\(evidence.replacingOccurrences(of: "/", with: "-"))-results.json"
        _ = try shell("cxaudit check \(evidence) --as-of 2026-11-30 --format json --output \(output)", in: folder)
        let run = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent(output))) as? [String: Any]
        let results = (run?["results"] as? [[String: Any]] ?? []).map { "\($0["ruleId"] ?? "") \($0["status"] ?? "")" }
        let findings = (run?["findings"] as? [[String: Any]] ?? []).map { "\($0["ruleId"] ?? "") \($0["statement"] ?? "")" }
        return (results.sorted(), findings.sorted())
    }

    /// Runs a command line with cxaudit on the PATH; standard output and error together, as a terminal shows them.
    static func shell(_ command: String, in folder: URL) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command + " 2>&1"]
        process.currentDirectoryURL = folder
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = CheckCommandTests.binary.deletingLastPathComponent().path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        environment["CXAUDIT_HOME"] = Self.repository.path
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}

import Foundation
import Testing

/// docs/getting-started.md, run as a reader would run it: every `$ ` command in order, in a
/// fresh folder holding what the guide copies from the repository, each printing exactly
/// what the guide shows; the register it proposes is the one the guide shows, and the
/// edit it asks for is made between the two evidence checks.
@Suite("docs/getting-started.md, run")
struct GettingStartedTests {
    static let repository = CheckCommandTests.repository

    struct Step {
        let command: String
        let output: String
    }

    /// The commands of the guide's plain fenced blocks, with the output shown under each.
    static func steps(_ guide: String) -> [Step] {
        var steps: [Step] = []
        var inBlock = false
        var isShell = false
        var command: String?
        var output: [String] = []
        func flush() {
            if let command { steps.append(Step(command: command, output: output.joined(separator: "\n"))) }
            command = nil
            output = []
        }
        for line in guide.components(separatedBy: "\n") {
            if line.hasPrefix("```") {
                if inBlock { flush() }
                inBlock.toggle()
                isShell = inBlock && line == "```"
                continue
            }
            guard inBlock, isShell else { continue }
            if line.hasPrefix("$ ") {
                flush()
                command = String(line.dropFirst(2))
            } else if command != nil {
                output.append(line)
            }
        }
        return steps
    }

    @Test("every command of the guide prints what the guide shows")
    func guide() throws {
        let guide = try String(contentsOf: Self.repository.appendingPathComponent("docs/getting-started.md"), encoding: .utf8)
        let steps = Self.steps(guide)
        #expect(steps.count >= 9)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cxaudit-getting-started-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        for path in ["docs/examples/contracts", "Evidence/northwind"] {
            let target = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: Self.repository.appendingPathComponent(path), to: target)
        }
        let statusMap = """
                <map field="status">
                  <value from="New" to="open"/>
                  <value from="Pending" to="open"/>
                  <value from="Solved" to="closed"/>
                </map>
            """
        #expect(guide.contains(statusMap))
        var evidenceChecks = 0
        for step in steps {
            if step.command.hasPrefix("cxaudit evidence check my-evidence") {
                evidenceChecks += 1
                let register = folder.appendingPathComponent("my-evidence/evidence-register.xml")
                let proposed = try String(contentsOf: register, encoding: .utf8)
                if evidenceChecks == 1 {
                    #expect(guide.contains(proposed.trimmingCharacters(in: .newlines)), "the guide shows another register:\n\(proposed)")
                } else {
                    // Step 4: the words mapped inside the item.
                    let anchor = "<!-- guess: the closest column -->\n"
                    let last = try #require(proposed.range(of: anchor, options: .backwards))
                    try Data(proposed.replacingCharacters(in: last, with: anchor + statusMap + "\n").utf8).write(to: register)
                }
            }
            let outcome = try Self.shell(step.command, in: folder)
            #expect(outcome.trimmingCharacters(in: .newlines) == step.output, "$ \(step.command)")
        }
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

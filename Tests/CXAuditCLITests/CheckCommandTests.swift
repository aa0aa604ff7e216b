import Foundation
import Synchronization
import Testing

/// Runs the real `cxaudit` binary and checks what a user or CI job sees:
/// standard output, standard error, files written and the exit status.
@Suite("cxaudit check, end to end")
struct CheckCommandTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    struct Outcome {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    static var binary: URL {
        let nextToTests = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("cxaudit")
        if FileManager.default.isExecutableFile(atPath: nextToTests.path) { return nextToTests }
        return repository.appendingPathComponent(".build/debug/cxaudit")
    }

    /// When a test sends the running process a signal.
    enum SignalMoment: Sendable {
        /// This many seconds after it started.
        case after(TimeInterval)
        /// As soon as something exists at this path (checked every millisecond).
        case onceExists(URL)
    }

    /// Runs `executable` (the cxaudit binary unless given) in the repository and collects what it printed.
    ///
    /// - Parameter signal: A signal to send the process, and when.
    static func run(
        _ arguments: [String], environment: [String: String] = [:], executable: URL? = nil,
        signal: (number: Int32, when: SignalMoment)? = nil, workingDirectory: URL? = nil
    ) throws -> Outcome {
        let process = Process()
        process.executableURL = executable ?? binary
        process.arguments = arguments
        process.currentDirectoryURL = workingDirectory ?? repository
        var merged = ProcessInfo.processInfo.environment
        merged.merge(environment) { $1 }
        process.environment = merged
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        if let signal {
            let pid = process.processIdentifier
            switch signal.when {
            case let .after(seconds):
                DispatchQueue.global().asyncAfter(deadline: .now() + seconds) {
                    if process.isRunning { kill(pid, signal.number) }
                }
            case let .onceExists(url):
                DispatchQueue.global().async {
                    while process.isRunning {
                        if FileManager.default.fileExists(atPath: url.path) {
                            kill(pid, signal.number)
                            return
                        }
                        usleep(1_000)
                    }
                }
            }
        }
        // Both pipes are drained at once: a child blocked on a full stderr pipe would never close stdout.
        let stderrData = Mutex(Data())
        let reading = DispatchGroup()
        DispatchQueue.global().async(group: reading) { stderrData.withLock { $0 = err.fileHandleForReading.readDataToEndOfFile() } }
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        reading.wait()
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderrData.withLock { $0 }, as: UTF8.self))
    }

    @Test("with no arguments it audits the shipped sample and exits 1 for its findings")
    func defaultRun() throws {
        let outcome = try Self.run(["check", "--as-of", "2026-11-30"])
        #expect(outcome.status == 1)
        #expect(outcome.stdout.contains("Northwind Home Goods Ltd"))
        #expect(outcome.stdout.contains("9.3 Management review  MAJOR NONCONFORMITY"))
        #expect(outcome.stdout.contains("complaints/complaints-log-2026.csv:45 [C-2026-0043]"))
        #expect(outcome.stdout.contains("Findings: 1 major, 15 minor, 4 ofi"))
        #expect(!outcome.stdout.contains("\u{1B}["), "no colour codes when output is not a terminal")
    }

    @Test("--fail-on decides between exit 0 and 1")
    func failOnThreshold() throws {
        #expect(try Self.run(["check", "--as-of", "2026-11-30", "--fail-on", "never"]).status == 0)
        #expect(try Self.run(["check", "--as-of", "2026-11-30", "--fail-on", "major"]).status == 1)
        let clean = Self.fixtures.appendingPathComponent("clean-org").path
        let ruleset = Self.fixtures.appendingPathComponent("review-only.xml").path
        let outcome = try Self.run(["check", clean, "--ruleset", ruleset, "--as-of", "2026-11-30", "--fail-on", "ofi"])
        #expect(outcome.status == 0)
        #expect(outcome.stdout.contains("9.3 Management review  CONFORMING"))
    }

    @Test("--format json --output writes the versioned document and nothing to stdout")
    func jsonOutput() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cxaudit-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("out/results.json")
        let outcome = try Self.run(["check", "--as-of", "2026-11-30", "--format", "json", "--output", file.path])
        #expect(outcome.status == 1)
        #expect(outcome.stdout.isEmpty)
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any]
        #expect(object?["$schemaVersion"] as? String == "1.0")
        #expect(object?["asOf"] as? String == "2026-11-30")
        let findings = try #require(object?["findings"] as? [[String: Any]])
        #expect(findings.count == 20)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: file.deletingLastPathComponent().path)
        #expect(leftovers == ["results.json"], "no temporary files are left behind")
    }

    @Test("an invalid ruleset exits 2 and lists every problem as file:line:col")
    func invalidRuleset() throws {
        let ruleset = Self.fixtures.appendingPathComponent("broken-ruleset.xml").path
        let outcome = try Self.run(["check", "--ruleset", ruleset, "--as-of", "2026-11-30"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("broken-ruleset.xml:8:7: error: rule B-01: max-age refers to undefined parameter $undefined"))
        #expect(outcome.stderr.contains("broken-ruleset.xml:12:7: error: rule B-02: select '/management-review[': XPath does not compile"))
        #expect(outcome.stdout.isEmpty)
    }

    @Test("a hostile evidence file exits 2, names file and line, and the rest is still reported")
    func hostileEvidence() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cxaudit-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent("clean-org"), to: folder)
        let register = folder.appendingPathComponent("evidence-register.xml")
        let text = try String(contentsOf: register, encoding: .utf8).replacingOccurrences(
            of: "</evidence-register>",
            with: #"  <item id="MR-2" type="management-review" file="evil.xml" format="xml" date="2026-10-01"/>"# + "\n</evidence-register>")
        try text.write(to: register, atomically: true, encoding: .utf8)
        try #"""
        <?xml version="1.0"?>
        <!DOCTYPE m [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
        <management-review>&xxe;</management-review>
        """#.write(to: folder.appendingPathComponent("evil.xml"), atomically: true, encoding: .utf8)
        let ruleset = Self.fixtures.appendingPathComponent("review-only.xml").path
        let outcome = try Self.run(["check", folder.path, "--ruleset", ruleset, "--as-of", "2026-11-30"])
        #expect(outcome.status == 2)
        #expect(outcome.stdout.contains("evil.xml:2: error: DOCTYPE not allowed"))
        #expect(outcome.stdout.contains("✓ PASS  MR-02 [MR-1]"))
        #expect(outcome.stdout.contains("! ERROR MR-02 [MR-2]"))
        #expect(!outcome.stdout.contains("root:"), "the external entity was never read")
    }

    @Test("usage errors exit 2 with a message saying what to write")
    func usageErrors() throws {
        let outcome = try Self.run(["check", "--as-of", "30/11/2026"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("write YYYY-MM-DD"))
        #expect(try Self.run(["check", "--format", "pdf"]).status == 2)
    }

    @Test("--help documents the exit codes")
    func helpDocumentsExitCodes() throws {
        let outcome = try Self.run(["check", "--help"])
        #expect(outcome.status == 0)
        #expect(outcome.stdout.contains("2  the run could not be completed as asked"))
    }

    @Test("NO_COLOR is honoured and colours never go to a file")
    func noColour() throws {
        let outcome = try Self.run(["check", "--as-of", "2026-11-30"], environment: ["NO_COLOR": "1"])
        #expect(!outcome.stdout.contains("\u{1B}["))
    }

    @Test("--format with several formats writes one file each into --output-dir, atomically, and nothing to stdout")
    func severalFormats() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cxaudit-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try Self.run(
            ["check", "--as-of", "2026-11-30", "--format", "json,junit,sarif,svrl,oscal,html,csv,markdown,console", "--output-dir", folder.path],
            environment: ["SOURCE_DATE_EPOCH": "1796025600"])
        #expect(outcome.status == 1)
        #expect(outcome.stdout.isEmpty)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(files == [
            "assessment-results.json", "junit.xml", "report.html", "report.txt", "results.json", "results.sarif", "results.svrl", "summary.md",
            "traceability.csv",
        ])
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("results.json"))) as? [String: Any]
        #expect(json?["generatedAt"] as? String == "2026-11-30T08:00:00Z")
        let sarif = try String(contentsOf: folder.appendingPathComponent("results.sarif"), encoding: .utf8)
        #expect(sarif.contains("\"uri\" : \"Evidence/northwind/complaints/complaints-log-2026.csv\""))
        let html = try String(contentsOf: folder.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("Northwind Home Goods Ltd"))
        let console = try String(contentsOf: folder.appendingPathComponent("report.txt"), encoding: .utf8)
        #expect(!console.contains("\u{1B}["), "no colour codes in files")
    }

    @Test("with SOURCE_DATE_EPOCH every format is byte-identical across runs")
    func reproducibleFormats() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("cxaudit-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: base) }
        let formats = "json,junit,sarif,svrl,oscal,html,csv,markdown"
        for (name, jobs) in [("a", "1"), ("b", "2")] {
            let outcome = try Self.run(
                ["check", "--as-of", "2026-11-30", "--format", formats, "--output-dir", base.appendingPathComponent(name).path, "--jobs", jobs],
                environment: ["SOURCE_DATE_EPOCH": "1796025600"])
            #expect(outcome.status == 1)
        }
        for file in try FileManager.default.contentsOfDirectory(atPath: base.appendingPathComponent("a").path) {
            let first = try Data(contentsOf: base.appendingPathComponent("a").appendingPathComponent(file))
            let second = try Data(contentsOf: base.appendingPathComponent("b").appendingPathComponent(file))
            #expect(first == second, "\(file) differs between runs")
        }
    }

    @Test("several formats without --output-dir, or --output with --output-dir, are usage errors (exit 2)")
    func outputUsageErrors() throws {
        let several = try Self.run(["check", "--as-of", "2026-11-30", "--format", "json,html"])
        #expect(several.status == 2)
        #expect(several.stderr.contains("add --output-dir FOLDER"))
        #expect(several.stdout.isEmpty)
        let both = try Self.run(["check", "--format", "json", "--output", "/tmp/x.json", "--output-dir", "/tmp/x"])
        #expect(both.status == 2)
        #expect(both.stderr.contains("not both"))
        #expect(try Self.run(["check", "--format", "json,pdf"]).status == 2)
        #expect(try Self.run(["check", "--format", ""]).status == 2)
    }

    @Test("one format without --output-dir still goes to standard output")
    func singleFormatToStdout() throws {
        let outcome = try Self.run(["check", "--as-of", "2026-11-30", "--format", "sarif"], environment: ["SOURCE_DATE_EPOCH": "1796025600"])
        #expect(outcome.status == 1)
        let log = try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any]
        #expect(log?["version"] as? String == "2.1.0")
    }

    @Test("a malformed SOURCE_DATE_EPOCH is a usage error, not a silent fallback to the clock")
    func malformedSourceDateEpoch() throws {
        let outcome = try Self.run(["check", "--as-of", "2026-11-30", "--format", "json"], environment: ["SOURCE_DATE_EPOCH": "yesterday"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("SOURCE_DATE_EPOCH 'yesterday'"))
    }

    @Test("a misspelt command is not taken for a missing folder: did you mean, exit 2")
    func misspeltCommand() throws {
        let outcome = try Self.run(["chek"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("'chek' is neither a folder nor a cxaudit command; did you mean `cxaudit check`?"))
        #expect(!outcome.stderr.contains("not a folder\n"))
    }


    @Test("a misspelt format or profile names the one meant")
    func misspeltFormatAndProfile() throws {
        let format = try Self.run(["check", "--format", "json,htm"])
        #expect(format.status == 2)
        #expect(format.stderr.contains("--format 'htm' is not a report format; did you mean html?"))
        let profile = try Self.run(["check", "--profile", "Rulesets/profiles/iso9001-small-organisation.xml", "--as-of", "2026-11-30"])
        #expect(profile.status == 2)
        #expect(profile.stderr.contains("cannot find the profile: no such file;"))
        #expect(profile.stderr.contains("did you mean iso9001-small-organization.xml?"))
    }

}

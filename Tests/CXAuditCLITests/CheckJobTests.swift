import Foundation
#if canImport(FoundationXML)
    import FoundationXML
#endif
import Testing

/// `cxaudit check` as a scheduled job runs it: configuration file, waivers, baselines,
/// quiet output, exit codes — end to end through the real binary.
@Suite("cxaudit check as a scheduled job")
struct CheckJobTests {
    /// A private copy of the Northwind sample that a test may change.
    final class SampleCopy {
        let folder: URL

        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("cxaudit-job-\(UUID().uuidString)")
            try FileManager.default.copyItem(
                at: CheckCommandTests.repository.appendingPathComponent("Evidence/northwind"), to: folder)
        }

        deinit {
            try? FileManager.default.removeItem(at: folder)
        }

        func write(_ name: String, _ text: String) throws {
            try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }

        func json(_ name: String) throws -> [String: Any] {
            try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent(name))) as? [String: Any] ?? [:]
        }
    }

    static let waiver = """
        <waivers xmlns="urn:cxaudit:waivers:1">
          <waiver id="W-1" rule="ISO9001-9.3-01" approver="Helen Marsh" expires="2026-12-15">
            <justification>Management review moved to 10 December; agreed with the certification body.</justification>
          </waiver>
        </waivers>
        """

    @Test("a waiver covers the only major finding until it expires; then the finding counts again")
    func waiverExpiresBetweenRuns() throws {
        let sample = try SampleCopy()
        try sample.write("waivers.xml", Self.waiver)
        let waivers = sample.folder.appendingPathComponent("waivers.xml").path
        let before = try CheckCommandTests.run(
            ["check", sample.folder.path, "--waivers", waivers, "--as-of", "2026-11-30", "--fail-on", "major", "--format", "json", "--output",
             sample.folder.appendingPathComponent("before.json").path])
        #expect(before.status == 0, "\(before.stderr)")
        let findings = try #require(try sample.json("before.json")["findings"] as? [[String: Any]])
        let waived = findings.filter { $0["waiver"] != nil }
        #expect(waived.count == 1)
        #expect((waived.first?["waiver"] as? [String: Any])?["id"] as? String == "W-1")

        let after = try CheckCommandTests.run(
            ["check", sample.folder.path, "--waivers", waivers, "--as-of", "2026-12-16", "--fail-on", "major"])
        #expect(after.status == 1)
        #expect(after.stdout.contains("waiver W-1 expired on 2026-12-15; its 1 finding(s) for ISO9001-9.3-01 count again"))
    }

    @Test("after fixing one gap, a baseline run reports exactly one resolved finding, and --fail-on-new passes")
    func baselineAfterFix() throws {
        let sample = try SampleCopy()
        let baseline = sample.folder.appendingPathComponent("baseline.json").path
        let first = try CheckCommandTests.run(
            ["check", sample.folder.path, "--as-of", "2026-11-30", "--format", "json", "--output", baseline])
        #expect(first.status == 1)
        // Fix the dangling corrective-action reference in the complaints log.
        let log = sample.folder.appendingPathComponent("complaints/complaints-log-2026.csv")
        let text = try String(contentsOf: log, encoding: .utf8)
        #expect(text.contains("CAPA-2026-019"))
        try text.replacingOccurrences(of: ",CAPA-2026-019", with: ",").write(to: log, atomically: true, encoding: .utf8)

        let second = try CheckCommandTests.run(
            ["check", sample.folder.path, "--as-of", "2026-11-30", "--baseline", baseline, "--fail-on-new", "--format", "json", "--output",
             sample.folder.appendingPathComponent("second.json").path])
        #expect(second.status == 0, "only known findings remain: \(second.stderr)")
        let comparison = try #require(try sample.json("second.json")["baseline"] as? [String: Any])
        let resolved = try #require(comparison["resolvedFindings"] as? [[String: Any]])
        #expect(resolved.count == 1)
        #expect(resolved.first?["ruleId"] as? String == "ISO9001-10.2-02")
        #expect((comparison["newFindings"] as? [Any])?.isEmpty == true)
        #expect((comparison["unchangedFindings"] as? [Any])?.count == 19)

        let withoutNewOnly = try CheckCommandTests.run(["check", sample.folder.path, "--as-of", "2026-11-30", "--baseline", baseline, "--quiet"])
        #expect(withoutNewOnly.status == 1, "without --fail-on-new the known findings still fail the job")
    }

    @Test("--fail-on-new without a baseline is a usage error, from the flag or from cxaudit.toml")
    func failOnNewNeedsBaseline() throws {
        let flag = try CheckCommandTests.run(["check", "--as-of", "2026-11-30", "--fail-on-new", "--no-config"])
        #expect(flag.status == 2)
        #expect(flag.stdout.isEmpty, "nothing is evaluated")
        #expect(flag.stderr.contains("error: --fail-on-new needs a baseline to tell new findings from known ones: pass --baseline FILE"), "\(flag.stderr)")

        let sample = try SampleCopy()
        try sample.write("cxaudit.toml", "version = 1\nfail-on-new = true\n")
        let configured = try CheckCommandTests.run(["check", sample.folder.path, "--as-of", "2026-11-30"])
        #expect(configured.status == 2)
        #expect(configured.stderr.contains("error: cxaudit.toml's fail-on-new needs a baseline"), "\(configured.stderr)")
    }

    @Test(
        "a baseline file not made yet counts every finding as new, alike from --baseline and from cxaudit.toml, with a warning naming it",
        arguments: [false, true])
    func baselineNotMadeYet(fromConfiguration: Bool) throws {
        let sample = try SampleCopy()
        var arguments = ["check", sample.folder.path, "--as-of", "2026-11-30", "--fail-on-new", "--format", "json"]
        if fromConfiguration {
            try sample.write("cxaudit.toml", "version = 1\nbaseline = \"baseline.json\"\n")
        } else {
            arguments += ["--baseline", sample.folder.appendingPathComponent("baseline.json").path]
        }
        let firstNight = try CheckCommandTests.run(arguments)
        #expect(firstNight.status == 1, "every finding is new, and the sample has some: \(firstNight.stderr)")
        #expect(firstNight.stderr.contains("warning") && firstNight.stderr.contains("no baseline yet at "), "\(firstNight.stderr)")
        #expect(firstNight.stderr.contains("baseline.json"), "\(firstNight.stderr)")
        #expect(firstNight.stderr.contains("every finding counts as new"), "\(firstNight.stderr)")
        let results = try #require(JSONSerialization.jsonObject(with: Data(firstNight.stdout.utf8)) as? [String: Any])
        #expect(results["baseline"] == nil || results["baseline"] is NSNull)

        let typo = try CheckCommandTests.run(arguments + ["--quiet"])
        #expect(typo.status == 1, "a missing baseline never lets the job pass on known findings")
        #expect(!typo.stderr.contains("no baseline yet"), "--quiet prints errors only")
    }

    @Test("the README's nightly job, its cxaudit.toml and crontab line run twice: reports written, the second night compared with the first")
    func readmeNightlyJob() throws {
        let readme = try String(contentsOf: CheckCommandTests.repository.appendingPathComponent("README.md"), encoding: .utf8)
        func block(after marker: String) throws -> String {
            let rest = try #require(readme.components(separatedBy: marker).dropFirst().first, "README.md has no \(marker)")
            return try #require(rest.components(separatedBy: "\n```").first)
        }
        let configuration = try block(after: "`/srv/evidence/leeds/cxaudit.toml`:\n\n```toml\n")
        let cron = try block(after: "```cron\n")
        let sample = try SampleCopy()
        try sample.write("cxaudit.toml", configuration)
        let log = sample.folder.appendingPathComponent("job.log")
        // The schedule's five fields go; the paths become the copy's, the binary the one under test.
        let command = cron.split(separator: " ", maxSplits: 5).last.map(String.init)?
            .replacingOccurrences(of: "cd /srv/cxaudit && ", with: "")
            .replacingOccurrences(of: "/srv/evidence/leeds", with: sample.folder.path)
            .replacingOccurrences(of: ".build/release/cxaudit", with: CheckCommandTests.binary.path)
            .replacingOccurrences(of: "/var/log/cxaudit-leeds.log", with: log.path)
        let line = try #require(command)
        for night in 1...2 {
            let shell = Process()
            shell.executableURL = URL(fileURLWithPath: "/bin/sh")
            shell.arguments = ["-c", line]
            try shell.run()
            shell.waitUntilExit()
            for report in ["out/results.json", "out/report.html", "out/junit.xml", ".cxaudit/history.sqlite"] {
                #expect(FileManager.default.fileExists(atPath: sample.folder.appendingPathComponent(report).path), "night \(night): no \(report)")
            }
            let baseline = try sample.json("out/results.json")["baseline"]
            #expect((baseline is NSNull || baseline == nil) == (night == 1), "night \(night): the baseline is \(String(describing: baseline))")
        }
        #expect(FileManager.default.fileExists(atPath: sample.folder.appendingPathComponent("baseline.json").path))
    }

    /// One step of the README's GitHub Actions job: its `run:` command (nil for a `uses:` step) and whether it has `if: always()`.
    struct WorkflowStep {
        var run: String?
        var always = false
    }

    /// The steps of the YAML block after `marker` in README.md, read line by line: a step starts with `- `, and its keys follow it.
    static func workflowSteps(in readme: String, after marker: String) throws -> [WorkflowStep] {
        let rest = try #require(readme.components(separatedBy: marker).dropFirst().first, "README.md has no \(marker)")
        let yaml = try #require(rest.components(separatedBy: "```yaml\n").dropFirst().first?.components(separatedBy: "\n```").first)
        var steps: [WorkflowStep] = []
        var inSteps = false
        for line in yaml.components(separatedBy: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed == "steps:" {
                inSteps = true
                continue
            }
            guard inSteps, !trimmed.isEmpty else { continue }
            var entry = trimmed
            if trimmed.hasPrefix("- ") {
                steps.append(WorkflowStep())
                entry = String(trimmed.dropFirst(2))
            }
            if entry.hasPrefix("run: ") {
                steps[steps.count - 1].run = String(entry.dropFirst("run: ".count))
            } else if entry == "if: always()" {
                steps[steps.count - 1].always = true
            }
        }
        return steps
    }

    @Test("the README's CI job, run after its build on a copy of the sample: green with nothing new, red on a new finding, the summary appended either way")
    func readmeCIJob() throws {
        let readme = try String(contentsOf: CheckCommandTests.repository.appendingPathComponent("README.md"), encoding: .utf8)
        let steps = try Self.workflowSteps(in: readme, after: "A CI job (GitHub Actions syntax)")
        let commands = steps.compactMap(\.run)
        // The package install and `swift build` are left out: this test runs the binary `swift build --build-tests`
        // has already built, put where the job's build puts it (.build/release/cxaudit below), and installs nothing.
        let setup = commands.filter { $0.contains("apt-get install") || $0.hasPrefix("swift build") }
        #expect(setup.count == 2, "the job installs the headers and builds: \(commands)")
        let job = steps.filter { $0.run.map { !setup.contains($0) } ?? false }
        #expect(job.count == 2, "the job's own steps: check, then the summary: \(commands)")
        let baselineCommand = try #require(
            readme.components(separatedBy: "\n").first { $0.hasPrefix(".build/release/cxaudit check evidence/ --format json --output baseline.json") },
            "README.md shows how to make the first baseline.json")

        // The repository as the job checks it out: the organization's evidence in evidence/, a baseline.json beside it.
        let checkout = FileManager.default.temporaryDirectory.appendingPathComponent("cxaudit-ci-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: checkout) }
        try FileManager.default.createDirectory(at: checkout, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: CheckCommandTests.repository.appendingPathComponent("Evidence/northwind"), to: checkout.appendingPathComponent("evidence"))
        let stepSummary = checkout.appendingPathComponent("step-summary.md")
        func shell(_ command: String) throws -> Int32 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", command.replacingOccurrences(of: ".build/release/cxaudit", with: "'\(CheckCommandTests.binary.path)'")]
            process.currentDirectoryURL = checkout
            var environment = ProcessInfo.processInfo.environment
            environment["GITHUB_STEP_SUMMARY"] = stepSummary.path
            process.environment = environment
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            return process.terminationStatus
        }
        /// Runs the job's steps as Actions does on a fresh runner: after a failed step, only `if: always()` steps run.
        /// Returns the check step's status.
        func runJob() throws -> Int32? {
            try? FileManager.default.removeItem(at: checkout.appendingPathComponent("out"))
            try Data("## An earlier step\n\n".utf8).write(to: stepSummary)
            var failed = false
            var statuses: [Int32?] = []
            for step in job {
                guard let command = step.run, !failed || step.always else {
                    statuses.append(nil)
                    continue
                }
                let status = try shell(command)
                statuses.append(status)
                failed = failed || status != 0
            }
            #expect(statuses.last.flatMap { $0 } == 0, "the summary step runs and succeeds: \(statuses)")
            return statuses.first.flatMap { $0 }
        }
        func json(_ path: String) throws -> [String: Any] {
            let object = try JSONSerialization.jsonObject(with: Data(contentsOf: checkout.appendingPathComponent(path)))
            return try #require(object as? [String: Any], "\(path) is a JSON object")
        }
        func checkReports(run: String) throws -> [String: Any] {
            let results = try json("out/results.json")
            #expect(results["findings"] is [Any], "\(run): results.json lists findings")
            #expect(try json("out/results.sarif")["version"] as? String == "2.1.0", "\(run): results.sarif is SARIF 2.1.0")
            let junit = try XMLDocument(contentsOf: checkout.appendingPathComponent("out/junit.xml"))
            #expect(junit.rootElement()?.name == "testsuites", "\(run): junit.xml is a JUnit report")
            let summary = try String(contentsOf: checkout.appendingPathComponent("out/summary.md"), encoding: .utf8)
            #expect(summary.contains("conformity score"), "\(run): summary.md has its headline")
            let appended = try String(contentsOf: stepSummary, encoding: .utf8)
            #expect(appended == "## An earlier step\n\n" + summary, "\(run): summary.md is appended to the step summary")
            return results
        }
        func newFindings(_ results: [String: Any]) -> [[String: Any]] {
            (results["findings"] as? [[String: Any]] ?? []).filter { $0["baseline"] as? String == "new" }
        }

        // Neither the baseline command nor the job gives --as-of: both audit as of today, as on a runner, and the
        // baseline is made seconds before the job, so the sample's findings are the same in both.
        #expect(try shell(baselineCommand) == 1, "the sample has findings, so making the baseline exits 1")
        #expect(try json("baseline.json")["findings"] is [Any])

        #expect(try runJob() == 0, "nothing new since the baseline")
        #expect(newFindings(try checkReports(run: "unchanged evidence")).isEmpty)

        // A new gap: a complaint whose corrective action is not in the register.
        let log = checkout.appendingPathComponent("evidence/complaints/complaints-log-2026.csv")
        let text = try String(contentsOf: log, encoding: .utf8)
        #expect(text.components(separatedBy: ",CAPA-2026-009").count == 2, "one complaint refers to CAPA-2026-009")
        try Data(text.replacingOccurrences(of: ",CAPA-2026-009", with: ",CAPA-2026-099").utf8).write(to: log)
        #expect(try runJob() == 1, "a finding the baseline does not have fails the job")
        let planted = newFindings(try checkReports(run: "a new gap"))
        #expect(planted.map { $0["ruleId"] as? String } == ["ISO9001-10.2-02"], "\(planted)")
    }

    @Test("cxaudit.toml sets the job's defaults and flags override it")
    func configuration() throws {
        let sample = try SampleCopy()
        try sample.write(
            "cxaudit.toml",
            """
            version = 1
            formats = ["json", "markdown"]
            output-dir = "out"
            fail-on = "never"
            """)
        let configured = try CheckCommandTests.run(["check", sample.folder.path, "--as-of", "2026-11-30"])
        #expect(configured.status == 0, "\(configured.stderr)")
        #expect(configured.stdout.isEmpty)
        #expect(FileManager.default.fileExists(atPath: sample.folder.appendingPathComponent("out/results.json").path))
        let overridden = try CheckCommandTests.run(["check", sample.folder.path, "--as-of", "2026-11-30", "--fail-on", "major"])
        #expect(overridden.status == 1)
        let ignored = try CheckCommandTests.run(["check", sample.folder.path, "--as-of", "2026-11-30", "--no-config"])
        #expect(ignored.stdout.contains("9.3 Management review"), "without the file the console report is back")
    }

    @Test("a wrong setting in cxaudit.toml is an error with its line")
    func badConfiguration() throws {
        let sample = try SampleCopy()
        try sample.write("cxaudit.toml", "version = 1\nfail_on = \"major\"\n")
        let outcome = try CheckCommandTests.run(["check", sample.folder.path, "--as-of", "2026-11-30"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("cxaudit.toml:2: error: unknown setting 'fail_on'"))
    }

    @Test("a format in cxaudit.toml that is not one of --format's is an error, not a silent fall-back to the console")
    func unknownFormatInConfiguration() throws {
        let sample = try SampleCopy()
        try sample.write("cxaudit.toml", "version = 1\nformats = [\"JSON\"]\noutput-dir = \"out\"\n")
        let outcome = try CheckCommandTests.run(["check", sample.folder.path, "--as-of", "2026-11-30"])
        #expect(outcome.status == 2)
        #expect(outcome.stdout.isEmpty)
        #expect(outcome.stderr.contains("cxaudit.toml:2: error: 'formats' must be one of"), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("not 'JSON' (did you mean 'json'?)"), "\(outcome.stderr)")
    }

    @Test("--quiet prints nothing but keeps the exit status")
    func quiet() throws {
        let outcome = try CheckCommandTests.run(["check", "--as-of", "2026-11-30", "--quiet"])
        #expect(outcome.status == 1)
        #expect(outcome.stdout.isEmpty)
        #expect(outcome.stderr.isEmpty)
    }
}

@Suite("cxaudit history")
struct HistoryCommandTests {
    @Test("check --history records each run; history lists them and a clause's trend")
    func recordsAndShows() throws {
        let sample = try CheckJobTests.SampleCopy()
        let first = try CheckCommandTests.run(["check", sample.folder.path, "--as-of", "2026-11-30", "--history", "--quiet"])
        #expect(first.status == 1)
        let second = try CheckCommandTests.run(
            ["check", sample.folder.path, "--as-of", "2026-11-30", "--history", "--quiet", "--profile",
             CheckCommandTests.repository.appendingPathComponent("Rulesets/profiles/iso9001-small-organization.xml").path])
        #expect(second.status == 1)
        #expect(FileManager.default.fileExists(atPath: sample.folder.appendingPathComponent(".cxaudit/history.sqlite").path))

        let listing = try CheckCommandTests.run(["history", sample.folder.path])
        #expect(listing.status == 0)
        let rows = listing.stdout.split(separator: "\n").filter { $0.hasPrefix("    #") }
        #expect(rows.count == 2)
        #expect(rows.first?.contains("profile small-organization 1.0.0") == true)
        #expect(rows.last?.contains("2026-11-30") == true)
        let trend = try CheckCommandTests.run(["history", sample.folder.path, "--clause", "9.1.2", "--format", "json"])
        let document = try JSONSerialization.jsonObject(with: Data(trend.stdout.utf8)) as? [String: Any]
        let points = document?["points"] as? [[String: Any]]
        #expect(document?["schemaVersion"] as? String == "1")
        #expect(points?.count == 2)
        #expect(points?.first?["verdict"] as? String == "minor")

        let findings = try CheckCommandTests.run(["history", sample.folder.path, "--run", "1"])
        #expect(findings.status == 0)
        #expect(findings.stdout.hasPrefix("Run #1, recorded "))
        #expect(findings.stdout.contains("minor 9.1.2"))
        let unknown = try CheckCommandTests.run(["history", sample.folder.path, "--run", "99"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("no run #99"))
    }

    @Test("history --clause shows where the ruleset's edition changed between runs instead of comparing across it")
    func editionBreak() throws {
        let sample = try CheckJobTests.SampleCopy()
        let starter = try String(contentsOf: CheckCommandTests.repository.appendingPathComponent("Rulesets/cx-starter.xml"), encoding: .utf8)
        let later = sample.folder.appendingPathComponent("cx-starter-next.xml")
        try starter.replacingOccurrences(
            of: #"<standard id="iso9001-2015" title="ISO 9001:2015 Quality management systems — Requirements"/>"#,
            with: #"<standard id="iso9001-2015" title="ISO 9001:2015 Quality management systems — Requirements" edition="2026"/>"#
        ).write(to: later, atomically: true, encoding: .utf8)
        let shipped = CheckCommandTests.repository.appendingPathComponent("Rulesets/cx-starter.xml").path
        for ruleset in [shipped, shipped, later.path] {
            let outcome = try CheckCommandTests.run(["check", sample.folder.path, "--ruleset", ruleset, "--as-of", "2026-11-30", "--history", "--quiet"])
            #expect(outcome.status == 1, "\(outcome.stderr)")
        }
        let trend = try CheckCommandTests.run(["history", sample.folder.path, "--clause", "9.1.2"])
        #expect(trend.status == 0)
        let lines = trend.stdout.split(separator: "\n").map(String.init)
        let marker = try #require(lines.firstIndex { $0.contains("┄┄ edition changed: iso9001-2015 2015 → iso9001-2015 2026;") })
        #expect(lines[marker + 1].hasPrefix("    #3"), "the marker comes before the first run of the new edition")
        #expect(lines.contains { $0.contains("since the edition changed at #3") })
        let json = try CheckCommandTests.run(["history", sample.folder.path, "--clause", "9.1.2", "--format", "json"])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let breaks = try #require(document["editionBreaks"] as? [[String: Any]])
        #expect(breaks.count == 1)
        #expect(breaks.first?["to"] as? String == "iso9001-2015 2026")
        #expect((document["points"] as? [[String: Any]])?.first?["edition"] as? String == "iso9001-2015 2015")
    }

    @Test("a folder without history says how to record it")
    func missingStore() throws {
        let sample = try CheckJobTests.SampleCopy()
        let outcome = try CheckCommandTests.run(["history", sample.folder.path])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("no history store yet"))
    }
}

import AuditHistory
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// What a job sees when the machine lets it down: an output folder it cannot write,
/// a full disk, a signal in the middle of the run. Reports are complete or absent,
/// never half-written; the history store stays sound; the evidence is untouched.
@Suite("Faults: unwritable output, full disk, interrupted runs")
struct FaultTests {
    /// Every file under a folder with its bytes, to show that a run changed nothing.
    struct FolderSnapshot: Equatable {
        let files: [String: Data]

        init(_ folder: URL) throws {
            var files: [String: Data] = [:]
            let root = folder.standardizedFileURL.path
            let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
            while let url = walker?.nextObject() as? URL {
                // The history store is cxaudit's own, not evidence.
                if url.pathComponents.contains(".cxaudit") { continue }
                guard try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true else { continue }
                files[String(url.standardizedFileURL.path.dropFirst(root.count))] = try Data(contentsOf: url)
            }
            self.files = files
        }
    }

    /// A folder of its own under the temporary directory, removed with the value.
    final class Scratch {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cxaudit-fault-\(UUID().uuidString)")

        init() throws {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        }

        deinit {
            try? FileManager.default.removeItem(at: url)
        }

        func leftovers() throws -> [String] {
            try FileManager.default.subpathsOfDirectory(atPath: url.path).filter { $0.hasSuffix(".tmp") }
        }
    }

    static let sample = CheckCommandTests.repository.appendingPathComponent("Evidence/northwind")
    static let fixedTime = ["SOURCE_DATE_EPOCH": "1796083200"]

    /// Runs the binary through `/bin/sh` so that a shell prelude (`ulimit`, `trap`) applies to it.
    static func runShell(_ prelude: String, _ arguments: [String]) throws -> CheckCommandTests.Outcome {
        let script = "\(prelude); exec \"$0\" \"$@\""
        return try CheckCommandTests.run(["-c", script, CheckCommandTests.binary.path] + arguments, executable: URL(fileURLWithPath: "/bin/sh"))
    }

    @Test("an output folder below a plain file is an error naming the path; nothing is left behind")
    func outputBelowAFile() throws {
        let scratch = try Scratch()
        let blocker = scratch.url.appendingPathComponent("reports")
        try Data("not a folder".utf8).write(to: blocker)
        let outcome = try CheckCommandTests.run(
            ["check", "--as-of", "2026-11-30", "--no-config", "--format", "json,sarif", "--output-dir", blocker.appendingPathComponent("nightly").path])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("\(blocker.path)/nightly/results.json: error: cannot write output"))
        #expect(try Data(contentsOf: blocker) == Data("not a folder".utf8))
        #expect(try scratch.leftovers().isEmpty)
    }

    @Test("a read-only output folder is an error; the earlier report in it survives", .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")))
    func readOnlyFolder() throws {
        let scratch = try Scratch()
        let report = scratch.url.appendingPathComponent("results.json")
        try Data("yesterday".utf8).write(to: report)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: scratch.url.path) }
        let arguments = ["--as-of", "2026-11-30", "--no-config", "--format", "json", "--output", report.path]
        let outcome: CheckCommandTests.Outcome
        if getuid() == 0 {
            // root writes anywhere: the job runs as nobody, as a locked-down CI runner would, with
            // a copy of cxaudit and what it reads, since the checkout may be in a folder only root can enter.
            let home = scratch.url.appendingPathComponent("home")
            try FileManager.default.createDirectory(at: home.appendingPathComponent("Evidence"), withIntermediateDirectories: true)
            try FileManager.default.copyItem(
                at: CheckCommandTests.repository.appendingPathComponent("Rulesets"), to: home.appendingPathComponent("Rulesets"))
            try FileManager.default.copyItem(at: Self.sample, to: home.appendingPathComponent("Evidence/northwind"))
            try FileManager.default.copyItem(at: CheckCommandTests.binary, to: home.appendingPathComponent("cxaudit"))
            try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: scratch.url.path)
            outcome = try CheckCommandTests.run(
                ["--reuid=65534", "--regid=65534", "--clear-groups", home.appendingPathComponent("cxaudit").path, "check",
                 home.appendingPathComponent("Evidence/northwind").path] + arguments,
                environment: ["CXAUDIT_HOME": home.path], executable: URL(fileURLWithPath: "/usr/bin/setpriv"))
        } else {
            try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: scratch.url.path)
            outcome = try CheckCommandTests.run(["check"] + arguments)
        }
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("\(report.path): error: cannot write output: Permission denied"))
        #expect(try Data(contentsOf: report) == Data("yesterday".utf8))
        #expect(try scratch.leftovers().isEmpty)
    }

    // ThreadSanitizer's runtime dies of SIGBUS under a file-size limit (it maps files of its own).
    @Test("a file-size limit hit mid-write fails the run cleanly and keeps the old report", .disabled(if: LimitedRun.underSanitizer))
    func fileSizeLimit() throws {
        let scratch = try Scratch()
        let report = scratch.url.appendingPathComponent("results.json")
        try Data("yesterday".utf8).write(to: report)
        let before = try FolderSnapshot(Self.sample)
        // 16 blocks of 512 bytes: far less than the sample's JSON results. SIGXFSZ ignored,
        // so write(2) fails with EFBIG, as a quota or a full disk makes it fail.
        let outcome = try Self.runShell(
            "ulimit -f 16; trap '' XFSZ", ["check", "--as-of", "2026-11-30", "--no-config", "--format", "json", "--output", report.path])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("\(report.path): error: cannot write output: File too large"))
        #expect(try Data(contentsOf: report) == Data("yesterday".utf8))
        #expect(try scratch.leftovers().isEmpty)
        #expect(try FolderSnapshot(Self.sample) == before)
    }

    static let canMount: Bool = {
        guard getuid() == 0 else { return false }
        let probe = FileManager.default.temporaryDirectory.appendingPathComponent("cxaudit-mount-probe-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: probe) }
        guard (try? FileManager.default.createDirectory(at: probe, withIntermediateDirectories: true)) != nil,
            (try? CheckCommandTests.run(["-t", "tmpfs", "-o", "size=64k", "tmpfs", probe.path], executable: URL(fileURLWithPath: "/bin/mount")))?.status == 0
        else { return false }
        _ = try? CheckCommandTests.run([probe.path], executable: URL(fileURLWithPath: "/bin/umount"))
        return true
    }()

    @Test("a full disk (a 64 KiB tmpfs) fails the run cleanly and keeps the old reports", .enabled(if: canMount))
    func fullDisk() throws {
        let scratch = try Scratch()
        let disk = scratch.url.appendingPathComponent("disk")
        try FileManager.default.createDirectory(at: disk, withIntermediateDirectories: true)
        #expect(try CheckCommandTests.run(["-t", "tmpfs", "-o", "size=64k", "tmpfs", disk.path], executable: URL(fileURLWithPath: "/bin/mount")).status == 0)
        defer { _ = try? CheckCommandTests.run([disk.path], executable: URL(fileURLWithPath: "/bin/umount")) }
        try Data("yesterday".utf8).write(to: disk.appendingPathComponent("results.json"))
        let outcome = try CheckCommandTests.run(
            ["check", "--as-of", "2026-11-30", "--no-config", "--format", "json,html,sarif", "--output-dir", disk.path])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("error: cannot write output: No space left on device"))
        #expect(try Data(contentsOf: disk.appendingPathComponent("results.json")) == Data("yesterday".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: disk.path).allSatisfy { !$0.hasSuffix(".tmp") })
    }

    /// Writes a complaints corpus big enough that a run takes a while: four logs of
    /// 25,000 records, about 1 in 40 failing the benchmark ruleset.
    static func writeCorpus(in folder: URL) throws {
        var register = "<evidence-register version=\"1\">\n  <organization name=\"Fault Test Ltd\"/>\n"
        for file in 1...4 {
            var text = "<complaints>\n"
            for number in 1...25_000 {
                let late = number % 40 == 0
                text += "<complaint id=\"C-\(String(format: "%07d", file * 100_000 + number))\"><received>2026-03-0\(number % 9 + 1)</received>"
                    + "<ack-days>\(late ? 5 : 1)</ack-days><status>closed</status><root-cause>Supplier change.</root-cause></complaint>\n"
            }
            text += "</complaints>\n"
            try Data(text.utf8).write(to: folder.appendingPathComponent("complaints-\(file).xml"))
            register += "  <item id=\"CL-\(file)\" type=\"complaints-log\" file=\"complaints-\(file).xml\" format=\"xml\" date=\"2026-11-20\"/>\n"
        }
        try Data((register + "</evidence-register>\n").utf8).write(to: folder.appendingPathComponent("evidence-register.xml"))
    }

    /// An HTML report without its "Over time" section, which differs from run to run as runs are recorded.
    static func withoutHistorySection(_ data: Data) -> Data {
        let page = String(decoding: data, as: UTF8.self)
        guard let start = page.range(of: "<section id=\"history\">"),
            let end = page.range(of: "</section>", range: start.upperBound..<page.endIndex)
        else { return data }
        return Data((String(page[..<start.lowerBound]) + String(page[end.upperBound...])).utf8)
    }

    @Test("SIGTERM or SIGINT at any moment: every report is whole or absent, history sound, evidence untouched")
    func interrupted() throws {
        let scratch = try Scratch()
        let evidence = scratch.url.appendingPathComponent("evidence")
        try FileManager.default.createDirectory(at: evidence, withIntermediateDirectories: true)
        try Self.writeCorpus(in: evidence)
        let before = try FolderSnapshot(evidence)
        let store = scratch.url.appendingPathComponent("history.sqlite")
        func arguments(_ output: URL) -> [String] {
            [
                "check", evidence.path, "--ruleset", CheckCommandTests.repository.appendingPathComponent("Benchmarks/benchmark-ruleset.xml").path,
                "--as-of", "2026-11-30", "--no-config", "--format", "json,sarif,junit,csv,html", "--output-dir", output.path,
                "--history", "--history-store", store.path, "--jobs", "2",
            ]
        }

        // The whole run once, for its duration and the reports an interrupted run may only match.
        let complete = scratch.url.appendingPathComponent("complete")
        let started = Date()
        let full = try CheckCommandTests.run(arguments(complete), environment: Self.fixedTime)
        let duration = Date().timeIntervalSince(started)
        #expect(full.status == 1)
        let expected = try FolderSnapshot(complete)
        #expect(expected.files.count == 5)
        var recorded = try HistoryStore(url: store, create: false).runs(limit: nil).count
        #expect(recorded == 1)

        // At moments spread over the run, and the moment the first report appears (the
        // output folder is created just before the first file is written).
        var moments = [0.1, 0.3, 0.5, 0.7, 0.9].map { CheckCommandTests.SignalMoment.after(duration * $0) }
        moments += [.onceExists(scratch.url.appendingPathComponent("run-\(moments.count)")), .onceExists(scratch.url.appendingPathComponent("run-\(moments.count + 1)/results.json"))]
        var interrupted = 0
        for (index, moment) in moments.enumerated() {
            let output = scratch.url.appendingPathComponent("run-\(index)")
            let signal = index % 2 == 0 ? SIGTERM : SIGINT
            let outcome = try CheckCommandTests.run(arguments(output), environment: Self.fixedTime, signal: (signal, moment))
            // Finished before the signal (1: findings), or stopped by it (128 + the signal).
            #expect([1, 128 + signal].contains(outcome.status), "run \(index) ended with \(outcome.status): \(outcome.stderr)")
            if outcome.status == 128 + signal {
                interrupted += 1
                #expect(outcome.stderr.contains("cxaudit: interrupted by SIG"))
            }
            let written = (try? FolderSnapshot(output))?.files ?? [:]
            for (name, bytes) in written {
                // The HTML report's view over time grows by a column with every recorded run.
                let comparable = name.hasSuffix("report.html") ? Self.withoutHistorySection : { $0 }
                #expect(comparable(bytes) == expected.files[name].map(comparable), "run \(index): \(name) is not the complete report")
            }
            #expect(try scratch.leftovers().isEmpty, "run \(index) left a temporary file")
            let history = try HistoryStore(url: store, create: false)
            #expect(try history.integrityCheck() == "ok")
            let now = try history.runs(limit: nil).count
            #expect((recorded...recorded + 1).contains(now))
            recorded = now
        }
        #expect(interrupted > 0, "no run was interrupted: the corpus is too small to test interruption")
        #expect(try FolderSnapshot(evidence) == before)
    }
}

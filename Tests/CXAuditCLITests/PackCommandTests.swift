import Foundation
import TestSupport
import Testing

/// `cxaudit keygen`, `pack` and `verify` as the quality manager and the auditor run them.
@Suite("cxaudit pack, verify and keygen, end to end")
struct PackCommandTests {
    static let environment = ["SOURCE_DATE_EPOCH": "1796025600"]

    /// A scratch folder with a key pair and a signed pack of the sample.
    struct Workspace {
        let folder: URL
        var key: String { folder.appendingPathComponent("qm.key").path }
        var publicKey: String { folder.appendingPathComponent("qm.pub").path }
        var pack: String { folder.appendingPathComponent("pack.zip").path }

        func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

        func remove() { try? FileManager.default.removeItem(at: folder) }
    }

    static func workspace() throws -> Workspace {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cxaudit-pack-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let workspace = Workspace(folder: folder)
        let keygen = try CheckCommandTests.run(["keygen", "--output", folder.appendingPathComponent("qm").path])
        #expect(keygen.status == 0, "\(keygen.stderr)")
        let made = try CheckCommandTests.run(
            ["pack", "--as-of", "2026-11-30", "--output", workspace.pack, "--sign-key", workspace.key], environment: environment)
        #expect(made.status == 0, "\(made.stderr)")
        return workspace
    }

    /// Rewrites a ZIP with Python's zipfile, as someone editing a pack would; `code` sees `a` (source) and `b` (target).
    static func python(_ code: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import sys, zipfile\n" + code] + arguments
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    @Test("a signed pack of the sample is written with exit 0 despite findings, verifies, and is byte-identical when rebuilt")
    func packAndVerify() throws {
        let workspace = try Self.workspace()
        defer { workspace.remove() }
        let mode = try FileManager.default.attributesOfItem(atPath: workspace.key)[.posixPermissions] as? Int
        #expect(mode == 0o600, "the private key is readable by its owner only")

        let verified = try CheckCommandTests.run(["verify", workspace.pack, "--public-key", workspace.publicKey])
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
        #expect(verified.stdout.contains("files match the bag's manifests; signature verified (key "))
        #expect(verified.stdout.contains("Signed verdict: FAILED — Northwind Home Goods Ltd, as of 2026-11-30: 1 major, 15 minor, 4 ofi"))
        let unchecked = try CheckCommandTests.run(["verify", workspace.pack])
        #expect(unchecked.status == 0)
        #expect(unchecked.stdout.contains("signed, but the signature was NOT checked"))

        let again = workspace.path("again.zip")
        let rebuilt = try CheckCommandTests.run(
            ["pack", "--as-of", "2026-11-30", "--output", again, "--sign-key", workspace.key], environment: Self.environment)
        #expect(rebuilt.stdout.contains("20 findings"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: workspace.pack)) == Data(contentsOf: URL(fileURLWithPath: again)))

        // A pack already handed over is not overwritten by accident.
        let before = try Data(contentsOf: URL(fileURLWithPath: again))
        let refused = try CheckCommandTests.run(["pack", "--as-of", "2026-11-30", "--output", again], environment: Self.environment)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("\(again) already exists; give another --output, or --force to replace it"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: again)) == before)
        let replaced = try CheckCommandTests.run(["pack", "--as-of", "2026-11-30", "--output", again, "--force"], environment: Self.environment)
        #expect(replaced.status == 0, "\(replaced.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: again)) != before, "unsigned now")
    }

    @Test("a pack shows the runs recorded so far and the baseline comparison, in its report, index and run.json, and records no run")
    func historyAndBaseline() throws {
        let sample = try CheckJobTests.SampleCopy()
        try sample.write("cxaudit.toml", "version = 1\nformats = [\"json\"]\noutput-dir = \"out\"\nbaseline = \"baseline.json\"\nhistory = true\n")
        for _ in 1...2 {
            let night = try CheckCommandTests.run(["check", sample.folder.path, "--as-of", "2026-11-30", "--quiet"])
            #expect(night.status == 1, "\(night.stderr)")
            try? FileManager.default.removeItem(at: sample.folder.appendingPathComponent("baseline.json"))
            try FileManager.default.copyItem(
                at: sample.folder.appendingPathComponent("out/results.json"), to: sample.folder.appendingPathComponent("baseline.json"))
        }
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("cxaudit-pack-\(UUID().uuidString).zip")
        defer { try? FileManager.default.removeItem(at: output) }
        for attempt in 1...2 {
            let packed = try CheckCommandTests.run(
                ["pack", sample.folder.path, "--as-of", "2026-11-30", "--output", output.path, "--force"], environment: Self.environment)
            #expect(packed.status == 0, "\(packed.stderr)")
            let entries = try Self.shell(
                "python3 -c 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); [print(z.read(n).decode()) for n in sys.argv[2:]]' \"$1\" data/report/report.html data/index.html data/run.json",
                in: sample.folder, [output.path])
            #expect(entries.status == 0)
            #expect(entries.output.contains("over the 2 most recent recorded runs"), "pack \(attempt): the two checks, not the pack itself")
            #expect(entries.output.contains("<li>Against the baseline baseline.json: <strong>0</strong> new, "))
            let runJSON = try #require(entries.output.range(of: "{\n  \"", options: .backwards).map { String(entries.output[$0.lowerBound...]) })
            let summary = try #require(
                (try JSONSerialization.jsonObject(with: Data(runJSON.utf8)) as? [String: Any])?["summary"] as? [String: Any])
            let baseline = try #require(summary["baseline"] as? [String: Any], "\(summary)")
            #expect(baseline["new"] as? Int == 0)
            #expect(baseline["resolved"] as? Int == 0)
            #expect((baseline["unchanged"] as? Int ?? 0) > 0)
            #expect(baseline["newFindings"] as? [String: Int] == ["major": 0, "minor": 0, "ofi": 0])
        }
    }

    @Test("an auditor's changed copy fails verify with exit 1, naming each changed, added and renamed entry")
    func tampered() throws {
        let workspace = try Self.workspace()
        defer { workspace.remove() }
        let tampered = workspace.path("tampered.zip")
        try Self.python(
            """
            with zipfile.ZipFile(sys.argv[1]) as a, zipfile.ZipFile(sys.argv[2], 'w') as b:
                for i in a.infolist():
                    data = a.read(i.filename)
                    if i.filename == 'data/evidence/complaints/complaints-log-2026.csv':
                        data = data.replace(b'C-2026-0043', b'C-2026-0044', 1)
                    if i.filename == 'data/run.json':
                        i.filename = 'data/run-original.json'
                    b.writestr(i, data)
                b.writestr('data/evidence/complaints/corrections.csv', 'id\\n')
            """, [workspace.pack, tampered])
        let outcome = try CheckCommandTests.run(["verify", tampered, "--public-key", workspace.publicKey])
        #expect(outcome.status == 1)
        #expect(outcome.stdout.contains("✗ modified: data/evidence/complaints/complaints-log-2026.csv: SHA-256 is "))
        #expect(outcome.stdout.contains("✗ extra: data/evidence/complaints/corrections.csv"))
        #expect(outcome.stdout.contains("✗ renamed: data/run.json: listed in the manifests, but in the pack as 'data/run-original.json'"))
        #expect(outcome.stdout.contains("3 problems"))
        // docs/evidence-packs.md shows this very output (`…` standing for the key's fingerprint).
        let doc = try String(contentsOf: CheckCommandTests.repository.appendingPathComponent("docs/evidence-packs.md"), encoding: .utf8)
        let shown = try #require(doc.components(separatedBy: "$ cxaudit verify tampered.zip --public-key qm.pub\n").dropFirst().first?
            .components(separatedBy: "\n```").first)
        let printed = outcome.stdout.trimmingCharacters(in: .newlines).replacingOccurrences(of: tampered, with: "tampered.zip")
        let pattern = "^" + shown.components(separatedBy: "…").map(NSRegularExpression.escapedPattern(for:)).joined(separator: "[^\\n]*?") + "$"
        #expect(printed.range(of: pattern, options: .regularExpression) != nil, "docs/evidence-packs.md shows:\n\(shown)\nverify printed:\n\(printed)")
    }

    @Test("another key, an unsigned pack checked with a key, and a removed signature fail with exit 1")
    func signatures() throws {
        let workspace = try Self.workspace()
        defer { workspace.remove() }
        #expect(try CheckCommandTests.run(["keygen", "--output", workspace.path("other")]).status == 0)
        let wrongKey = try CheckCommandTests.run(["verify", workspace.pack, "--public-key", workspace.path("other.pub")])
        #expect(wrongKey.status == 1)
        #expect(wrongKey.stdout.contains("✗ signature: verdict.intoto.jsonl: not a valid signature of the verdict"))

        let unsigned = workspace.path("unsigned.zip")
        #expect(try CheckCommandTests.run(["pack", "--as-of", "2026-11-30", "--output", unsigned], environment: Self.environment).status == 0)
        #expect(try CheckCommandTests.run(["verify", unsigned]).status == 0)
        let unsignedWithKey = try CheckCommandTests.run(["verify", unsigned, "--public-key", workspace.publicKey])
        #expect(unsignedWithKey.status == 1)
        #expect(unsignedWithKey.stdout.contains("the pack has no signed verdict, but a public key was given"))
    }

    @Test("hostile archives and files that are not packs are refused with exit 2")
    func hostile() throws {
        let workspace = try Self.workspace()
        defer { workspace.remove() }
        let slip = workspace.path("slip.zip")
        try Self.python(
            """
            with zipfile.ZipFile(sys.argv[1]) as a, zipfile.ZipFile(sys.argv[2], 'w') as b:
                for i in a.infolist():
                    b.writestr(i, a.read(i.filename))
                b.writestr('../../../tmp/evil.sh', 'echo owned')
            """, [workspace.pack, slip])
        let slipped = try CheckCommandTests.run(["verify", slip])
        #expect(slipped.status == 2)
        #expect(slipped.stderr.contains("entry '../../../tmp/evil.sh' has an unsafe name"))

        let link = workspace.path("link.zip")
        try Self.python(
            """
            with zipfile.ZipFile(sys.argv[1], 'w') as b:
                i = zipfile.ZipInfo('data/evidence/passwd.csv')
                i.create_system = 3
                i.external_attr = 0o120777 << 16
                b.writestr(i, '/etc/passwd')
                b.writestr('bagit.txt', '')
            """, [link])
        let linked = try CheckCommandTests.run(["verify", link])
        #expect(linked.status == 2)
        #expect(linked.stderr.contains("is a symbolic link"))

        let bomb = workspace.path("bomb.zip")
        try Self.python(
            """
            with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as b:
                b.writestr('bagit.txt', '')
                b.writestr('data/evidence/zeros.csv', bytes(50 << 20))
            """, [bomb])
        let bombed = try CheckCommandTests.run(["verify", bomb])
        #expect(bombed.status == 2)
        #expect(bombed.stderr.contains("possible ZIP bomb"))

        let readme = try CheckCommandTests.run(["verify", CheckCommandTests.repository.appendingPathComponent("README.md").path])
        #expect(readme.status == 2)
        #expect(readme.stderr.contains("cannot verify: not a ZIP archive"))
        let missing = try CheckCommandTests.run(["verify", workspace.path("nope.zip")])
        #expect(missing.status == 2)
    }

    @Test("keygen never overwrites; a bad key stops pack and verify with exit 2 before anything runs")
    func keys() throws {
        let workspace = try Self.workspace()
        defer { workspace.remove() }
        let again = try CheckCommandTests.run(["keygen", "--output", workspace.path("qm")])
        #expect(again.status == 2)
        #expect(again.stderr.contains("never overwritten"))

        let wrongHalf = try CheckCommandTests.run(
            ["pack", "--as-of", "2026-11-30", "--output", workspace.path("x.zip"), "--sign-key", workspace.publicKey])
        #expect(wrongHalf.status == 2)
        #expect(wrongHalf.stderr.contains("it is the public key of the pair"))
        #expect(!FileManager.default.fileExists(atPath: workspace.path("x.zip")))
        let notAKey = try CheckCommandTests.run(["verify", workspace.pack, "--public-key", workspace.pack])
        #expect(notAKey.status == 2)
    }

    @Test("pack exits 2 when the output cannot be written, and SOURCE_DATE_EPOCH must be a number")
    func packFailures() throws {
        let unwritable = try CheckCommandTests.run(["pack", "--as-of", "2026-11-30", "--output", "/proc/cxaudit/pack.zip"])
        #expect(unwritable.status == 2)
        #expect(unwritable.stderr.contains("cannot write output"))
        let badEpoch = try CheckCommandTests.run(
            ["pack", "--as-of", "2026-11-30", "--output", "/tmp/never.zip"], environment: ["SOURCE_DATE_EPOCH": "yesterday"])
        #expect(badEpoch.status == 2)
        #expect(badEpoch.stderr.contains("SOURCE_DATE_EPOCH"))
    }

    /// The code blocks of docs/evidence-packs.md's "Verifying without cxaudit" section, in order.
    static func auditorSnippets() throws -> [String] {
        let doc = try String(contentsOf: CheckCommandTests.repository.appendingPathComponent("docs/evidence-packs.md"), encoding: .utf8)
        let section = try #require(doc.components(separatedBy: "## Verifying without cxaudit").dropFirst().first)
            .components(separatedBy: "\n## ").first ?? ""
        return section.components(separatedBy: "```").enumerated().filter { $0.offset % 2 == 1 }.map { block in
            String(block.element.drop { $0 != "\n" }.dropFirst())
        }
    }

    static func shell(_ script: String, in folder: URL, _ arguments: [String] = []) throws -> (status: Int32, output: String) {
        try ExternalTool.run("bash", ["-c", script, "bash"] + arguments, in: folder)
    }

    @Test("the checks docs/evidence-packs.md gives auditors without cxaudit accept the pack and catch a change, and a forgery")
    func withoutCxaudit() throws {
        let workspace = try Self.workspace()
        defer { workspace.remove() }
        let snippets = try Self.auditorSnippets()
        #expect(snippets.count == 2, "bagit.py, then the Python script for the verdict")
        guard try Self.shell("python3 -c 'import bagit, cryptography'", in: workspace.folder).status == 0 else {
            Issue.record("pip install bagit cryptography (.ci/run does)")
            return
        }
        let tampered = workspace.path("tampered.zip")
        try Self.python(
            """
            with zipfile.ZipFile(sys.argv[1]) as a, zipfile.ZipFile(sys.argv[2], 'w') as b:
                for i in a.infolist():
                    data = a.read(i.filename)
                    b.writestr(i, data + b' ' if i.filename == 'data/evidence/evidence-register.xml' else data)
            """, [workspace.pack, tampered])

        // The shell block, with the pack's name as the documentation writes it.
        func unzipAndValidate(_ pack: String, into folder: String) throws -> (status: Int32, output: String) {
            let shell = snippets[0].replacingOccurrences(of: "../northwind-pack.zip", with: "$1")
                .replacingOccurrences(of: "mkdir pack", with: "mkdir \(folder)").replacingOccurrences(of: "cd pack ", with: "cd \(folder) ")
            return try Self.shell(shell, in: workspace.folder, [pack])
        }
        let intactShell = try unzipAndValidate(workspace.pack, into: "pack")
        #expect(intactShell.status == 0 && intactShell.output == "bag is valid\n", "\(intactShell.output)")
        let tamperedShell = try unzipAndValidate(tampered, into: "pack2")
        #expect(!tamperedShell.output.contains("bag is valid"), "\(tamperedShell.output)")
        #expect(tamperedShell.output.contains(". is invalid"), "\(tamperedShell.output)")

        // The Python script on the unzipped pack: intact, and a forgery whose manifests were recomputed, which
        // bagit.py accepts.
        let script = workspace.path("verify_verdict.py")
        try snippets[1].write(toFile: script, atomically: true, encoding: .utf8)
        let intact = try Self.shell("python3 \"$@\"", in: workspace.folder, [script, "pack", workspace.publicKey])
        #expect(intact.status == 0, "\(intact.output)")
        #expect(intact.output.hasPrefix("FAILED: Northwind Home Goods Ltd as of 2026-11-30, findings {'major': 1, 'minor': 15, 'ofi': 4}; signed, and all 38 files are as signed"), "\(intact.output)")
        let forge = """
            cd pack2 && python3 -c "import bagit; bagit.Bag('.').save(manifests=True)" \\
            && bagit.py --quiet --validate . && echo "forgery passes bagit"
            """
        let forged = try Self.shell(forge, in: workspace.folder)
        #expect(forged.output.contains("forgery passes bagit"), "\(forged.output)")
        let caught = try Self.shell("python3 \"$@\"", in: workspace.folder, [script, "pack2", workspace.publicKey])
        #expect(caught.status == 1, "\(caught.output)")
        #expect(caught.output.contains("changed since signed: data/evidence/evidence-register.xml"), "\(caught.output)")
        #expect(try CheckCommandTests.run(["keygen", "--output", workspace.path("other")]).status == 0)
        let otherKey = try Self.shell("python3 \"$@\"", in: workspace.folder, [script, "pack", workspace.path("other.pub")])
        #expect(otherKey.status != 0)
    }
}

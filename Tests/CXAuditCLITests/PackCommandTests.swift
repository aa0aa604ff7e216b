import Foundation
import Testing

@Suite("cxaudit pack, verify and keygen, end to end")
struct PackCommandTests {
    @Test("a signed pack of the sample verifies, is byte-identical when rebuilt, and a changed entry is caught")
    func packAndVerify() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cxaudit-pack-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let prefix = folder.appendingPathComponent("signer").path
        #expect(try CheckCommandTests.run(["keygen", "--output", prefix]).status == 0)
        #expect(try CheckCommandTests.run(["keygen", "--output", prefix]).status == 2, "keys are never overwritten")
        let environment = ["SOURCE_DATE_EPOCH": "1796025600"]
        let pack = folder.appendingPathComponent("pack.zip").path
        let made = try CheckCommandTests.run(
            ["pack", "--as-of", "2026-11-30", "--output", pack, "--sign-key", prefix + ".key"], environment: environment)
        #expect(made.status == 0, "\(made.stderr)")
        let verified = try CheckCommandTests.run(["verify", pack, "--public-key", prefix + ".pub"])
        #expect(verified.status == 0, "\(verified.stdout)")
        #expect(verified.stdout.contains("entries match MANIFEST; signature verified."))

        let again = folder.appendingPathComponent("again.zip").path
        _ = try CheckCommandTests.run(
            ["pack", "--as-of", "2026-11-30", "--output", again, "--sign-key", prefix + ".key"], environment: environment)
        #expect(try Data(contentsOf: URL(fileURLWithPath: pack)) == Data(contentsOf: URL(fileURLWithPath: again)))

        let listing = try String(contentsOf: URL(fileURLWithPath: pack), encoding: .isoLatin1)
        for entry in ["index.html", "report/report.html", "report/results.json", "report/assessment-results.json", "report/traceability.csv",
                      "evidence/complaints/complaints-log-2026.csv", "evidence/evidence-register.xml",
                      "rulesets/iso9001-2015-customer-improvement.xml", "run.json", "MANIFEST", "MANIFEST.sig"] {
            #expect(listing.contains(entry), "\(entry) is in the pack")
        }

        // An auditor's copy with one evidence file altered: unzip, edit, zip again.
        let work = folder.appendingPathComponent("unzipped")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let unzip = Process()
        unzip.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        unzip.arguments = ["python3", "-c", """
            import sys, zipfile
            src, dst = sys.argv[1], sys.argv[2]
            with zipfile.ZipFile(src) as a, zipfile.ZipFile(dst, 'w') as b:
                for i in a.infolist():
                    data = a.read(i.filename)
                    if i.filename == 'evidence/complaints/complaints-log-2026.csv':
                        data = data.replace(b'C-2026-0043', b'C-2026-0044', 1)
                    b.writestr(i, data)
            """, pack, folder.appendingPathComponent("tampered.zip").path]
        try unzip.run()
        unzip.waitUntilExit()
        let tampered = try CheckCommandTests.run(["verify", folder.appendingPathComponent("tampered.zip").path, "--public-key", prefix + ".pub"])
        #expect(tampered.status == 1)
        #expect(tampered.stdout.contains("✗ modified: evidence/complaints/complaints-log-2026.csv"))
    }

    @Test("verify refuses a file that is not a pack with exit 2")
    func notAPack() throws {
        let outcome = try CheckCommandTests.run(["verify", CheckCommandTests.repository.appendingPathComponent("README.md").path])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("cannot verify: not a ZIP archive"))
    }
}

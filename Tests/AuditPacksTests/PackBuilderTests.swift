import AuditModel
import AuditPacks
import Foundation
import Testing
import ZIPFoundation

@Suite("PackBuilder: the sample organization's evidence pack")
struct PackBuilderTests {
    @Test("the pack holds the reports, the cited evidence, the register, the ruleset, run.json, index.html and MANIFEST")
    func contents() async throws {
        let pack = try await SamplePack.build(signingKey: SamplePack.signer)
        let paths = try SamplePack.entries(of: pack.data).map(\.path)
        #expect(paths == paths.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }, "entries are sorted")
        for expected in [
            "MANIFEST", "MANIFEST.sig", "index.html", "run.json", "report/report.html", "report/results.json", "report/assessment-results.json",
            "report/traceability.csv", "evidence/evidence-register.xml", "evidence/complaints/complaints-log-2026.csv",
            "evidence/management-review/mr-2025-10-14.docx", "evidence/objectives/quality-objectives-2026.xlsx",
            "rulesets/iso9001-2015-customer-improvement.xml",
        ] {
            #expect(paths.contains(expected), "\(expected) is in the pack")
        }
        #expect(Set(pack.manifest.lines.map(\.path)) == Set(paths).subtracting(["MANIFEST", "MANIFEST.sig"]), "MANIFEST lists every other entry")
        #expect(pack.isSigned)
    }

    @Test("every evidence file a finding or evaluated result cites is copied byte for byte, and no other")
    func evidenceCopied() async throws {
        let run = try await SamplePack.run()
        let entries = try SamplePack.entries(of: try await SamplePack.pack(signed: true))
        let evidence = entries.filter { $0.path.hasPrefix("evidence/") && $0.path != "evidence/evidence-register.xml" }
        for (path, data) in evidence {
            let original = try Data(contentsOf: SamplePack.evidence.appendingPathComponent(String(path.dropFirst("evidence/".count))))
            #expect(data == original, "\(path) is the original bytes")
        }
        let packed = Set(evidence.map { String($0.path.dropFirst("evidence/".count)) })
        let files = Dictionary(run.evidence.items.map { ($0.id, $0.file) }) { first, _ in first }
        for finding in run.findings {
            if let item = finding.evidence.itemId { #expect(packed.contains(try #require(files[item])), "finding \(finding.id)") }
        }
        for result in run.results where result.status == .pass || result.status == .fail {
            if let item = result.itemId { #expect(packed.contains(try #require(files[item])), "result of \(result.ruleId) on \(item)") }
        }
        let uncited = run.evidence.items.filter { item in
            !run.results.contains { $0.itemId == item.id || ($0.itemId == nil && $0.evidenceType == item.type) }
        }
        #expect(!uncited.isEmpty, "the sample registers items the ISO 9001 ruleset does not read")
        for item in uncited { #expect(!packed.contains(item.file), "\(item.file) is not cited, so not packed") }
        let register = try #require(entries.first { $0.path == "evidence/evidence-register.xml" })
        #expect(register.data == (try Data(contentsOf: SamplePack.evidence.appendingPathComponent("evidence-register.xml"))))
        let ruleset = try #require(entries.first { $0.path == "rulesets/iso9001-2015-customer-improvement.xml" })
        #expect(ruleset.data == (try Data(contentsOf: SamplePack.repository.appendingPathComponent(SamplePack.rulesetName))))
    }

    @Test("the same inputs and generation time give a byte-identical pack")
    func reproducible() async throws {
        let first = try await SamplePack.build()
        let second = try await SamplePack.build()
        #expect(first.data == second.data)
        #if os(Linux)
            // BoringSSL's Ed25519 signatures are deterministic (RFC 8032); CryptoKit's on Apple platforms are not.
            #expect(try await SamplePack.build(signingKey: SamplePack.signer).data == SamplePack.build(signingKey: SamplePack.signer).data)
        #endif
    }

    @Test("a pack made from another working directory, with the ruleset named by an absolute path, has the same bytes")
    func hostIndependent() async throws {
        let absolute = try await SamplePack.audit(rulesetDisplayName: SamplePack.repository.appendingPathComponent(SamplePack.rulesetName).path)
        let builder = PackBuilder(
            run: absolute, evidenceFolder: SamplePack.evidence, workingDirectory: URL(fileURLWithPath: "/"), generatedAt: SamplePack.generatedAt)
        let pack = try builder.build(reports: try SamplePack.reports(for: builder))
        #expect(pack.data == (try await SamplePack.build().data))
        let texts = try SamplePack.entries(of: pack.data).filter { !$0.path.hasPrefix("evidence/") }
            .map { String(decoding: $0.data, as: UTF8.self) }
        for text in texts {
            #expect(!text.contains(SamplePack.repository.path), "no absolute path of the host")
            #expect(!text.contains(ProcessInfo.processInfo.hostName) || ProcessInfo.processInfo.hostName.count < 4, "no host name")
        }
    }

    @Test("every entry carries the generation time")
    func dates() async throws {
        let archive = try Archive(data: try await SamplePack.pack(signed: false), accessMode: .read)
        #expect(Set(archive.map { $0.fileAttributes[.modificationDate] as? Date }) == [SamplePack.generatedAt])
    }

    @Test("an evidence file changed after the check is refused, naming it")
    func changedSinceCheck() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cxaudit-pack-changed-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(at: SamplePack.evidence, to: folder)
        let run = try await SamplePack.audit(rulesetDisplayName: SamplePack.rulesetName, evidence: folder)
        let log = folder.appendingPathComponent("complaints/complaints-log-2026.csv")
        try (try Data(contentsOf: log) + Data("\n".utf8)).write(to: log)
        let builder = SamplePack.builder(for: run, evidence: folder)
        let error = try #require(throws: PackBuilder.BuildError.self) { try builder.build(reports: try SamplePack.reports(for: builder)) }
        guard case let .changedSinceCheck(path, _, _) = error else {
            Issue.record("unexpected \(error)")
            return
        }
        #expect(path == "complaints/complaints-log-2026.csv")
        #expect(error.errorDescription?.contains("changed after it was checked") == true)
    }

    @Test("a ruleset changed after the check is refused too")
    func rulesetChanged() async throws {
        var run = try await SamplePack.run()
        let actual = try #require(run.rulesets.first?.sha256)
        let recorded = String(repeating: "0", count: 64)
        run.rulesets[0].sha256 = recorded
        let builder = SamplePack.builder(for: run)
        #expect(throws: PackBuilder.BuildError.changedSinceCheck(path: SamplePack.rulesetName, recorded: recorded, now: actual)) {
            try builder.build(reports: try SamplePack.reports(for: builder))
        }
    }

    @Test("an evidence path leading out of the evidence folder is refused", arguments: ["../kestrel/evidence-register.xml", "/etc/passwd"])
    func outsideFolder(file: String) async throws {
        var run = try await SamplePack.run()
        let index = try #require(run.evidence.items.firstIndex { $0.id == "CL-2026" })
        run.evidence.items[index].file = file
        let builder = SamplePack.builder(for: run)
        #expect(throws: PackBuilder.BuildError.outsideEvidenceFolder(path: file)) {
            try builder.build(reports: try SamplePack.reports(for: builder))
        }
    }

    @Test("an evidence symlink leading out of the folder is refused")
    func symlinkOut() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cxaudit-pack-link-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(at: SamplePack.evidence, to: folder)
        let run = try await SamplePack.audit(rulesetDisplayName: SamplePack.rulesetName, evidence: folder)
        let log = folder.appendingPathComponent("complaints/complaints-log-2026.csv")
        let outside = folder.deletingLastPathComponent().appendingPathComponent("outside-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: outside) }
        try FileManager.default.moveItem(at: log, to: outside)
        try FileManager.default.createSymbolicLink(at: log, withDestinationURL: outside)
        let builder = SamplePack.builder(for: run, evidence: folder)
        #expect(throws: PackBuilder.BuildError.outsideEvidenceFolder(path: "complaints/complaints-log-2026.csv")) {
            try builder.build(reports: try SamplePack.reports(for: builder))
        }
    }
}

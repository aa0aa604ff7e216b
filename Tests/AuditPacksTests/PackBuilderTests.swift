import AuditModel
import AuditPacks
import Foundation
import Testing
import ZIPFoundation

@Suite("PackBuilder: the sample organization's evidence pack")
struct PackBuilderTests {
    @Test("the pack is a bag: the reports, cited evidence, register, ruleset, run.json and index.html under data/, tag files at the root")
    func contents() async throws {
        let pack = try await SamplePack.build(signingKey: SamplePack.signer)
        let entries = try SamplePack.entries(of: pack.data)
        let paths = entries.map(\.path)
        #expect(paths == paths.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }, "entries are sorted")
        for expected in [
            "bagit.txt", "bag-info.txt", "README.txt", "manifest-sha256.txt", "manifest-sha512.txt", "tagmanifest-sha256.txt",
            "tagmanifest-sha512.txt", "verdict.intoto.jsonl", "data/index.html", "data/run.json", "data/report/report.html",
            "data/report/results.json", "data/report/assessment-results.json", "data/report/traceability.csv", "data/evidence/evidence-register.xml",
            "data/evidence/complaints/complaints-log-2026.csv", "data/evidence/management-review/mr-2025-10-14.docx",
            "data/evidence/objectives/quality-objectives-2026.xlsx", "data/rulesets/iso9001-2015-customer-improvement.xml",
        ] {
            #expect(paths.contains(expected), "\(expected) is in the pack")
        }
        let payload = Set(paths.filter { $0.hasPrefix("data/") })
        #expect(Set(pack.manifest.lines.map(\.path)) == payload, "the payload manifest lists every file under data/")
        #expect(Set(paths.filter { !$0.hasPrefix("data/") }) == [
            "bagit.txt", "bag-info.txt", "README.txt", "manifest-sha256.txt", "manifest-sha512.txt", "tagmanifest-sha256.txt",
            "tagmanifest-sha512.txt", "verdict.intoto.jsonl",
        ], "no other tag file")
        let tagManifest = try BagManifest(
            parsing: try #require(entries.first { $0.path == "tagmanifest-sha512.txt" }?.data), kind: .tag, algorithm: .sha512)
        #expect(Set(tagManifest.lines.map(\.path)) == Set(paths.filter { !$0.hasPrefix("data/") && !$0.hasPrefix("tagmanifest-") }))
        #expect(entries.first { $0.path == "bagit.txt" }?.data == Data("BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n".utf8))
        #expect(pack.isSigned)
    }

    @Test("bag-info.txt names the organization, the audit date, the tool and each ruleset with its version, and the payload's Payload-Oxum")
    func bagInfo() async throws {
        let run = try await SamplePack.run()
        let entries = try SamplePack.entries(of: try await SamplePack.pack(signed: false))
        let info = BagInfo(parsing: try #require(entries.first { $0.path == "bag-info.txt" }?.data))
        let payload = entries.filter { $0.path.hasPrefix("data/") }
        #expect(info["Source-Organization"] == run.evidence.organization)
        #expect(info["Bagging-Date"] == "2026-11-30")
        #expect(info["Payload-Oxum"] == "\(payload.reduce(0) { $0 + $1.data.count }).\(payload.count)")
        #expect(info["Bag-Software-Agent"] == "cxaudit 1.0.0-test <https://cxaudit.dev>")
        #expect(info["CXAudit-Audit-Date"] == "2026-11-30")
        #expect(info["CXAudit-Version"] == "1.0.0-test")
        #expect(info["CXAudit-Pack-Format"] == "2")
        let ruleset = try #require(run.rulesets.first)
        #expect(info["CXAudit-Ruleset"] == "\(ruleset.id) \(ruleset.version)")
        #expect(entries.first { $0.path == "verdict.intoto.jsonl" } == nil, "an unsigned pack has no verdict")
    }

    @Test("every evidence file a finding or evaluated result cites is copied byte for byte, and no other")
    func evidenceCopied() async throws {
        let run = try await SamplePack.run()
        let entries = try SamplePack.entries(of: try await SamplePack.pack(signed: true))
        let evidence = entries.filter { $0.path.hasPrefix("data/evidence/") && $0.path != "data/evidence/evidence-register.xml" }
        for (path, data) in evidence {
            let original = try Data(contentsOf: SamplePack.evidence.appendingPathComponent(String(path.dropFirst("data/evidence/".count))))
            #expect(data == original, "\(path) is the original bytes")
        }
        let packed = Set(evidence.map { String($0.path.dropFirst("data/evidence/".count)) })
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
        let register = try #require(entries.first { $0.path == "data/evidence/evidence-register.xml" })
        #expect(register.data == (try Data(contentsOf: SamplePack.evidence.appendingPathComponent("evidence-register.xml"))))
        let ruleset = try #require(entries.first { $0.path == "data/rulesets/iso9001-2015-customer-improvement.xml" })
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
        let texts = try SamplePack.entries(of: pack.data).filter { !$0.path.hasPrefix("data/evidence/") }
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

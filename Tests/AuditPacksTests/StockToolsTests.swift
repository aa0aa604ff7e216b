import AuditPacks
import Foundation
import Testing

/// The auditor's side without cxaudit: `bagit.py --validate` and the Python script
/// docs/evidence-packs.md gives for the signed verdict, on an unzipped pack, against every
/// tampering `cxaudit verify` catches in the pack's content (tampering with the ZIP itself —
/// unsafe names, links, bombs, duplicate names — is refused before there is content to check).
@Suite("Stock tools: bagit.py and the documented verdict script catch what verify catches")
struct StockToolsTests {
    /// How a pack is changed, and which stock tool must catch it.
    struct Tampering: Sendable, CustomStringConvertible {
        enum Catcher: Sendable { case bagit, verdictScript, both }

        let description: String
        let caughtBy: Catcher
        let change: @Sendable (inout [(path: String, data: Data)]) throws -> Void
    }

    static let tamperings: [Tampering] =
        PackVerifierTests.entries.map { path in
            Tampering(description: "flipped byte in \(path)", caughtBy: .both) { try $0.flipByte(in: path, at: 3) }
        } + [
            Tampering(description: "flipped byte in the verdict", caughtBy: .both) { try $0.flipByte(in: "verdict.intoto.jsonl", at: 40) },
            Tampering(description: "flipped digest in a tag manifest", caughtBy: .bagit) { try $0.flipByte(in: "tagmanifest-sha256.txt", at: 10) },
            Tampering(description: "added payload file", caughtBy: .both) { $0.append(("data/evidence/late.csv", Data("id\n".utf8))) },
            Tampering(description: "added root file", caughtBy: .verdictScript) { $0.append(("READ-ME-FIRST.txt", Data("trust me".utf8))) },
            Tampering(description: "removed payload file", caughtBy: .both) { $0.removeAll { $0.path == "data/run.json" } },
            Tampering(description: "removed verdict", caughtBy: .both) { $0.removeAll { $0.path == "verdict.intoto.jsonl" } },
            Tampering(description: "renamed payload file", caughtBy: .both) { entries in
                if let index = entries.firstIndex(where: { $0.path == "data/report/results.json" }) { entries[index].path = "data/report/final.json" }
            },
            Tampering(description: "changed payload file, manifests recomputed", caughtBy: .verdictScript) { entries in
                try entries.flipByte(in: "data/evidence/complaints/complaints-log-2026.csv", at: 500)
                try SamplePack.rebag(&entries)
            },
            Tampering(description: "added payload file, manifests and Payload-Oxum recomputed", caughtBy: .verdictScript) { entries in
                entries.append(("data/evidence/late.csv", Data("id\n".utf8)))
                try SamplePack.rebag(&entries, oxum: true)
            },
            Tampering(description: "removed payload file, manifests and Payload-Oxum recomputed", caughtBy: .verdictScript) { entries in
                entries.removeAll { $0.path == "data/evidence/evidence-register.xml" }
                try SamplePack.rebag(&entries, oxum: true)
            },
            Tampering(description: "Payload-Oxum edited, tag manifests recomputed", caughtBy: .both) { entries in
                let index = entries.firstIndex { $0.path == "bag-info.txt" } ?? 0
                entries[index].data = Data(String(decoding: entries[index].data, as: UTF8.self).replacingOccurrences(of: "Payload-Oxum: ", with: "Payload-Oxum: 1").utf8)
                try SamplePack.rebag(&entries)
            },
            Tampering(description: "another key's verdict, manifests recomputed", caughtBy: .verdictScript) { entries in
                let index = entries.firstIndex { $0.path == "verdict.intoto.jsonl" } ?? 0
                var envelope = try DSSEEnvelope(parsing: entries[index].data, file: "verdict.intoto.jsonl")
                envelope = try DSSEEnvelope.signed(try #require(envelope.payloadBytes), type: envelope.payloadType, with: SamplePack.otherSigner)
                entries[index].data = try envelope.encoded()
                try SamplePack.rebag(&entries)
            },
        ]

    /// The documented verdict script, from docs/evidence-packs.md.
    static func verdictScript() throws -> String {
        let doc = try String(contentsOf: SamplePack.repository.appendingPathComponent("docs/evidence-packs.md"), encoding: .utf8)
        let section = try #require(doc.components(separatedBy: "## Verifying without cxaudit").dropFirst().first)
        let block = try #require(section.components(separatedBy: "```python\n").dropFirst().first?.components(separatedBy: "```").first)
        return block
    }

    static func check(_ entries: [(path: String, data: Data)], in folder: URL) throws -> (bagit: Bool, verdict: Bool, output: String) {
        let bag = folder.appendingPathComponent("bag")
        try PythonTool.unzip(entries, into: bag)
        let key = folder.appendingPathComponent("qm.pub")
        try SamplePack.signer.publicKey.fileText.write(to: key, atomically: true, encoding: .utf8)
        let script = folder.appendingPathComponent("verify_verdict.py")
        try verdictScript().write(to: script, atomically: true, encoding: .utf8)
        let bagit = try PythonTool.run("import sys, bagit; sys.exit(0 if bagit.Bag(sys.argv[1]).is_valid() else 1)", [bag.path])
        let verdict = try PythonTool.run("import runpy, sys; sys.argv = sys.argv[1:]; runpy.run_path(sys.argv[0], run_name='__main__')", [script.path, bag.path, key.path])
        return (bagit.status == 0, verdict.status == 0, bagit.output + verdict.output)
    }

    @Test("bagit.py and the verdict script accept the sample pack")
    func intact() async throws {
        guard try PythonTool.require("bagit", package: "bagit"), try PythonTool.require("cryptography", package: "cryptography") else { return }
        let folder = try PythonTool.scratch("stock")
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try Self.check(try SamplePack.entries(of: try await SamplePack.pack(signed: true)), in: folder)
        #expect(outcome.bagit && outcome.verdict, "\(outcome.output)")
    }

    @Test("each tampering fails verify, and the stock tool that should catch it", arguments: tamperings)
    func tampered(tampering: Tampering) async throws {
        guard try PythonTool.require("bagit", package: "bagit"), try PythonTool.require("cryptography", package: "cryptography") else { return }
        let pack = try await SamplePack.pack(signed: true)
        var entries = try SamplePack.entries(of: pack)
        try tampering.change(&entries)
        #expect(!(try PackVerifier.verify(try SamplePack.zip(entries), name: "pack.zip", publicKey: SamplePack.signer.publicKey).isIntact))
        let folder = try PythonTool.scratch("stock")
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try Self.check(entries, in: folder)
        switch tampering.caughtBy {
        case .bagit: #expect(!outcome.bagit, "bagit.py: \(outcome.output)")
        case .verdictScript: #expect(!outcome.verdict, "verdict script: \(outcome.output)")
        case .both: #expect(!outcome.bagit && !outcome.verdict, "\(outcome.output)")
        }
    }
}

import AuditModel
import AuditPacks
import Foundation
import SafeZip
import Testing
import ZIPFoundation

@Suite("PackVerifier: every change to a pack is caught by name")
struct PackVerifierTests {
    typealias Kind = PackVerifier.Problem.Kind

    static func verify(_ data: Data, key: PackVerifyingKey? = SamplePack.signer.publicKey) throws -> PackVerifier.Report {
        try PackVerifier.verify(data, name: "pack.zip", publicKey: key)
    }

    static func summary(_ report: PackVerifier.Report) -> [String] {
        report.problems.map { "\($0.kind.rawValue): \($0.path)" }
    }

    @Test("the sample pack verifies, with and without its key")
    func intact() async throws {
        let pack = try await SamplePack.pack(signed: true)
        let report = try Self.verify(pack)
        #expect(report.isIntact, "\(report.problems)")
        #expect(report.signature == .verified(fingerprint: SamplePack.signer.publicKey.fingerprint))
        #expect(report.listed > 25)
        #expect(report.verdict?.verificationResult == "FAILED", "the sample has a major nonconformity")
        let unchecked = try Self.verify(pack, key: nil)
        #expect(unchecked.isIntact)
        #expect(unchecked.signature == .notChecked, "a signed pack checked without a key says the signature was not checked")
        #expect(unchecked.verdict == nil, "an unchecked verdict is not reported")
        let unsigned = try Self.verify(try await SamplePack.pack(signed: false), key: nil)
        #expect(unsigned.isIntact && unsigned.signature == .unsigned)
    }

    /// Entries of every kind: payload (reports, evidence, register, ruleset, metadata) and tag files.
    static let entries = [
        "data/index.html", "data/report/report.html", "data/report/results.json", "data/report/assessment-results.json",
        "data/report/traceability.csv", "data/evidence/complaints/complaints-log-2026.csv", "data/evidence/management-review/mr-2025-10-14.docx",
        "data/evidence/evidence-register.xml", "data/rulesets/iso9001-2015-customer-improvement.xml", "data/run.json",
        "bagit.txt", "bag-info.txt", "README.txt", "manifest-sha256.txt", "manifest-sha512.txt",
    ]

    @Test("a flipped byte in an entry names that entry, and only it", arguments: entries)
    func flippedByte(path: String) async throws {
        let pack = try await SamplePack.pack(signed: true)
        for offset in [0, 1_000, -1] {
            let tampered = try SamplePack.tamper(pack) { entries in
                let size = entries.first { $0.path == path }?.data.count ?? 0
                try entries.flipByte(in: path, at: offset < 0 ? size - 1 : offset)
            }
            let report = try Self.verify(tampered)
            #expect(Self.summary(report) == ["modified: \(path)"], "offset \(offset)")
            #expect(report.signature == .verified(fingerprint: SamplePack.signer.publicKey.fingerprint), "the verdict itself is intact")
        }
    }

    @Test("a flipped byte in the verdict or a tag manifest is caught", arguments: ["verdict.intoto.jsonl", "tagmanifest-sha256.txt", "tagmanifest-sha512.txt"])
    func flippedSignatureOrTagManifest(path: String) async throws {
        let pack = try await SamplePack.pack(signed: true)
        let tampered = try SamplePack.tamper(pack) { try $0.flipByte(in: path, at: 10) }
        let report = try Self.verify(tampered)
        #expect(!report.isIntact)
        if path == "verdict.intoto.jsonl" {
            #expect(Self.summary(report) == ["modified: verdict.intoto.jsonl", "signature: verdict.intoto.jsonl"])
            #expect(report.signature == .invalid)
        } else {
            // A tag manifest's edited digest contradicts the other tag manifest, which vouches for the file.
            #expect(Self.summary(report) == ["manifest: \(path)"], "\(report.problems)")
        }
    }

    /// Offsets into a payload manifest's first line: a digit of the digest, the separator, the path.
    enum ManifestByte: String, CaseIterable {
        case digest, separator, path

        var offset: Int {
            switch self {
            case .digest: return 10
            case .separator: return 64
            case .path: return 66 + "data/evidence/".count
            }
        }
    }

    @Test("a flipped byte in a payload manifest is caught, with or without the tag manifests rewritten", arguments: ManifestByte.allCases)
    func flippedManifestByte(byte: ManifestByte) async throws {
        let pack = try await SamplePack.pack(signed: true)
        let edited = try SamplePack.tamper(pack) { try $0.flipByte(in: "manifest-sha256.txt", at: byte.offset) }
        let report = try Self.verify(edited)
        #expect(report.problems.contains { $0.kind == .modified && $0.path == "manifest-sha256.txt" }, "\(report.problems)")
        #expect(!report.problems.contains { $0.path.hasPrefix("data/") }, "the payload is intact: \(report.problems)")

        let covered = try SamplePack.tamper(pack) { entries in
            try entries.flipByte(in: "manifest-sha256.txt", at: byte.offset)
            let manifests = entries.filter { $0.path.hasPrefix("manifest-") }
            try SamplePack.rebag(&entries)
            entries = entries.map { entry in manifests.first { $0.path == entry.path } ?? entry }
            // The tag manifests list the edited payload manifest as it is now.
            let tags = Dictionary(
                uniqueKeysWithValues: entries.filter { !$0.path.hasPrefix("data/") && !$0.path.hasPrefix("tagmanifest-") }.map { ($0.path, $0.data) })
            for algorithm in BagDigest.allCases {
                let index = try #require(entries.firstIndex { $0.path == "tagmanifest-\(algorithm.rawValue).txt" })
                entries[index].data = BagManifest(.tag, algorithm, entries: tags).data
            }
        }
        let unsigned = try Self.verify(covered, key: nil)
        #expect(unsigned.problems.map(\.kind).contains(.manifest), "manifest-sha512.txt contradicts it: \(unsigned.problems)")
        let signed = try Self.verify(covered)
        #expect(!signed.isIntact)
    }

    @Test("added, removed and renamed entries are named")
    func addRemoveRename() async throws {
        let pack = try await SamplePack.pack(signed: true)
        let added = try SamplePack.tamper(pack) { $0.append(("data/evidence/complaints/complaints-log-2026-corrected.csv", Data("id\n".utf8))) }
        #expect(Self.summary(try Self.verify(added)) == ["extra: data/evidence/complaints/complaints-log-2026-corrected.csv"])
        let addedFirst = try SamplePack.tamper(pack) { $0.insert(("READ-ME-FIRST.txt", Data("trust me".utf8)), at: 0) }
        #expect(Self.summary(try Self.verify(addedFirst)) == ["extra: READ-ME-FIRST.txt"], "a tag file no tag manifest lists")

        let removed = try SamplePack.tamper(pack) { $0.removeAll { $0.path == "data/evidence/evidence-register.xml" } }
        #expect(Self.summary(try Self.verify(removed)) == ["missing: data/evidence/evidence-register.xml"])
        let removedManifest = try SamplePack.tamper(pack) { $0.removeAll { $0.path == "manifest-sha512.txt" } }
        #expect(Self.summary(try Self.verify(removedManifest)) == ["missing: manifest-sha512.txt"])

        let renamed = try SamplePack.tamper(pack) { entries in
            let index = try #require(entries.firstIndex { $0.path == "data/report/results.json" })
            entries[index].path = "data/report/results-final.json"
        }
        let report = try Self.verify(renamed)
        #expect(Self.summary(report) == ["renamed: data/report/results.json"])
        #expect(report.problems.first?.message.contains("data/report/results-final.json") == true)

        let renamedAndChanged = try SamplePack.tamper(pack) { entries in
            let index = try #require(entries.firstIndex { $0.path == "data/run.json" })
            entries[index] = ("data/run-2.json", Data("{}".utf8))
        }
        #expect(Self.summary(try Self.verify(renamedAndChanged)) == ["extra: data/run-2.json", "missing: data/run.json"])
    }

    @Test("an edited Payload-Oxum is caught even when the tag manifests were rewritten")
    func oxum() async throws {
        let pack = try await SamplePack.pack(signed: false)
        let edited = try SamplePack.tamper(pack) { entries in
            let index = try #require(entries.firstIndex { $0.path == "bag-info.txt" })
            entries[index].data = Data(String(decoding: entries[index].data, as: UTF8.self).replacingOccurrences(of: "Payload-Oxum: ", with: "Payload-Oxum: 1").utf8)
            try SamplePack.rebag(&entries)
        }
        #expect(Self.summary(try Self.verify(edited, key: nil)) == ["size: bag-info.txt"])
    }

    @Test("a verdict from another key, a removed or a garbage verdict, and a wrong key all fail")
    func signatures() async throws {
        let pack = try await SamplePack.pack(signed: true)
        let other = try await SamplePack.build(signingKey: SamplePack.otherSigner)
        let otherVerdict = try #require(try SamplePack.entry("verdict.intoto.jsonl", of: other.data))
        #expect(otherVerdict != (try SamplePack.entry("verdict.intoto.jsonl", of: pack)))
        let swapped = try SamplePack.tamper(pack) { entries in
            let index = try #require(entries.firstIndex { $0.path == "verdict.intoto.jsonl" })
            entries[index].data = otherVerdict
            try SamplePack.rebag(&entries)
        }
        let report = try Self.verify(swapped)
        #expect(report.signature == .invalid)
        #expect(Self.summary(report) == ["signature: verdict.intoto.jsonl"], "the tag manifests were rewritten: only the key tells")

        #expect(try Self.verify(other.data).signature == .invalid, "the signer's key does not accept another key's pack")
        #expect(try Self.verify(other.data, key: SamplePack.otherSigner.publicKey).isIntact)

        let removed = try SamplePack.tamper(pack) { entries in
            entries.removeAll { $0.path == "verdict.intoto.jsonl" }
            try SamplePack.rebag(&entries)
        }
        #expect(Self.summary(try Self.verify(removed)) == ["signature: verdict.intoto.jsonl"])
        #expect(try Self.verify(removed, key: nil).signature == .unsigned)

        let garbage = try SamplePack.tamper(pack) { entries in
            let index = try #require(entries.firstIndex { $0.path == "verdict.intoto.jsonl" })
            entries[index].data = Data("not json at all\n".utf8)
        }
        #expect(try Self.verify(garbage).signature == .invalid)

        let unsigned = try await SamplePack.pack(signed: false)
        let unsignedReport = try Self.verify(unsigned)
        #expect(Self.summary(unsignedReport) == ["signature: verdict.intoto.jsonl"], "an unsigned pack checked with a key fails")
        #expect(unsignedReport.signature == .unsigned)
    }

    @Test("an entry changed, added or removed with every manifest recomputed is caught only by the signature, naming it")
    func recomputedManifest() async throws {
        let pack = try await SamplePack.pack(signed: true)
        let forged = try SamplePack.tamper(pack) { entries in
            try entries.flipByte(in: "data/evidence/complaints/complaints-log-2026.csv", at: 500)
            try SamplePack.rebag(&entries)
        }
        #expect(try Self.verify(forged, key: nil).isIntact, "without the key a consistent forgery cannot be told apart")
        let report = try Self.verify(forged)
        #expect(
            Self.summary(report) == [
                "signature: data/evidence/complaints/complaints-log-2026.csv", "signature: manifest-sha256.txt", "signature: manifest-sha512.txt",
            ])
        #expect(report.signature == .invalid)

        let added = try SamplePack.tamper(pack) { entries in
            entries.append(("data/evidence/complaints/late-entry.csv", Data("id\nC-1\n".utf8)))
            try SamplePack.rebag(&entries, oxum: true)
        }
        #expect(try Self.verify(added, key: nil).isIntact)
        #expect(Self.summary(try Self.verify(added)).contains("signature: data/evidence/complaints/late-entry.csv"))

        let removed = try SamplePack.tamper(pack) { entries in
            entries.removeAll { $0.path == "data/evidence/evidence-register.xml" }
            try SamplePack.rebag(&entries, oxum: true)
        }
        #expect(try Self.verify(removed, key: nil).isIntact)
        #expect(Self.summary(try Self.verify(removed)).contains("signature: data/evidence/evidence-register.xml"))
    }

    @Test("an entry whose compressed bytes were altered in the ZIP is reported as damaged")
    func damagedEntry() async throws {
        var pack = try await SamplePack.pack(signed: true)
        // The local header of report/results.json: 30 bytes, the name, the extra field, then the deflated data.
        let name = Data("data/report/results.json".utf8)
        let header = try #require(pack.range(of: name)).lowerBound - 30
        #expect(pack[header..<header + 4] == Data([0x50, 0x4B, 0x03, 0x04]), "the first occurrence of the name is in its local header")
        let extraLength = Int(pack[header + 28]) | Int(pack[header + 29]) << 8
        pack[header + 30 + name.count + extraLength + 100] ^= 0xFF
        let report = try Self.verify(pack)
        #expect(Self.summary(report) == ["damaged: data/report/results.json"])
    }

    @Test(
        "unsafe entry names are refused before anything is read",
        arguments: ["../../.bashrc", "evidence/../../escape.csv", "/etc/cron.d/evil", "evidence\\..\\..\\evil.bat", "C:/Windows/evil.dll"])
    func unsafeNames(name: String) async throws {
        let hostile = try SamplePack.tamper(try await SamplePack.pack(signed: true)) { $0.append((name, Data("x".utf8))) }
        let error = try #require(throws: PackVerifier.UnusablePack.self) { try Self.verify(hostile) }
        #expect(error.refusal == .unsafeName)
        #expect(error.errorDescription?.contains("unsafe name") == true)
    }

    @Test("a symbolic-link entry is refused")
    func symbolicLink() async throws {
        var entries = try SamplePack.entries(of: try await SamplePack.pack(signed: false))
        let archive = try Archive(accessMode: .create)
        let target = Data("/etc/passwd".utf8)
        try archive.addEntry(with: "data/evidence/link.csv", type: .symlink, uncompressedSize: Int64(target.count)) { (position: Int64, size: Int) in
            target.subdata(in: Int(position)..<Int(position) + size)
        }
        entries.removeAll { $0.path == "verdict.intoto.jsonl" }
        for (path, data) in entries {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count)) { (position: Int64, size: Int) in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        let error = try #require(throws: PackVerifier.UnusablePack.self) { try Self.verify(try #require(archive.data), key: nil) }
        #expect(error.refusal == .symbolicLink)
        #expect(error.errorDescription?.contains("'data/evidence/link.csv' is a symbolic link") == true)
    }

    @Test("a ZIP bomb is refused before it expands")
    func bomb() async throws {
        let bomb = try SamplePack.tamper(try await SamplePack.pack(signed: true)) { $0.append(("data/evidence/zeros.bin", Data(count: 50 << 20))) }
        #expect(bomb.count < 1 << 20)
        let error = try #require(throws: PackVerifier.UnusablePack.self) { try Self.verify(bomb) }
        #expect(error.refusal == .overCompressed)
        #expect(error.errorDescription?.contains("possible ZIP bomb") == true)
    }

    @Test("a name given twice is refused: tools disagree on which copy they extract")
    func duplicateName() async throws {
        let doubled = try SamplePack.tamper(try await SamplePack.pack(signed: true)) { $0.append(("data/run.json", Data("{}".utf8))) }
        let error = try #require(throws: PackVerifier.UnusablePack.self) { try Self.verify(doubled) }
        #expect(error.refusal == .duplicateName)
    }

    // Found by Fuzz/FuzzPackVerify (docs/fuzzing.md): ZIPFoundation followed the central
    // directory offset past the end of the data and trapped; verify crashed.
    @Test("a pack whose central directory would start past its end is refused, not followed")
    func directoryPastTheEnd() async throws {
        var pack = try await SamplePack.pack(signed: true)
        let end = try #require(pack.range(of: Data([0x50, 0x4B, 0x05, 0x06]), options: .backwards)).lowerBound
        pack.replaceSubrange(end + 16..<end + 20, with: [0xFF, 0xFF, 0xFF, 0x7F])
        let error = try #require(throws: PackVerifier.UnusablePack.self) { try Self.verify(pack) }
        #expect(error.refusal == .notAnArchive)
        #expect(error.reason.contains("past the end"))
    }

    @Test("a file that is not a ZIP, or a ZIP that is no bag, is not a pack")
    func notAPack() async throws {
        let notZip = try #require(throws: PackVerifier.UnusablePack.self) { try Self.verify(Data("PK not really".utf8)) }
        #expect(notZip.refusal == .notAnArchive)
        let noBag = try SamplePack.tamper(try await SamplePack.pack(signed: true)) {
            $0.removeAll { $0.path == "bagit.txt" || $0.path == "manifest-sha256.txt" }
        }
        let error = try #require(throws: PackVerifier.UnusablePack.self) { try Self.verify(noBag) }
        #expect(error.reason.contains("neither bagit.txt nor manifest-sha256.txt"))
        let formatOne = try SamplePack.zip([("MANIFEST", Data()), ("run.json", Data("{}".utf8))])
        let old = try #require(throws: PackVerifier.UnusablePack.self) { try Self.verify(formatOne) }
        #expect(old.reason.contains("format 1"))
    }
}

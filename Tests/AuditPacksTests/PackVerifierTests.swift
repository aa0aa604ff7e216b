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
        let unchecked = try Self.verify(pack, key: nil)
        #expect(unchecked.isIntact)
        #expect(unchecked.signature == .notChecked, "a signed pack checked without a key says the signature was not checked")
        let unsigned = try Self.verify(try await SamplePack.pack(signed: false), key: nil)
        #expect(unsigned.isIntact && unsigned.signature == .unsigned)
    }

    @Test(
        "a flipped byte in an entry names that entry, and only it",
        arguments: [
            "index.html", "report/report.html", "report/results.json", "report/assessment-results.json", "report/traceability.csv",
            "evidence/complaints/complaints-log-2026.csv", "evidence/management-review/mr-2025-10-14.docx",
            "evidence/evidence-register.xml", "rulesets/iso9001-2015-customer-improvement.xml", "run.json",
        ])
    func flippedByte(path: String) async throws {
        let pack = try await SamplePack.pack(signed: true)
        for offset in [0, 1_000, -1] {
            let tampered = try SamplePack.tamper(pack) { entries in
                let size = entries.first { $0.path == path }?.data.count ?? 0
                try entries.flipByte(in: path, at: offset < 0 ? size - 1 : offset)
            }
            let report = try Self.verify(tampered)
            #expect(Self.summary(report) == ["modified: \(path)"], "offset \(offset)")
            #expect(report.signature == .verified(fingerprint: SamplePack.signer.publicKey.fingerprint), "MANIFEST itself is intact")
        }
    }

    /// Offsets into MANIFEST's first line: a digit of the hash, the separator, a digit of the size, the path.
    enum ManifestByte: String, CaseIterable {
        case hash, separator, size, path

        func offset(in manifest: String) -> Int {
            let line = manifest.prefix { $0 != "\n" }
            let fields = line.components(separatedBy: "  ")
            switch self {
            case .hash: return 10
            case .separator: return 64
            case .size: return 66 + fields[1].count - 1
            case .path: return 66 + fields[1].count + 2
            }
        }

        /// What an unsigned pack's verification reports.
        var unsignedKinds: [Kind] {
            switch self {
            case .hash: return [.modified]
            case .separator: return [.manifest]
            case .size: return [.size]
            case .path: return [.renamed]
            }
        }
    }

    @Test("a flipped byte in MANIFEST breaks the signature, and is caught without one", arguments: ManifestByte.allCases)
    func flippedManifestByte(byte: ManifestByte) async throws {
        for signed in [true, false] {
            let pack = try await SamplePack.pack(signed: signed)
            let manifest = String(decoding: try #require(try SamplePack.entry("MANIFEST", of: pack)), as: UTF8.self)
            let tampered = try SamplePack.tamper(pack) { try $0.flipByte(in: "MANIFEST", at: byte.offset(in: manifest)) }
            if signed {
                let report = try Self.verify(tampered)
                #expect(report.signature == .invalid)
                #expect(report.problems.contains { $0.kind == .signature && $0.path == "MANIFEST.sig" })
            } else {
                let report = try Self.verify(tampered, key: nil)
                #expect(report.problems.map(\.kind) == byte.unsignedKinds, "\(report.problems)")
            }
        }
    }

    @Test("added, removed and renamed entries are named")
    func addRemoveRename() async throws {
        let pack = try await SamplePack.pack(signed: true)
        let added = try SamplePack.tamper(pack) { $0.append(("evidence/complaints/complaints-log-2026-corrected.csv", Data("id\n".utf8))) }
        #expect(Self.summary(try Self.verify(added)) == ["extra: evidence/complaints/complaints-log-2026-corrected.csv"])
        let addedFirst = try SamplePack.tamper(pack) { $0.insert(("README.txt", Data("trust me".utf8)), at: 0) }
        #expect(Self.summary(try Self.verify(addedFirst)) == ["extra: README.txt"])

        let removed = try SamplePack.tamper(pack) { $0.removeAll { $0.path == "evidence/evidence-register.xml" } }
        #expect(Self.summary(try Self.verify(removed)) == ["missing: evidence/evidence-register.xml"])

        let renamed = try SamplePack.tamper(pack) { entries in
            let index = try #require(entries.firstIndex { $0.path == "report/results.json" })
            entries[index].path = "report/results-final.json"
        }
        let report = try Self.verify(renamed)
        #expect(Self.summary(report) == ["renamed: report/results.json"])
        #expect(report.problems.first?.message.contains("report/results-final.json") == true)

        let renamedAndChanged = try SamplePack.tamper(pack) { entries in
            let index = try #require(entries.firstIndex { $0.path == "run.json" })
            entries[index] = ("run-2.json", Data("{}".utf8))
        }
        #expect(Self.summary(try Self.verify(renamedAndChanged)) == ["missing: run.json", "extra: run-2.json"].sorted())
    }

    @Test("a signature from another key, a removed or a garbage signature, and a wrong key all fail")
    func signatures() async throws {
        let pack = try await SamplePack.pack(signed: true)
        let other = try await SamplePack.build(signingKey: SamplePack.otherSigner)
        let otherSignature = try #require(try SamplePack.entry("MANIFEST.sig", of: other.data))
        #expect(otherSignature != (try SamplePack.entry("MANIFEST.sig", of: pack)))
        let swapped = try SamplePack.tamper(pack) { entries in
            let index = try #require(entries.firstIndex { $0.path == "MANIFEST.sig" })
            entries[index].data = otherSignature
        }
        let report = try Self.verify(swapped)
        #expect(report.signature == .invalid)
        #expect(Self.summary(report) == ["signature: MANIFEST.sig"])

        #expect(try Self.verify(other.data).signature == .invalid, "the signer's key does not accept another key's pack")
        #expect(try Self.verify(other.data, key: SamplePack.otherSigner.publicKey).isIntact)

        let removed = try SamplePack.tamper(pack) { $0.removeAll { $0.path == "MANIFEST.sig" } }
        #expect(Self.summary(try Self.verify(removed)) == ["signature: MANIFEST.sig"])
        #expect(try Self.verify(removed, key: nil).signature == .unsigned)

        let garbage = try SamplePack.tamper(pack) { entries in
            let index = try #require(entries.firstIndex { $0.path == "MANIFEST.sig" })
            entries[index].data = Data("not base64 at all\n".utf8)
        }
        #expect(try Self.verify(garbage).signature == .invalid)

        let unsigned = try await SamplePack.pack(signed: false)
        let unsignedReport = try Self.verify(unsigned)
        #expect(Self.summary(unsignedReport) == ["signature: MANIFEST.sig"], "an unsigned pack checked with a key fails")
        #expect(unsignedReport.signature == .unsigned)
    }

    @Test("an entry changed together with a recomputed MANIFEST is caught only by the signature")
    func recomputedManifest() async throws {
        let pack = try await SamplePack.pack(signed: true)
        let forged = try SamplePack.tamper(pack) { entries in
            try entries.flipByte(in: "evidence/complaints/complaints-log-2026.csv", at: 500)
            let files = Dictionary(
                uniqueKeysWithValues: entries.filter { $0.path != "MANIFEST" && $0.path != "MANIFEST.sig" }.map { ($0.path, $0.data) })
            let index = try #require(entries.firstIndex { $0.path == "MANIFEST" })
            entries[index].data = PackManifest(entries: files).data
        }
        #expect(try Self.verify(forged, key: nil).isIntact, "without the key a consistent forgery cannot be told apart")
        #expect(Self.summary(try Self.verify(forged)) == ["signature: MANIFEST.sig"])
    }

    @Test("an entry whose compressed bytes were altered in the ZIP is reported as damaged")
    func damagedEntry() async throws {
        var pack = try await SamplePack.pack(signed: true)
        // The local header of report/results.json: 30 bytes, the name, the extra field, then the deflated data.
        let name = Data("report/results.json".utf8)
        let header = try #require(pack.range(of: name)).lowerBound - 30
        #expect(pack[header..<header + 4] == Data([0x50, 0x4B, 0x03, 0x04]), "the first occurrence of the name is in its local header")
        let extraLength = Int(pack[header + 28]) | Int(pack[header + 29]) << 8
        pack[header + 30 + name.count + extraLength + 100] ^= 0xFF
        let report = try Self.verify(pack)
        #expect(Self.summary(report) == ["damaged: report/results.json"])
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
        try archive.addEntry(with: "evidence/link.csv", type: .symlink, uncompressedSize: Int64(target.count)) { (position: Int64, size: Int) in
            target.subdata(in: Int(position)..<Int(position) + size)
        }
        entries.removeAll { $0.path == "MANIFEST.sig" }
        for (path, data) in entries {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count)) { (position: Int64, size: Int) in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        let error = try #require(throws: PackVerifier.UnusablePack.self) { try Self.verify(try #require(archive.data), key: nil) }
        #expect(error.refusal == .symbolicLink)
        #expect(error.errorDescription?.contains("'evidence/link.csv' is a symbolic link") == true)
    }

    @Test("a ZIP bomb is refused before it expands")
    func bomb() async throws {
        let bomb = try SamplePack.tamper(try await SamplePack.pack(signed: true)) { $0.append(("evidence/zeros.bin", Data(count: 50 << 20))) }
        #expect(bomb.count < 1 << 20)
        let error = try #require(throws: PackVerifier.UnusablePack.self) { try Self.verify(bomb) }
        #expect(error.refusal == .overCompressed)
        #expect(error.errorDescription?.contains("possible ZIP bomb") == true)
    }

    @Test("a name given twice is refused: tools disagree on which copy they extract")
    func duplicateName() async throws {
        let doubled = try SamplePack.tamper(try await SamplePack.pack(signed: true)) { $0.append(("run.json", Data("{}".utf8))) }
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

    @Test("a file that is not a ZIP, or a ZIP without MANIFEST, is not a pack")
    func notAPack() async throws {
        let notZip = try #require(throws: PackVerifier.UnusablePack.self) { try Self.verify(Data("PK not really".utf8)) }
        #expect(notZip.refusal == .notAnArchive)
        let noManifest = try SamplePack.tamper(try await SamplePack.pack(signed: true)) { $0.removeAll { $0.path == "MANIFEST" } }
        let error = try #require(throws: PackVerifier.UnusablePack.self) { try Self.verify(noManifest) }
        #expect(error.reason.contains("no MANIFEST"))
    }
}
